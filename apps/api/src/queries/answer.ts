/** What a query answers: the body and its ETag (see etag.ts). */
export type Answer<T> = Readonly<{ body: T; etag: string }>;
