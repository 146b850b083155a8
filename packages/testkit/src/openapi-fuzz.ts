// Request generators driven by an OpenAPI 3.1 document (the one the API serves), and the checks
// every answer to a fuzzed request must pass. Valid values come from the schemas; hostile ones
// break them on purpose, and say which field they broke (`target`) when the break is certain.
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema objects are read loosely.
export type JsonSchema = Record<string, any>;

export type Operation = Readonly<{
  method: string;
  /** The Fastify URL, `/tasks/:taskId`. */
  path: string;
  name: string;
  pathParams: readonly Readonly<{ name: string; schema: JsonSchema }>[];
  queryParams: readonly Readonly<{ name: string; required: boolean; schema: JsonSchema }>[];
  body: JsonSchema | undefined;
  secured: boolean;
  /** Statuses the document lists for the operation. */
  statuses: ReadonlySet<number>;
}>;

/** Every operation of the document that needs a token (the public health and docs routes aside). */
export function operationsOf(document: Record<string, unknown>): Operation[] {
  const paths = document.paths as Record<string, Record<string, JsonSchema>>;
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const parameters = (operation.parameters as JsonSchema[])
        .map((p) => resolve(document, p))
        .filter((p) => p.in === 'path' || p.in === 'query');
      const body = operation.requestBody?.content?.['application/json']?.schema;
      operations.push({
        method: method.toUpperCase(),
        path: path.replace(/\{([A-Za-z]+)\}/g, ':$1'),
        name: `${method.toUpperCase()} ${path}`,
        pathParams: parameters
          .filter((p) => p.in === 'path')
          .map((p) => ({ name: p.name, schema: resolve(document, p.schema) })),
        queryParams: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({
            name: p.name,
            required: p.required === true,
            schema: resolve(document, p.schema),
          })),
        body: body === undefined ? undefined : resolve(document, body),
        secured: (operation.security as unknown[]).length > 0,
        statuses: new Set(Object.keys(operation.responses).map(Number)),
      });
    }
  }
  return operations.filter((o) => o.secured);
}

