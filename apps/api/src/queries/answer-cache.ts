import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/**
 * An answer already serialised: its JSON bytes, as `JSON.stringify` of the body gives them (what
 * Fastify would send), and the same bytes gzipped, made on the first request that accepts gzip.
 */
export type Serialised = Readonly<{
  json: Buffer;
  gzipped: () => Promise<Buffer>;
}>;

/** What one cached answer says besides its bytes: enough to authorize a caller without reading. */
export type CachedAnswer = Serialised &
  Readonly<{
    /** The read store the answer was read from (a rebuilt generation is another store). */
    store: object;
    /** The position of the document the answer was made of: its ETag. */
    position: number;
    etag: string;
    /** The workspace whose members may read it. */
    workspaceId: string;
  }>;

export type AnswerCache = Readonly<{
  /** The answer cached for `id`, when it was made from `store` at exactly `position`. */
  get(store: object, id: string, position: number): CachedAnswer | undefined;
  /** Serialises `body` once and keeps it (replacing any older answer for `id`). */
  put(
    id: string,
    answer: Omit<CachedAnswer, 'json' | 'gzipped'> & Readonly<{ body: unknown }>,
  ): CachedAnswer;
  /** Bytes held (JSON and gzip). */
  bytes(): number;
}>;

/**
 * Serialised answers of one query process, one per id (the latest position seen), least recently
 * used dropped first once they hold more than `maxBytes`. An answer bigger than the whole budget
 * is made but not kept.
 */
export function answerCache({
  maxBytes = 64 * 1024 * 1024,
}: {
  maxBytes?: number;
} = {}): AnswerCache {
  type Entry = { answer: CachedAnswer; size: number };
  const entries = new Map<string, Entry>();
  let held = 0;

  const drop = (id: string) => {
    const entry = entries.get(id);
    if (entry === undefined) return;
    entries.delete(id);
    held -= entry.size;
  };
  const evict = () => {
    for (const [id] of entries) {
      if (held <= maxBytes) return;
      drop(id);
    }
  };

  return {
    get(store, id, position) {
      const entry = entries.get(id);
      if (entry === undefined) return undefined;
      if (entry.answer.store !== store || entry.answer.position !== position) return undefined;
      // Most recently used last.
      entries.delete(id);
      entries.set(id, entry);
      return entry.answer;
    },
    put(id, { body, ...about }) {
      const json = Buffer.from(JSON.stringify(body));
      let zipped: Promise<Buffer> | undefined;
      const entry: Entry = { answer: undefined as never, size: json.length };
      const answer: CachedAnswer = {
        ...about,
        json,
        gzipped: () => {
          if (zipped === undefined) {
            zipped = gzipAsync(json);
            zipped.then(
              (bytes) => {
                if (entries.get(id) !== entry) return;
                entry.size += bytes.length;
                held += bytes.length;
                evict();
              },
              () => {
                zipped = undefined;
              },
            );
          }
          return zipped;
        },
      };
      entry.answer = answer;
      drop(id);
      if (json.length <= maxBytes) {
        entries.set(id, entry);
        held += entry.size;
        evict();
      }
      return answer;
    },
    bytes: () => held,
  };
}

/** Smaller answers go as they are: gzip would cost more time than the bytes it saves. */
export const compressFrom = 8 * 1024;

/** Whether an Accept-Encoding header accepts gzip (by name or `*`, with a q above 0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  if (header === undefined) return false;
  const text = Array.isArray(header) ? header.join(',') : header;
  let gzipQ: number | undefined;
  let anyQ: number | undefined;
  for (const part of text.split(',')) {
    const [name = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    const weight = Number.isNaN(q) ? 0 : q;
    if (name === 'gzip' || name === 'x-gzip') gzipQ = weight;
    else if (name === '*') anyQ = weight;
  }
  return (gzipQ ?? anyQ ?? 0) > 0;
}
