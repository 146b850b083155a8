// Issue 8 §3: property-based fuzzing (fast-check) of the identity service's forms — sign-in,
// registration, consent, profile and password change — over real HTTP against a real identity
// server: wrong types, missing, extra and duplicate fields, huge strings, unicode edge cases,
// wrong and broken content types, CSRF tokens wrong or missing, hostile interaction ids.
// Every answer: no 5xx; a refusal is a 4xx page that says what was wrong (the form again with
// the field's error, or an error page naming the fields it could not read); nothing a refused
// request sent is changed (no event appended, no password changed); no submitted text comes back
// un-escaped. FUZZ_SEED=<seed> FUZZ_RUNS=<n> reproduce or widen a run.

import { Browser, hiddenInputs } from '@taskomask/testkit/browser';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  pkce,
  type RunningIdentity,
  registerThroughPages,
  startAuthorization,
  startIdentity,
} from '../testing/identity-server';

const seed = Number(process.env.FUZZ_SEED ?? 20_261_202);
const numRuns = Number(process.env.FUZZ_RUNS ?? 40);
fc.configureGlobal({ seed, numRuns, endOnFailure: true });

/** Strings that break naive text handling; a few are markup, which must come back escaped. */
const unicodeEdges = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  'abc\uDBFF',
  '\uDC00abc',
  '\u202Eevil\u202C name',
  'שלום עולם',
  '\u200B\u200C\u200D\uFEFF',
  'e\u0301'.repeat(20),
  '👩‍👩‍👧‍👦',
  '\uFFFF\uFFFE\uFFFD',
  '\u001b[31mred\u001b[0m',
  'line\r\nbreak\ttab',
  '\u2028\u2029',
  '   ',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'İıſK@example.com',
  'ﬀ@ｅxample.com',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='alert(1)",
  '&lt;b&gt;&amp;',
  '%00%2F..',
  '{{7*7}}<%= 7*7 %>',
  '__proto__',
];

const text = (maxLength: number) =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc.constantFrom(...unicodeEdges),
  );

/** A field value as a form can carry it: text, huge text, a repeated field (an array). */
const formValue = (valid: readonly string[]) =>
  fc.oneof(
    { weight: 3, arbitrary: text(80) },
    { weight: 2, arbitrary: fc.constantFrom(...valid) },
    { weight: 1, arbitrary: fc.constantFrom('x'.repeat(100_000), '<b>'.repeat(400)) },
    {
      weight: 1,
      arbitrary: fc.array(fc.oneof(text(20), fc.constantFrom(...valid)), {
        minLength: 2,
        maxLength: 3,
      }),
    },
  );

/** JSON-only values: what a urlencoded form can never carry. */
const jsonValue = fc.oneof(
  fc.constantFrom<unknown>(null, 0, -1, true, false, [], {}, 1e308, ['a', 'b']),
  fc.jsonValue({ maxDepth: 2 }),
);

type Form = Record<string, unknown>;

/** A form for `fields`: each present or missing, some extra fields, odd values. */
const formOf = (fields: Readonly<Record<string, readonly string[]>>) =>
  fc
    .tuple(
      fc.record(
        Object.fromEntries(
          Object.entries(fields).map(([name, valid]) => [name, formValue(valid)]),
        ) as Record<string, fc.Arbitrary<unknown>>,
        { requiredKeys: [] },
      ),
      fc.dictionary(
        fc.oneof(
          fc.constantFrom('__proto__', 'constructor', 'role', 'ownerId', 'status', 'admin'),
          text(10),
        ),
        text(20),
        { maxKeys: 2 },
      ),
    )
    .map(([known, extra]): Form => ({ ...extra, ...known }));

type Encoded = Readonly<{ label: string; headers: Record<string, string>; body?: string }>;

/** encodeURIComponent as a browser does it: a lone surrogate becomes U+FFFD, not an exception. */
const encode = (value: string) =>
  encodeURIComponent(
    value.replace(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '\uFFFD',
    ),
  );

const urlencode = (form: Form) =>
  Object.entries(form)
    .flatMap(([name, value]) =>
      (Array.isArray(value) ? value : [value]).map((v) => `${encode(name)}=${encode(String(v))}`),
    )
    .join('&');