export function resolve(document: Record<string, unknown>, schema: JsonSchema): JsonSchema {
  let current = schema;
  while (typeof current.$ref === 'string') {
    const parts = (current.$ref as string).replace(/^#\//, '').split('/');
    // biome-ignore lint/suspicious/noExplicitAny: walking a JSON document.
    current = parts.reduce<any>((node, part) => node?.[part], document);
    if (current === undefined) throw new Error(`unresolved ${schema.$ref}`);
  }
  return current;
}

// ---------------------------------------------------------------------------------------------
// Raw JSON: values written verbatim into a body (too big or too deep to print), shown by a label.

export class Raw {
  constructor(
    readonly json: string,
    readonly label: string,
  ) {}
  [fc.toStringMethod](): string {
    return `Raw(${this.label})`;
  }
}

/** JSON text of `value`, with every Raw inside written verbatim. */
export function serialize(value: unknown): string {
  const raws: Raw[] = [];
  const text = JSON.stringify(value, (_key, v) => {
    if (v instanceof Raw) {
      raws.push(v);
      return `@@RAW${raws.length - 1}@@`;
    }
    return v;
  });
  return raws.reduce((out, raw, i) => out.replace(`"@@RAW${i}@@"`, () => raw.json), text ?? '');
}

const hugeText = 'x'.repeat(100_000);
export const huge = new Raw(JSON.stringify(hugeText), 'string of 100 KB');
export const hugeUnicode = new Raw(JSON.stringify('\u{1F600}'.repeat(25_000)), '25,000 emoji');
export const deepArray = (depth: number) =>
  new Raw(`${'['.repeat(depth)}${']'.repeat(depth)}`, `array nested ${depth} deep`);
export const deepObject = (depth: number) =>
  new Raw(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`, `object nested ${depth} deep`);

/** Strings that break naive text handling; many are valid values and must still be safe. */
export const unicodeEdges: readonly string[] = [
  '\u0000',
  'abc\u0000def',
  '\uD800',
  '\uDFFF',
  'abc\uDBFF',
  '\uDC00abc',
  '\u202Eevil\u202C name',
  'שלום עולם',
  'مرحبا بالعالم',
  '\u200B\u200C\u200D\uFEFF',
  'a\u200Bb\u200Bc',
  'e\u0301'.repeat(20),
  '👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦',
  '\uFFFF\uFFFE\uFFFD',
  '\u001b[31mred\u001b[0m',
  'line\r\nbreak\ttab',
  '\u2028\u2029sep',
  '   ',
  '\u00A0\u3000\u2003',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'İıſK',
  '%00%2F..',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "'; DROP TABLE events; --",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log-injection probe, literally.
  '${jndi:ldap://x}',
  '__proto__',
  'constructor',
];

export const unicodeEdge = fc.constantFrom(...unicodeEdges);

/** Byte sequences that are not UTF-8: overlong, surrogates, past U+10FFFF, cut short, stray. */
export const invalidUtf8 = fc.constantFrom(
  [0xc0, 0x80, 0xff, 0xfe],
  [0xff],
  [0x80],
  [0xc3],
  [0xe0, 0x80, 0x80],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xe2, 0x82],
);

/** Characters single-line text (names, titles, labels) refuses: C0/C1 controls, DEL, bidi. */
export const singleLineBreakers = fc.constantFrom(
  '\u0000',
  '\u0007',
  '\u001b',
  '\r',
  '\n',
  '\r\n',
  '\t',
  '\u007f',
  '\u0085',
  '\u009b',
  '\u202a',
  '\u202e',
  '\u2066',
  '\u2069',
);

/** Controls no text takes, multi-line or not (line breaks and tabs aside). */
export const multiLineBreakers = fc.constantFrom('\u0000', '\u0007', '\u001b', '\u007f', '\u009b');

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching controls is the point.
const singleLineRefused = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Any text: printable, full unicode, graphemes, and the edge cases above. */
export const anyText = (maxLength = 60) =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    unicodeEdge,
  );

// ---------------------------------------------------------------------------------------------
// Values from schemas.

const safeInteger = (s: JsonSchema) =>
  fc.integer({
    min: Math.max(s.minimum ?? -(2 ** 31), Number.MIN_SAFE_INTEGER),
    max: Math.min(s.maximum ?? 2 ** 31, Number.MAX_SAFE_INTEGER),
  });

/** A value the schema accepts (as far as JSON Schema can tell; the domain may still refuse). */
export function validOf(
  document: Record<string, unknown>,
  schema: JsonSchema,
): fc.Arbitrary<unknown> {
  const s = resolve(document, schema);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  if (Array.isArray(s.anyOf)) {
    return fc.oneof(...(s.anyOf as JsonSchema[]).map((x) => validOf(document, x)));
  }
  // `type: ["string", "null"]` (a nullable field): one of the types.
  if (Array.isArray(s.type)) {
    return fc.oneof(...(s.type as string[]).map((type) => validOf(document, { ...s, type })));
  }
  switch (s.type) {
    case 'string':
      return stringOf(s);
    case 'integer':
      return safeInteger(s);
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(validOf(document, s.items ?? {}), { maxLength: 3 });
    case 'object': {
      const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
      const shape = Object.fromEntries(
        Object.entries(properties).map(([k, v]) => [k, validOf(document, v)]),
      );
      const required = (s.required ?? []) as string[];
      const record = fc.record(shape, { requiredKeys: required });
      const minProperties = (s.minProperties ?? 0) as number;
      return record.filter((r) => Object.keys(r).length >= minProperties);
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringOf(s: JsonSchema): fc.Arbitrary<string> {
  const min = (s.minLength ?? 0) as number;
  const max = (s.maxLength ?? 60) as number;
  if (s.format === 'uuid') return fc.uuid();
  if (typeof s.pattern === 'string') {
    return fc
      .stringMatching(new RegExp(s.pattern))
      .filter((v) => v.length >= min && v.length <= max);
  }
  const fits = (v: string) => {
    const n = [...v.trim()].length;
    if (s['x-text'] === 'single-line' && singleLineRefused.test(v)) return false;
    return n >= min && n <= max;
  };
  const text = fc.oneof(
    fc.string({ minLength: min, maxLength: Math.min(max, 60) }),
    fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.min(max, 60) }),
    fc.string({ unit: 'binary', minLength: min, maxLength: Math.min(max, 60) }),
    unicodeEdge,
  );
  const examples = (Array.isArray(s.examples) ? s.examples : []) as string[];
  const all = examples.length > 0 ? fc.oneof(fc.constantFrom(...examples), text) : text;
  // Mostly in bounds; now and then not (the domain must refuse those too, with a 400).
  return fc.oneof({ weight: 4, arbitrary: all.filter(fits) }, { weight: 1, arbitrary: all });
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value) || value instanceof Raw) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Whether the value has one of the JSON types (or enum values) the schema allows. */
function typeMatches(
  document: Record<string, unknown>,
  schema: JsonSchema,
  value: unknown,
): boolean {
  const s = resolve(document, schema);
  if (Array.isArray(s.enum)) return (s.enum as unknown[]).includes(value);
  if (Array.isArray(s.anyOf)) {
    return (s.anyOf as JsonSchema[]).some((x): boolean => typeMatches(document, x, value));
  }
  if (s.type === undefined) return true;
  const type = jsonTypeOf(value);
  const allowed: unknown[] = Array.isArray(s.type) ? s.type : [s.type];
  return allowed.includes(type) || (allowed.includes('number') && type === 'integer');
}

const typeSamples: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 1e308, -0, '', 'x', [], {}, [1], {
    a: 1,
  }),
  fc.integer(),
  fc.string({ maxLength: 10 }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(deepArray(5_000), deepObject(5_000), deepArray(20_000)),
);

/** A value the schema refuses for certain; its label says why. */
export function invalidOf(
  document: Record<string, unknown>,
  schema: JsonSchema,
): fc.Arbitrary<unknown> {
  const s = resolve(document, schema);
  const choices: fc.Arbitrary<unknown>[] = [
    typeSamples.filter((v) => !typeMatches(document, s, v)),
  ];
  const strings = [s, ...((s.anyOf ?? []) as JsonSchema[]).map((x) => resolve(document, x))].filter(
    (x) => x.type === 'string',
  );
  for (const str of strings) {
    if (typeof str.maxLength === 'number') {
      choices.push(
        fc
          .integer({ min: str.maxLength + 1, max: str.maxLength + 3_000 })
          .map((n) => 'x'.repeat(n)),
      );
    }
    if (typeof str.minLength === 'number' && str.minLength > 0) {
      choices.push(fc.integer({ min: 0, max: str.minLength - 1 }).map((n) => 'x'.repeat(n)));
    }
    if (Array.isArray(str.enum)) {
      choices.push(anyText(20).filter((v) => !(str.enum as unknown[]).includes(v)));
    }
    if (typeof str.pattern === 'string') {
      const pattern = new RegExp(str.pattern);
      choices.push(
        fc
          .oneof(
            fc.constantFrom('not-a-uuid', '-', 'ä', '12345678-1234-1234-1234-1234567890abc', ' a'),
            fc.uuid().map((u) => `${u}x`),
            fc.uuid().map((u) => `{${u}}`),
            anyText(40),
          )
          .filter((v) => v.length > 0 && !pattern.test(v) && v.length <= (str.maxLength ?? 1e9)),
      );
    }
  }
  return fc.oneof(...choices);
}

// ---------------------------------------------------------------------------------------------
// Bodies.

export type Body = Readonly<{
  /** What this body is, for the failure report. */
  kind: string;
  /** The wire payload; undefined sends none. */
  payload: string | Buffer | undefined;
  contentType: string | undefined;
  /** The field a 400 must name: a property, or `body` for the whole. */
  target?: string;
  /** True when the answer cannot be a 2xx. */
  mustFail: boolean;
  /** JSON, as application/json, small enough: it reaches the handler (path checks come first). */
  reachesHandler: boolean;
  /** Refused by the body parser, naming `target`, before the handler looks at the path. */
  refusedByParser?: boolean;
}>;

const json = (kind: string, value: unknown, more: Partial<Body> = {}): Body => {
  const payload = serialize(value);
  return {
    kind,
    payload,
    contentType: 'application/json',
    mustFail: false,
    reachesHandler: Buffer.byteLength(payload) < 60_000,
    ...more,
  };
};

const printable = (value: unknown) => (value instanceof Raw ? value.label : value);

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

/** Valid and hostile bodies for an operation's body schema (or hostile ones where none is taken). */
export function bodiesFor(
  document: Record<string, unknown>,
  schema: JsonSchema | undefined,
): fc.Arbitrary<Body> {
  const raw = (
    kind: string,
    payload: string | Buffer | undefined,
    contentType: string | undefined,
  ): Body => ({
    kind,
    payload,
    contentType,
    mustFail: schema !== undefined,
    reachesHandler: payload === undefined,
  });
  const generic: fc.Arbitrary<Body>[] = [
    fc.constant(raw('no body, no content type', undefined, undefined)),
    fc.constant(raw('empty body as JSON', '', 'application/json')),
    fc.constantFrom(
      raw('not JSON', 'name=hello&type=Doing', 'application/json'),
      raw('truncated JSON', '{"name":"abc', 'application/json'),
      raw('JSON with a trailing comma', '{"name":"abc",}', 'application/json'),
      raw('NaN literal', '{"name":NaN}', 'application/json'),
      raw('proto poisoning', '{"__proto__":{"admin":true},"name":"abc"}', 'application/json'),
      raw(
        'constructor poisoning',
        '{"constructor":{"prototype":{"admin":true}},"name":"abc"}',
        'application/json',
      ),
      raw(
        'invalid UTF-8',
        Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
        'application/json',
      ),
      raw('UTF-16 BOM', Buffer.from('\uFEFF{"name":"abc"}', 'utf16le'), 'application/json'),
      // RFC 8259 lets a parser ignore a BOM: this one may pass (Fastify's parser skips it).
      { ...raw('BOM then JSON', '\uFEFF{"name":"abc"}', 'application/json'), mustFail: false },
      raw('huge non-JSON', 'x'.repeat(100_000), 'application/json'),
      raw('100 KB JSON string', JSON.stringify(hugeText), 'application/json'),
      raw('array nested 5,000 deep', deepArray(5_000).json, 'application/json'),
      raw('object nested 5,000 deep', deepObject(5_000).json, 'application/json'),
      raw('array nested 30,000 deep', deepArray(30_000).json, 'application/json'),
      raw('form as text/plain', '{"name":"abc"}', 'text/plain'),
      raw('form urlencoded', 'name=abc&type=Doing', 'application/x-www-form-urlencoded'),
      raw(
        'multipart',
        '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nabc\r\n--x--',
        'multipart/form-data; boundary=x',
      ),
      raw('XML', '<name>abc</name>', 'application/xml'),
      raw('JSON without a content type', '{"name":"abc"}', undefined),
      raw('bogus content type', '{"name":"abc"}', '\u0000/\u0000'),
      {
        ...raw(
          'content type parameters',
          '{"name":"abc"}',
          'application/json; charset=latin1; x=y',
        ),
        mustFail: false,
      },
    ),
    fc
      .oneof(
        fc.constantFrom<unknown>(null, 0, 1, true, 'text', [], [{}]),
        fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
        anyText(),
      )
      .map(
        (v): Body =>
          schema === undefined
            ? json(`body ${JSON.stringify(v)}`, v)
            : json(`body ${JSON.stringify(v)}`, v, { target: 'body', mustFail: true }),
      ),
  ];
  if (schema === undefined) {
    return fc.oneof(
      { weight: 4, arbitrary: fc.constant(raw('no body', undefined, undefined)) },
      ...generic.map((arbitrary) => ({ weight: 1, arbitrary })),
    );
  }
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = (schema.required ?? []) as string[];
  const names = Object.keys(properties);
  const valid = validOf(document, schema) as fc.Arbitrary<Record<string, unknown>>;
  const variants: fc.Arbitrary<Body>[] = [
    valid.map((v) => json('valid', v)),
    // Valid, but as application/json with odd spellings of the type.
    fc
      .tuple(valid, fc.constantFrom('APPLICATION/JSON', 'application/json; charset=utf-8'))
      .map(([v, type]) => ({ ...json(`valid as ${type}`, v), contentType: type })),
    // The same body as a form, plain text, or without a content type: 415 (or 400), never a write.
    fc
      .tuple(valid, fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'text/html'))
      .map(([v, type]) => ({
        ...json(`valid as ${type}`, v),
        contentType: type,
        mustFail: true,
        reachesHandler: false,
      })),
  ];
  // An extra field: refused where the schema closes the object (additionalProperties: false);
  // an open one (a third party's export format) ignores what it does not know.
  if (schema.additionalProperties === false) {
    variants.push(
      fc
        .tuple(
          valid,
          fc.oneof(
            fc.constantFrom('id', 'version', 'workspaceId', 'admin', 'a.b', '$where'),
            anyText(20),
          ),
          fc.jsonValue({ maxDepth: 1 }),
        )
        .filter(([, key]) => key !== '' && !names.includes(key) && !forbiddenKeys.has(key))
        .map(([v, key, extra]) =>
          json(
            `extra field ${JSON.stringify(key)}`,
            { ...v, [key]: extra },
            { target: key, mustFail: true },
          ),
        ),
    );
  }
  if (required.length > 0) {
    variants.push(
      fc.tuple(valid, fc.constantFrom(...required)).map(([v, key]) => {
        const { [key]: _dropped, ...rest } = v;
        return json(`missing ${key}`, rest, { target: key, mustFail: true });
      }),
    );
  }
  for (const name of names) {
    const field = properties[name]!;
    variants.push(
      fc.tuple(valid, invalidOf(document, field)).map(([v, bad]) =>
        json(
          `${name} = ${String(JSON.stringify(printable(bad))).slice(0, 80)}`,
          { ...v, [name]: bad },
          {
            target: name,
            mustFail: true,
          },
        ),
      ),
    );
    const fieldSchema = resolve(document, field);
    const isText =
      fieldSchema.type === 'string' ||
      ((fieldSchema.anyOf ?? []) as JsonSchema[]).some(
        (x) => resolve(document, x).type === 'string',
      );
    if (isText) {
      // Bytes that are not UTF-8 inside the field's string: the parser names the field.
      variants.push(
        fc.tuple(valid, invalidUtf8, fc.string({ maxLength: 5 })).map(([v, bytes, before]) => {
          const text = serialize({ ...v, [name]: '@@BYTES@@' });
          const [head, tail] = text.split('"@@BYTES@@"') as [string, string];
          const quoted = JSON.stringify(before).slice(0, -1);
          return {
            kind: `${name} = ${quoted}<${Buffer.from(bytes).toString('hex')}>"`,
            payload: Buffer.concat([
              Buffer.from(`${head}${quoted}`),
              Buffer.from(bytes),
              Buffer.from(`"${tail}`),
            ]),
            contentType: 'application/json',
            target: name,
            mustFail: true,
            reachesHandler: false,
            refusedByParser: true,
          } satisfies Body;
        }),
      );
      const textKind = [fieldSchema, ...((fieldSchema.anyOf ?? []) as JsonSchema[])]
        .map((x) => resolve(document, x)['x-text'])
        .find((k) => k !== undefined);
      if (textKind !== undefined) {
        const breakers = textKind === 'single-line' ? singleLineBreakers : multiLineBreakers;
        variants.push(
          fc.tuple(valid, breakers, fc.nat({ max: 3 })).map(([v, c, at]) => {
            const base = typeof v[name] === 'string' ? (v[name] as string) : 'Fine text';
            const cut = Math.min(at, base.length);
            const text = `${base.slice(0, cut)}${c}${base.slice(cut)}`;
            return json(
              `${name} = ${JSON.stringify(text)}`,
              { ...v, [name]: text },
              {
                target: name,
                mustFail: true,
              },
            );
          }),
        );
      }
      variants.push(
        fc
          .tuple(valid, fc.constantFrom(huge, hugeUnicode))
          .map(([v, big]) =>
            json(`${name} = ${big.label}`, { ...v, [name]: big }, { mustFail: true }),
          ),
        fc
          .tuple(valid, anyText())
          .map(([v, text]) => json(`${name} = ${JSON.stringify(text)}`, { ...v, [name]: text })),
      );
    }
    // Duplicate keys: which one wins is the parser's business, but never a 5xx or a bad write.
    variants.push(
      fc.tuple(valid, invalidOf(document, field), fc.boolean()).map(([v, bad, badFirst]) => {
        const good = serialize(v[name] ?? 'abc');
        const worse = serialize(bad);
        const rest = serialize(Object.fromEntries(Object.entries(v).filter(([k]) => k !== name)));
        const pairs = badFirst ? [worse, good] : [good, worse];
        const inner = rest.slice(1, -1);
        const text = `{${pairs.map((p) => `${JSON.stringify(name)}:${p}`).join(',')}${inner === '' ? '' : `,${inner}`}}`;
        return {
          kind: `duplicate ${name} (${badFirst ? 'bad first' : 'bad last'})`,
          payload: text,
          contentType: 'application/json',
          // JSON.parse keeps the last: a bad last value must be refused, naming the field.
          ...(badFirst ? {} : { target: name }),
          mustFail: !badFirst,
          reachesHandler: true,
        } satisfies Body;
      }),
    );
  }
  return fc.oneof(
    ...variants.map((arbitrary) => ({ weight: 3, arbitrary })),
    ...generic.map((arbitrary) => ({ weight: 1, arbitrary })),
  );
}

