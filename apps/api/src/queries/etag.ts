import { createHash } from 'node:crypto';

/** A single document's ETag: its position, the global position of the last event folded in. */
export const documentEtag = (position: number) => `"${position}"`;

/**
 * An answer composed of several documents (a list, a search): changes whenever any document it
 * was made of changes (each carries a new, higher position) or the set of items changes.
 */
export function compositeEtag(
  documents: Iterable<Readonly<{ id: string; position: number }>>,
  items: Iterable<string>,
): string {
  const hash = createHash('sha256');
  let highest = 0;
  for (const { id, position } of documents) {
    hash.update(`${id}@${position};`);
    highest = Math.max(highest, position);
  }
  hash.update('|');
  for (const item of items) hash.update(`${item};`);
  return `"${highest}-${hash.digest('base64url').slice(0, 16)}"`;
}

const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/** RFC 9110 §13.1.2: weak comparison; `*` matches any current representation. */
export function ifNoneMatchHolds(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const text = Array.isArray(header) ? header.join(',') : header;
  if (text.trim() === '*') return true;
  const wanted = opaque(etag);
  return text.split(',').some((tag) => opaque(tag) === wanted);
}
