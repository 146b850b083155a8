import type { Serialised } from './answer-cache';

/** What a query answers: the body and its ETag (see etag.ts). */
export type Answer<T> = Readonly<{
  body: T;
  etag: string;
  /** The body already serialised (from the answer cache): sent as these bytes, never re-encoded. */
  serialised?: Serialised;
  /** A file to save rather than JSON to read: the body is sent as is, with this type and name. */
  download?: Readonly<{ contentType: string; filename: string }>;
}>;