// ---------------------------------------------------------------------------------------------
// Path segments and query strings.

export type Segment = Readonly<{
  /** As written in the URL (percent-encoded). */
  wire: string;
  /** Whether the decoded value passes the parameter's schema; unknown when the router may refuse it. */
  state: 'valid' | 'invalid' | 'unknown';
}>;

/** find-my-way's default maxParamLength: a longer segment matches no route (404). */
const maxParamLength = 100;

const loneSurrogate = /([\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF])/;

/** encodeURIComponent, except that lone surrogates become the (invalid) UTF-8 of their code unit. */
export function encodeSegment(value: string): string {
  return value
    .split(loneSurrogate)
    .map((part, i) => {
      if (i % 2 === 0) return encodeURIComponent(part);
      const code = part.charCodeAt(0);
      return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    })
    .join('');
}

/** Whether a string breaks a string schema (pattern, lengths, enum) for certain. */
function stringBreaks(schema: JsonSchema, value: string): boolean {
  const trimmed = [...value.trim()].length;
  if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(value)) return true;
  if (Array.isArray(schema.enum) && !(schema.enum as unknown[]).includes(value)) return true;
  if (typeof schema.minLength === 'number' && value.length < schema.minLength) return true;
  if (typeof schema.maxLength === 'number' && trimmed > schema.maxLength) return true;
  return false;
}

