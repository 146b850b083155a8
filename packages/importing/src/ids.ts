import { createHash } from 'node:crypto';

/**
 * RFC 9562 UUID v5 of `name` in the namespace `namespace` (itself a UUID): the same source id
 * imported into the same workspace names the same entity, so a second run finds it made.
 */
export function uuidV5(namespace: string, name: string): string {
  const bytes = Buffer.from(namespace.replaceAll('-', ''), 'hex');
  if (bytes.length !== 16) throw new Error(`${namespace} is not a UUID`);
  const hash = createHash('sha1').update(bytes).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