const multipart = (form: Form) => {
  const boundary = '----fuzz7MA4YWxkTrZu0gW';
  const parts = Object.entries(form).map(
    ([name, value]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${String(value)}\r\n`,
  );
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: `${parts.join('')}--${boundary}--\r\n`,
  };
};

const form = 'application/x-www-form-urlencoded';

/** How the form goes over the wire: mostly as a browser sends it, often not. */
const encodingOf = (f: Form): fc.Arbitrary<Encoded> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.constant({
        label: 'urlencoded',
        headers: { 'content-type': form },
        body: urlencode(f),
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .record(
          Object.fromEntries(
            Object.keys(f).map((k) => [k, fc.oneof(fc.constant(f[k]), jsonValue)]),
          ),
        )
        .map((values) => ({
          label: 'json',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(values),
        })),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom<Encoded>(
        { label: 'multipart', ...multipart(f) },
        { label: 'text/plain', headers: { 'content-type': 'text/plain' }, body: urlencode(f) },
        { label: 'no content type', headers: {}, body: urlencode(f) },
        { label: 'no body', headers: { 'content-type': form } },
        {
          label: 'utf-16 charset',
          headers: { 'content-type': `${form}; charset=utf-16` },
          body: urlencode(f),
        },
        {
          label: 'broken json',
          headers: { 'content-type': 'application/json' },
          body: '{"email":',
        },
        {
          label: 'deep json',
          headers: { 'content-type': 'application/json' },
          body: `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
        },
        {
          label: 'broken escapes',
          headers: { 'content-type': form },
          body: 'email=%zz&password=%E0%A4%A',
        },
        { label: 'only separators', headers: { 'content-type': form }, body: '&&==&=' },
        {
          label: '2 MB',
          headers: { 'content-type': form },
          body: `email=${'a'.repeat(2_000_000)}`,
        },
        { label: 'xml', headers: { 'content-type': 'application/xml' }, body: '<email>a</email>' },
        { label: 'bad media type', headers: { 'content-type': '///;;;' }, body: urlencode(f) },
      ),
    },
  );

/** A form and its encoding, printed compactly when fast-check reports a counterexample. */
const caseOf = (f: Form) =>
  encodingOf(f).map((e) =>
    Object.assign([f, e] as const, { [fc.toStringMethod]: () => describeForm(f, e) }),
  );

type Answer = Readonly<{ status: number; type: string; body: string; location: string | null }>;

async function answerOf(response: Response): Promise<Answer> {
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    body: await response.text(),
    location: response.headers.get('location'),
  };
}

/** The strings a form sent, to look for un-escaped in the page. */
function sentStrings(f: Form): string[] {
  return Object.entries(f).flatMap(([k, v]) => [k, ...(Array.isArray(v) ? v : [v]).map(String)]);
}