const rawSegments: readonly string[] = [
  '%',
  '%zz',
  '%E0%A4%A',
  '%C0%AF',
  '%00',
  '..',
  '.',
  '%2e%2e',
  '%2F',
  'a%2Fb',
];

export function segmentsFor(schema: JsonSchema, known: readonly string[]): fc.Arbitrary<Segment> {
  const of = (value: string): Segment => {
    const wire = encodeSegment(value);
    // Too long for the router, not UTF-8, or a dot segment the URL parser resolves away.
    if (wire.length > maxParamLength || loneSurrogate.test(value) || /^\.{1,2}$/.test(value)) {
      return { wire, state: 'unknown' };
    }
    return { wire, state: stringBreaks(schema, value) ? 'invalid' : 'valid' };
  };
  const choices: fc.WeightedArbitrary<Segment>[] = [
    { weight: 2, arbitrary: stringOf(schema).map(of) },
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          anyText(40),
          fc.constantFrom('not-a-uuid', 'null', 'undefined', '0', '-1', 'true', '[]', '{}'),
          fc.uuid().map((u) => u.toUpperCase()),
          fc.uuid().map((u) => `${u} `),
          fc.uuid().map((u) => u.replace(/-/g, '')),
          fc.integer({ min: 90, max: 5_000 }).map((n) => 'a'.repeat(n)),
        )
        .filter((v) => v !== '')
        .map(of),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...rawSegments)
        .map((wire): Segment => ({ wire, state: 'unknown' })),
    },
  ];
  if (known.length > 0) {
    choices.push({ weight: 4, arbitrary: fc.constantFrom(...known).map(of) });
  }
  return fc.oneof(...choices);
}

