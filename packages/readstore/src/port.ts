/** A scalar a document can be found by. */
export type Key = string | number | boolean | null;

/**
 * What the read store holds: documents grouped in collections, each stamped with the global
 * position of the last event folded into it. `keys` are the fields the document can be found by
 * (declared per collection in the schema); they are stored beside the value, not inside it.
 */
export type Doc<T = unknown> = Readonly<{
  collection: string;
  id: string;
  position: number;
  value: T;
  /**
   * A put replaces the keys with these; a declared key left out is stored as null. Reads return
   * every declared key.
   */
  keys?: Readonly<Record<string, Key>>;
}>;

/** Each collection names the keys it is found by, so adapters can index exactly those. */
export type ReadSchema = Readonly<Record<string, { keys: readonly string[] }>>;

/**
 * One atomic write: documents put or deleted, and the version of each event stream they now
 * reflect. Projections commit their documents and their progress together, so a crash between
 * the two can never make an event count twice or not at all.
 *
 * A commit names each document at most once (puts and deletes together). Stream versions, like
 * the position, never go backwards: a stream named twice, or already further, keeps the higher.
 */
export type Commit = Readonly<{
  puts: readonly Doc[];
  deletes: readonly { collection: string; id: string }[];
  streams: readonly { stream: string; version: number }[];
  /** Highest global position this commit reflects; the store's position never goes backwards. */
  position: number;
}>;

export type FindOptions = Readonly<{ limit?: number }>;

export interface ReadStore {
  get<T>(collection: string, id: string): Promise<Doc<T> | undefined>;
  getMany<T>(collection: string, ids: readonly string[]): Promise<Doc<T>[]>;
  /**
   * A document's position without its value (undefined when absent): what an answer made of it
   * alone is tagged with, so a cached answer is checked without reading the document.
   */
  positionOf(collection: string, id: string): Promise<number | undefined>;
  /**
   * Documents whose keys equal every entry of `where` (keys must be declared in the schema),
   * ordered by id. Equality keeps the type: null matches null, 1 does not match '1'.
   */
  find<T>(
    collection: string,
    where: Readonly<Record<string, Key>>,
    options?: FindOptions,
  ): Promise<Doc<T>[]>;
  /** Last applied version of each stream asked for; streams never seen are absent. */
  streamVersions(streams: readonly string[]): Promise<Map<string, number>>;
  commit(commit: Commit): Promise<void>;
  /** Highest global position committed so far (0 when empty): what `minPosition` waits on. */
  position(): Promise<number>;
  /** Every document of a collection, ordered by id — for rebuild comparisons and tests. */
  all<T>(collection: string): Promise<Doc<T>[]>;
  close(): Promise<void>;
}

/**
 * Generations of a read store, for rebuilds: a new generation is built while the current one
 * keeps serving, then `switchTo` makes it current in one atomic step. Processes that serve reads
 * must look at `current()` again (or restart) to follow a switch.
 */
export interface ReadStoreCatalog {
  /** The generation in use: 'g1' when nothing was ever switched. */
  current(): Promise<string>;
  /** Opens (creating if needed) a generation; names are lowercase letters, digits and '-'. */
  open(generation: string): Promise<ReadStore>;
  /** Atomically makes an existing (opened before) generation current. */
  switchTo(generation: string): Promise<void>;
  /** Deletes a generation's data and closes the stores this catalog opened on it; never the current. */
  drop(generation: string): Promise<void>;
  /** Generations that hold data, in natural order (g2 before g10). */
  generations(): Promise<string[]>;
  /** A name no generation uses yet: `g<n+1>` after the highest `g<n>` (and the current one). */
  nextGeneration(): Promise<string>;
  /** Closes every store this catalog opened and the catalog's own connections. */
  close(): Promise<void>;
}
