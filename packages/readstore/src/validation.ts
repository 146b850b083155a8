import { InvalidCommitError, InvalidQueryError } from './errors';
import type { Commit, Doc, Key, ReadSchema } from './port';

// Names end up as SQLite values and as MongoDB collection names and field paths (`keys.<field>`),
// so both adapters accept only what is safe in all of them.
const COLLECTION = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const KEY_FIELD = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** Used by the adapters for their own bookkeeping (MongoDB collections of the same name). */
const RESERVED = new Set(['streams', 'meta']);

export function checkSchema(schema: ReadSchema): void {
  for (const [collection, { keys }] of Object.entries(schema)) {
    if (!COLLECTION.test(collection) || RESERVED.has(collection)) {
      throw new Error(
        `read schema: "${collection}" is not a usable collection name ` +
          "(letters, digits, '_'; not streams or meta)",
      );
    }
    if (new Set(keys).size !== keys.length) {
      throw new Error(`read schema: ${collection} declares a key twice`);
    }
    for (const key of keys) {
      if (!KEY_FIELD.test(key)) {
        throw new Error(`read schema: ${collection}.${key} is not a usable key name`);
      }
    }
  }
}

export function isKey(value: unknown): value is Key {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

/**
 * A key value as SQLite stores and compares it: its JSON text, so the type is part of the value
 * ('"1"' ≠ '1' ≠ 'true', and null is the text 'null', which `=` matches).
 */
export function encodeKey(value: Key): string {
  return JSON.stringify(value);
}

function declaredKeys(schema: ReadSchema, collection: unknown, field: string, fail: Fail) {
  const declared =
    typeof collection === 'string' && Object.hasOwn(schema, collection)
      ? schema[collection]
      : undefined;
  if (!declared) throw fail(field, `"${String(collection)}" is not a collection of the schema`);
  return declared.keys;
}

type Fail = (field: string, reason: string) => Error;
const commitError: Fail = (field, reason) => new InvalidCommitError(field, reason);
const queryError: Fail = (field, reason) => new InvalidQueryError(field, reason);

export function checkCollection(schema: ReadSchema, collection: unknown): readonly string[] {
  return declaredKeys(schema, collection, 'collection', queryError);
}

export function checkWhere(
  schema: ReadSchema,
  collection: string,
  where: Readonly<Record<string, Key>>,
  limit: number | undefined,
): [string, Key][] {
  const declared = checkCollection(schema, collection);
  if (typeof where !== 'object' || where === null) {
    throw new InvalidQueryError('where', 'must be an object of key values');
  }
  const entries = Object.entries(where);
  for (const [field, value] of entries) {
    if (!declared.includes(field)) {
      throw new InvalidQueryError(`where.${field}`, `is not a declared key of ${collection}`);
    }
    if (!isKey(value)) {
      throw new InvalidQueryError(
        `where.${field}`,
        'must be a string, finite number, boolean or null',
      );
    }
  }
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 0)) {
    throw new InvalidQueryError('limit', 'must be a non-negative integer');
  }
  return entries;
}

export type CheckedPut = Readonly<{
  at: string;
  collection: string;
  id: string;
  position: number;
  value: unknown;
  /** Every declared key, in declaration order; absent ones are null. */
  keys: Record<string, Key>;
}>;

export type CheckedCommit = Readonly<{
  puts: CheckedPut[];
  deletes: { collection: string; id: string }[];
  streams: Map<string, number>;
  position: number;
}>;

function checkId(id: unknown, at: string): string {
  if (typeof id !== 'string' || id.length === 0 || id.length > 512) {
    throw new InvalidCommitError(
      `${at}.id`,
      'must be a non-empty string of at most 512 characters',
    );
  }
  return id;
}

function checkPosition(position: unknown, field: string): number {
  if (typeof position !== 'number' || !Number.isSafeInteger(position) || position < 0) {
    throw new InvalidCommitError(field, 'must be a non-negative integer');
  }
  return position;
}

function checkKeys(
  declared: readonly string[],
  keys: Doc['keys'],
  at: string,
): Record<string, Key> {
  if (keys !== undefined && (typeof keys !== 'object' || keys === null)) {
    throw new InvalidCommitError(`${at}.keys`, 'must be an object of key values');
  }
  const given = keys ?? {};
  for (const field of Object.keys(given)) {
    if (!declared.includes(field)) {
      throw new InvalidCommitError(`${at}.keys.${field}`, 'is not a declared key');
    }
  }
  const normalised: Record<string, Key> = {};
  for (const field of declared) {
    const value = Object.hasOwn(given, field) ? given[field] : null;
    if (!isKey(value)) {
      throw new InvalidCommitError(
        `${at}.keys.${field}`,
        'must be a string, finite number, boolean or null',
      );
    }
    normalised[field] = value;
  }
  return normalised;
}

/**
 * Everything about a commit that can be checked without the store: names, keys, positions, that
 * no document is named twice. Values are serialised by the adapters (see `serialiseValue`).
 */
export function checkCommit(schema: ReadSchema, commit: Commit): CheckedCommit {
  if (typeof commit !== 'object' || commit === null) {
    throw new InvalidCommitError('commit', 'must be an object');
  }
  const { puts, deletes, streams } = commit;
  for (const [field, list] of [
    ['puts', puts],
    ['deletes', deletes],
    ['streams', streams],
  ] as const) {
    if (!Array.isArray(list)) throw new InvalidCommitError(field, 'must be an array');
  }
  const named = new Set<string>();
  const once = (collection: string, id: string, at: string) => {
    const name = `${collection}\u0000${id}`;
    if (named.has(name)) {
      throw new InvalidCommitError(at, `${collection}/${id} is named twice in one commit`);
    }
    named.add(name);
  };
  const checkedPuts = puts.map((doc, i): CheckedPut => {
    const at = `puts[${i}]`;
    const declared = declaredKeys(schema, doc?.collection, `${at}.collection`, commitError);
    const id = checkId(doc.id, at);
    once(doc.collection, id, at);
    return {
      at,
      collection: doc.collection,
      id,
      position: checkPosition(doc.position, `${at}.position`),
      value: doc.value,
      keys: checkKeys(declared, doc.keys, at),
    };
  });
  const checkedDeletes = deletes.map(({ collection, id }, i) => {
    const at = `deletes[${i}]`;
    declaredKeys(schema, collection, `${at}.collection`, commitError);
    once(collection, checkId(id, at), at);
    return { collection, id };
  });
  const versions = new Map<string, number>();
  streams.forEach(({ stream, version }, i) => {
    if (typeof stream !== 'string' || stream.length === 0) {
      throw new InvalidCommitError(`streams[${i}].stream`, 'must be a non-empty string');
    }
    const checked = checkPosition(version, `streams[${i}].version`);
    versions.set(stream, Math.max(checked, versions.get(stream) ?? 0));
  });
  return {
    puts: checkedPuts,
    deletes: checkedDeletes,
    streams: versions,
    position: checkPosition(commit.position, 'position'),
  };
}

/** The JSON text of a document's value; anything JSON cannot hold (BigInt, cycles) is refused. */
export function serialiseValue(value: unknown, at: string): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new InvalidCommitError(
      `${at}.value`,
      `cannot be serialised as JSON (${(error as Error).message})`,
    );
  }
  if (json === undefined) {
    throw new InvalidCommitError(`${at}.value`, 'must be a JSON value, not undefined');
  }
  return json;
}