export type QueryString = Readonly<{ text: string; target?: string }>;

/** A query string from the operation's query parameters, valid or broken one way at a time. */
export function queryStringsFor(
  document: Record<string, unknown>,
  params: Operation['queryParams'],
): fc.Arbitrary<QueryString> {
  const pair = (name: string, value: string) => `${encodeSegment(name)}=${encodeSegment(value)}`;
  // Cursors are opaque: only one a page answered with is valid, so none is made up here.
  const plain = params.filter((p) => p.name !== 'cursor');
  const validPairs = fc
    .tuple(
      ...plain.map((p) =>
        fc.option(
          (validOf(document, p.schema) as fc.Arbitrary<unknown>).map((v) =>
            pair(p.name, String(v)),
          ),
          { nil: undefined },
        ),
      ),
    )
    .map((pairs) => pairs.filter((p): p is string => p !== undefined));
  const variants: fc.Arbitrary<QueryString>[] = [
    validPairs.map((pairs) => ({ text: pairs.join('&') })),
    fc
      .tuple(validPairs, anyText(20), anyText(20))
      .filter(([, name]) => name !== '' && !params.some((p) => p.name === name))
      .map(([pairs, name, value]) => ({
        text: [...pairs, pair(name, value)].join('&'),
        // A name that is not UTF-8 once decoded is named as sent.
        target: loneSurrogate.test(name) ? encodeSegment(name) : name,
      })),
    fc
      .constantFrom(
        '&&&',
        '=',
        '==&=',
        '%',
        '%zz=1',
        'a[b]=1',
        'a[__proto__][x]=1',
        '__proto__=1',
        'constructor[prototype][x]=1',
        `q=${'x'.repeat(100_000)}`,
        `${'a'.repeat(10_000)}=1`,
      )
      .map((text) => ({ text })),
  ];
  for (const p of params) {
    const s = p.schema;
    const numeric = s.type === 'integer' || s.type === 'number';
    const bad = numeric
      ? fc.oneof(
          fc.constantFrom('abc', '', '1.5', '-1', '1e3x', 'NaN', 'Infinity', '0x10', '١٢', ' '),
          fc.constantFrom('99999999999999999999999', String(2 ** 53), '-0.0000001'),
          anyText(20),
        )
      : invalidOf(document, s).filter((v): v is string => typeof v === 'string');
    const breaks = (v: string) =>
      numeric ? !isValidNumber(s, v) : s.type === 'string' && stringBreaks(s, v);
    variants.push(
      fc
        .tuple(validPairs, bad)
        .filter(([, v]) => breaks(v))
        .map(([pairs, v]) => ({
          text: [...pairs.filter((x) => !x.startsWith(`${p.name}=`)), pair(p.name, v)].join('&'),
          target: p.name,
        })),
      // The same parameter twice: an array where one value is expected.
      fc.tuple(validOf(document, s), validOf(document, s)).map(([a, b]) => ({
        text: `${pair(p.name, String(a))}&${pair(p.name, String(b))}`,
        target: p.name,
      })),
    );
  }
  return fc.oneof(...variants);
}