/** What every answer to a form must be, whatever was sent. */
function expectSafeAnswer(answer: Answer, f: Form, label: string) {
  expect(answer.status, label).toBeLessThan(500);
  // A script's bodies, never a browser form's: refused before they are read.
  if (/^(json|broken json|deep json|text\/plain) /.test(label)) {
    expect(answer.status, label).toBe(415);
  }
  expect(answer.status, label).toBeGreaterThanOrEqual(200);
  if (answer.status >= 400) {
    // Our page, saying what went wrong: the form with an alert or an error page.
    expect(answer.type, label).toMatch(/^text\/html/);
    expect(answer.body, label).toMatch(/role="alert">[^<]+/);
  }
  // Markup a user sent is never part of the page as markup.
  for (const sent of sentStrings(f)) {
    if (/[<>"']/.test(sent) && sent.length >= 3) {
      expect(answer.body.includes(sent), `${label}: ${JSON.stringify(sent)} reflected`).toBe(false);
    }
  }
}

const describeForm = (f: Form, e: Encoded): string =>
  `${e.label} ${JSON.stringify(f, (_k, v) => (typeof v === 'string' && v.length > 120 ? `${v.slice(0, 40)}…(${v.length})` : v))}`;

describe(`fuzzing the identity forms (seed ${seed}, ${numRuns} runs)`, () => {
  let running: RunningIdentity;
  let member: Browser;
  let ownerId: string;
  let csrf: string;
  const email = 'margaret@example.com';
  let password = 'apollo-guidance-69';
  const url = (path: string) => `${running.issuer}${path}`;
  const lots = { attempts: 1_000_000, windowSeconds: 60, lockSeconds: 1 };

  beforeAll(async () => {
    running = await startIdentity({
      registrationsPerIpPerHour: 1_000_000,
      loginLimits: { perAccount: lots, perIp: lots },
    });
    member = new Browser();
    await registerThroughPages(running, member, pkce(), {
      displayName: 'Margaret Hamilton',
      email,
      password,
    });
    const page = await (await member.get(url('/account/profile'))).text();
    csrf = hiddenInputs(page).csrf!;
    const account = await running.identity.accounts.authenticate(email, password);
    if (!account.ok) throw new Error('the member cannot sign in');
    ownerId = account.account.ownerId;
  });
  afterAll(() => running?.close());

  const send = (browser: Browser, path: string, e: Encoded) =>
    browser
      .request(url(path), {
        method: 'POST',
        headers: e.headers,
        ...(e.body === undefined ? {} : { body: e.body }),
      })
      .then(answerOf);

  /** The state a refused request must leave as it was. */
  const snapshot = async () => ({
    head: await running.eventStore.headPosition(),
    hash: await running.store.credentials.get(ownerId),
    account: await running.identity.accounts.find(ownerId),
  });

  it('sign-in: refuses every bad form with the form again, signs in only the right password', async () => {
    const fields = { email: [email, 'nobody@example.com'], password: [password, 'wrong'] };
    await fc.assert(
      fc.asyncProperty(formOf(fields).chain(caseOf), async ([f, e]) => {
        const browser = new Browser();
        const page = await startAuthorization(browser, running.issuer, pkce());
        const before = await snapshot();
        const answer = await send(browser, `${new URL(page).pathname}/login`, e);
        const label = describeForm(f, e);
        expectSafeAnswer(answer, f, label);
        const right =
          e.label === 'urlencoded' || e.label === 'multipart'
            ? f.email === email && f.password === password
            : false;
        if (answer.status === 303) expect(right, label).toBe(true);
        else expect(await snapshot(), label).toEqual(before);
      }),
    );
  });

  it('registration: refuses every bad form with the form again and creates no account', async () => {
    const fields = {
      displayName: ['Grace Hopper', ''],
      email: ['grace@example.com', email, 'not-an-email'],
      password: ['cobol-compiler-1959', 'short'],
    };
    await fc.assert(
      fc.asyncProperty(formOf(fields).chain(caseOf), async ([f, e]) => {
        const browser = new Browser();
        const page = await startAuthorization(browser, running.issuer, pkce());
        const before = await snapshot();
        const answer = await send(browser, `${new URL(page).pathname}/register`, e);
        const label = describeForm(f, e);
        expectSafeAnswer(answer, f, label);
        if (answer.status === 303) {
          // Created: then it signs in with what was sent, once.
          const created = await running.identity.accounts.authenticate(
            String(f.email),
            String(f.password),
          );
          expect(created.ok, label).toBe(true);
          expect(await running.identity.accounts.find(ownerId), label).toEqual(before.account);
        } else {
          expect(await snapshot(), label).toEqual(before);
        }
      }),
    );
  });

  it('profile and password: refuse a bad or missing CSRF token and every bad form; change nothing', async () => {
    const forms = fc.oneof(
      fc.record({
        path: fc.constant('/account/profile'),
        form: formOf({
          csrf: ['VALID', '', 'x'.repeat(43)],
          displayName: ['Margaret Hamilton', 'M. H.'],
          email: [email, 'mh@example.com'],
        }),
      }),
      fc.record({
        path: fc.constant('/account/password'),
        form: formOf({
          csrf: ['VALID', '', 'x'.repeat(43)],
          currentPassword: ['CURRENT', 'wrong'],
          newPassword: ['saturn-five-1969', '1234567890'],
        }),
      }),
    );
    const resolve = (f: Form): Form =>
      Object.fromEntries(
        Object.entries(f).map(([k, v]) => [
          k,
          v === 'VALID' ? csrf : v === 'CURRENT' ? password : v,
        ]),
      );
    await fc.assert(
      fc.asyncProperty(
        forms.chain(({ path, form: f }) =>
          caseOf(resolve(f)).map(([g, e]) =>
            Object.assign([path, g, e] as const, {
              [fc.toStringMethod]: () => `${path} ${describeForm(g, e)}`,
            }),
          ),
        ),
        fc.boolean(),
        async ([path, f, e], signedIn) => {
          const before = await snapshot();
          const answer = await send(signedIn ? member : new Browser(), path, e);
          const label = `${signedIn ? 'member' : 'stranger'} ${path} ${describeForm(f, e)}`;
          expectSafeAnswer(answer, f, label);
          // A stranger is refused: 401, unless the body is refused before anyone looks at the session.
          if (!signedIn) expect([400, 401, 413, 415], label).toContain(answer.status);
          if (answer.status === 303) {
            expect(f.csrf, label).toBe(csrf);
            if (path === '/account/password') password = String(f.newPassword);
          } else {
            expect(await snapshot(), label).toEqual(before);
          }
          // Whatever happened, the member can still sign in with the password we believe in.
          const auth = await running.identity.accounts.authenticate(
            (await running.identity.accounts.find(ownerId))!.email,
            password,
          );
          expect(auth.ok, label).toBe(true);
        },
      ),
    );
  });

  it('control: the same requests with valid forms are accepted, so refusals above mean something', async () => {
    const urlencoded = (f: Form): Encoded => ({
      label: 'urlencoded',
      headers: { 'content-type': form },
      body: urlencode(f),
    });
    const browser = new Browser();
    const page = new URL(await startAuthorization(browser, running.issuer, pkce())).pathname;
    const before = await running.eventStore.headPosition();
    const registered = await send(
      browser,
      `${page}/register`,
      urlencoded({
        displayName: 'Ada Lovelace',
        email: 'ada@example.com',
        password: 'analytical-engine-1843',
      }),
    );
    expect(registered.status).toBe(303);
    expect(await running.eventStore.headPosition()).toBeGreaterThan(before);
    const other = new Browser();
    const login = new URL(await startAuthorization(other, running.issuer, pkce())).pathname;
    const signedIn = await send(
      other,
      `${login}/login`,
      urlencoded({ email: 'ada@example.com', password: 'analytical-engine-1843' }),
    );
    expect(signedIn.status).toBe(303);
    const saved = await send(
      member,
      '/account/profile',
      urlencoded({ csrf, displayName: 'Margaret H. Hamilton', email: 'margaret@example.com' }),
    );
    expect(saved.status).toBe(303);
    expect((await running.identity.accounts.find(ownerId))?.displayName).toBe(
      'Margaret H. Hamilton',
    );
  });

  it('interaction pages: hostile ids, stale cookies and no cookies are refused with a page', async () => {
    const live = new Browser();
    const page = await startAuthorization(live, running.issuer, pkce());
    const uid = new URL(page).pathname.split('/')[2]!;
    const uids = fc.oneof(
      fc.constantFrom(
        uid,
        `${uid}x`,
        uid.toUpperCase(),
        'x'.repeat(101),
        'x'.repeat(5_000),
        '%zz',
        '%00',
        '..',
        '%2e%2e',
        '%2F',
        encodeURIComponent('<script>alert(1)</script>'),
      ),
      text(30).map(encode),
    );
    const routes = fc.constantFrom(
      ['GET', ''],
      ['POST', '/login'],
      ['POST', '/register'],
      ['GET', '/register'],
      ['POST', '/consent'],
      ['POST', '/nope'],
    );
    await fc.assert(
      fc.asyncProperty(uids, routes, fc.boolean(), async (id, [method, suffix], withCookie) => {
        const browser = withCookie ? live : new Browser();
        const before = await snapshot();
        const response = await browser.request(url(`/interaction/${id}${suffix}`), {
          method,
          ...(method === 'POST'
            ? { headers: { 'content-type': form }, body: 'email=a%40b.c&password=x' }
            : {}),
        });
        const answer = await answerOf(response);
        const label = `${method} /interaction/${id.slice(0, 60)}${suffix} cookie=${withCookie}`;
        expect(answer.status, label).toBeLessThan(500);
        if (id !== uid || !withCookie) {
          expect(answer.status, label).toBeGreaterThanOrEqual(400);
          // No page echoes the id it was given.
          if (id.length > 3)
            expect(answer.body.includes(decodeURIComponentSafe(id)), label).toBe(false);
        }
        expect(await snapshot(), label).toEqual(before);
      }),
    );
  });
});

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