/**
 * Whether the query side takes the text as this number. It coerces with `Number()` (z.coerce), so
 * `''` and `' '` are 0, `0x10` is 16 and `1e2` is 100: lenient, noted, not asserted against.
 */
function isValidNumber(schema: JsonSchema, text: string): boolean {
  const n = Number(text);
  if (!Number.isFinite(n)) return false;
  if (schema.type === 'integer' && !Number.isSafeInteger(n)) return false;
  if (typeof schema.minimum === 'number' && n < schema.minimum) return false;
  if (typeof schema.maximum === 'number' && n > schema.maximum) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Headers.

export const hostileHeaderValues = fc.constantFrom(
  '',
  ' ',
  '*',
  '"1"',
  'W/"1"',
  '"-1"',
  '"abc"',
  '"99999999999999999999999999"',
  '1',
  '"1", "2"',
  'x'.repeat(300),
  'x'.repeat(8_000),
  '\u00ff\u00fe',
);

// ---------------------------------------------------------------------------------------------
// Sending and checking.

export type Sent = Readonly<{
  status: number;
  contentType: string;
  // biome-ignore lint/suspicious/noExplicitAny: answers are read loosely and asserted on.
  body: any;
  text: string;
}>;

export type Request = Readonly<{
  method: string;
  url: string;
  headers: Record<string, string>;
  payload: string | Buffer | undefined;
}>;

/** Answers seen, by status, for the summary line each suite prints. */
export function tally(): { add: (status: number) => void; line: () => string } {
  const counts = new Map<number, number>();
  return {
    add: (status) => counts.set(status, (counts.get(status) ?? 0) + 1),
    line: () => {
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      const parts = [...counts].sort(([a], [b]) => a - b).map(([k, v]) => `${k}×${v}`);
      return `${total} requests: ${parts.join(' ')}`;
    },
  };
}

/** Sends with inject; undefined when the request cannot even be put on the wire (bad header). */
export async function send(app: FastifyInstance, request: Request): Promise<Sent | undefined> {
  let response: Awaited<ReturnType<FastifyInstance['inject']>>;
  try {
    response = await app.inject({
      method: request.method as 'GET',
      url: request.url,
      headers: request.headers,
      ...(request.payload === undefined ? {} : { payload: request.payload }),
    });
  } catch (error) {
    if (error instanceof TypeError && /header|character/i.test(error.message)) return undefined;
    throw error;
  }
  let body: unknown;
  try {
    body = response.body === '' ? undefined : JSON.parse(response.body);
  } catch {
    body = response.body;
  }
  return {
    status: response.statusCode,
    contentType: String(response.headers['content-type'] ?? ''),
    body,
    text: response.body,
  };
}

/** A short, printable account of a request and its answer for failure messages. */
export function describe(request: Request, sent: Sent | undefined, kind: string): string {
  const payload =
    request.payload === undefined
      ? '(none)'
      : Buffer.isBuffer(request.payload)
        ? `<${request.payload.length} bytes: ${request.payload.toString('hex').slice(0, 80)}>`
        : request.payload.length > 300
          ? `${request.payload.slice(0, 300)}… (${request.payload.length} chars)`
          : request.payload;
  const headers = Object.fromEntries(
    Object.entries(request.headers)
      .filter(([k]) => k !== 'authorization')
      .map(([k, v]) => [k, v.length > 100 ? `${v.slice(0, 100)}… (${v.length})` : v]),
  );
  return [
    `${request.method} ${request.url.length > 300 ? `${request.url.slice(0, 300)}…` : request.url}`,
    `  case: ${kind}`,
    `  headers: ${JSON.stringify(headers)}`,
    `  body: ${payload}`,
    `  → ${sent === undefined ? 'not sent' : `${sent.status} ${sent.contentType} ${sent.text.slice(0, 600)}`}`,
  ].join('\n');
}

/**
 * What every answer must be: never a 5xx; a 4xx is problem+json with `type`, `title` and a
 * matching `status`; a 400 of kind validation names every refused field, and the `target` the
 * request broke on purpose among them.
 */
export function checkAnswer(
  sent: Sent,
  context: string,
  expectations: { target?: string | undefined; mustFail: boolean; statuses: ReadonlySet<number> },
): void {
  expect(sent.status, `5xx\n${context}`).toBeLessThan(500);
  if (expectations.mustFail)
    expect(sent.status, `accepted\n${context}`).toBeGreaterThanOrEqual(400);
  expect(expectations.statuses.has(sent.status), `undocumented status\n${context}`).toBe(true);
  if (sent.status < 400) return;
  expect(sent.contentType, `not problem+json\n${context}`).toMatch(/^application\/problem\+json/);
  const body = sent.body;
  expect(typeof body, `problem body\n${context}`).toBe('object');
  expect(body.status, `problem status\n${context}`).toBe(sent.status);
  expect(typeof body.title === 'string' && body.title.length > 0, `title\n${context}`).toBe(true);
  expect(String(body.type), `type\n${context}`).toMatch(/^urn:taskomask:problem:/);
  expect(body, `stack leaked\n${context}`).not.toHaveProperty('stack');
  if (body.type === 'urn:taskomask:problem:validation') {
    if (Array.isArray(body.errors)) {
      expect(body.errors.length, `errors[] empty\n${context}`).toBeGreaterThan(0);
      for (const e of body.errors) {
        expect(typeof e.field === 'string' && typeof e.reason === 'string', context).toBe(true);
      }
    } else {
      expect(typeof body.detail === 'string' && body.detail.length > 0, `detail\n${context}`).toBe(
        true,
      );
    }
  }
  const target = expectations.target;
  if (target !== undefined) {
    expect(sent.status, `a broken ${target} must answer 400\n${context}`).toBe(400);
    expect(body.type, context).toBe('urn:taskomask:problem:validation');
    const named =
      (Array.isArray(body.errors) &&
        body.errors.some(
          (e: { field: string }) => e.field === target || e.field.startsWith(`${target}.`),
        )) ||
      (typeof body.detail === 'string' && body.detail.includes(target));
    expect(named, `the problem does not name ${JSON.stringify(target)}\n${context}`).toBe(true);
  }
}
