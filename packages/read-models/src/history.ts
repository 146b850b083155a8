import type { RecordedEvent } from '@taskomask/domain';
import type { ReadStore } from '@taskomask/readstore';

/** What reading a history takes of a read store. */
export type HistoryReader = Pick<ReadStore, 'get' | 'getMany'>;

import type { DocCache } from './doc-cache';

// A board's (or a task's) past, kept so "the board at position P" costs the events since the
// nearest snapshot, not the board's age. Per subject (`board:<id>` / `task:<id>`), in `history`:
//   `<subject>:head`  the open chunk (up to HISTORY_CHUNK events) and a few counters — the only
//                     document rewritten on every batch, so it stays small;
//   `<subject>:<n>`   sealed chunks, written once;
//   `<subject>`       the index: each sealed chunk's position and time range, each snapshot's
//                     position — rewritten only when a chunk is sealed or a snapshot taken.
// and in `historySnapshots`, `<subject>@<position>`: the view as it was at that position, taken
// every `snapshotEvery` events. A view at P = the nearest snapshot ≤ P folded with the chunk
// events after it up to P, by the same evolve functions as the live view — equal by construction
// to the fold of the log up to P.

export type HistoryScope = 'board' | 'task';

/** Events per chunk: the head document holds at most this many. */
export const HISTORY_CHUNK = 64;
/** A board view is copied at least every this many events. */
export const BOARD_SNAPSHOT_EVERY = 512;
/**
 * …and sooner on a big board: folding one event costs about the board's task count (the view is
 * copied), so a snapshot comes once the events since the last one add up to this many task-steps
 * — a 1,000-task board every 128 events, one of 250 tasks or fewer every 512. What a `?at=` folds
 * then stays about the same whatever the board's size.
 */
export const BOARD_SNAPSHOT_WORK = 128_000;
/** Task details are small: snapshots come often, so a long-lived task stays cheap too. */
export const TASK_SNAPSHOT_EVERY = 64;

/** What a history keeps of an event: enough to fold it again and to list it. */
export type HistoryEvent = RecordedEvent;

export type HistoryHead = {
  workspaceId: string;
  boardId: string;
  /** Position of the event that deleted the subject; null while it lives. */
  deletedAt: number | null;
  /** The number the open chunk gets when it is sealed. */
  nextChunk: number;
  /** Events since the latest snapshot; a snapshot is taken when it reaches the interval. */
  sinceSnapshot: number;
  /** Their cost to fold (boards: Σ tasks on the board after each); see BOARD_SNAPSHOT_WORK. */
  workSinceSnapshot: number;
  /** Position of the latest snapshot; 0 when none. */
  lastSnapshot: number;
  /** The open chunk, by global position. */
  events: HistoryEvent[];
};

export type ChunkRange = Readonly<{
  chunk: number;
  from: number;
  to: number;
  fromTime: string;
  toTime: string;
}>;

export type HistoryIndex = { chunks: ChunkRange[]; snapshots: number[] };
export type HistoryChunk = { events: readonly HistoryEvent[] };

export const historyId = (scope: HistoryScope, id: string) => `${scope}:${id}`;
export const historyHeadId = (scope: HistoryScope, id: string) => `${scope}:${id}:head`;
const chunkId = (scope: HistoryScope, id: string, chunk: number) => `${scope}:${id}:${chunk}`;
const snapshotId = (scope: HistoryScope, id: string, position: number) =>
  `${scope}:${id}@${position}`;

/** The subject's state after the event: what a snapshot copies. */
type Folded = Readonly<{
  status: string;
  workspaceId: string;
  lastGlobalPosition: number;
  /** A board's cards: their tasks are what a fold copies. */
  cards?: readonly Readonly<{ tasks: readonly unknown[] }>[];
}>;

const foldCost = (after: Folded) => {
  let tasks = 1;
  for (const card of after.cards ?? []) tasks += card.tasks.length;
  return tasks;
};

// The envelope without what a fold or a listing never reads (trace ids, the stored version).
const kept = (event: RecordedEvent): HistoryEvent => ({
  type: event.type,
  data: event.data,
  streamName: event.streamName,
  streamVersion: event.streamVersion,
  globalPosition: event.globalPosition,
  occurredAt: event.occurredAt,
  metadata: {
    userId: event.metadata.userId,
    correlationId: event.metadata.correlationId,
    causationId: event.metadata.causationId,
  },
});

function insertByPosition(events: HistoryEvent[], event: HistoryEvent): void {
  let at = events.length;
  while (at > 0 && events[at - 1]!.globalPosition > event.globalPosition) at--;
  events.splice(at, 0, event);
}

/**
 * Adds an event that changed the subject (its view is `after` the event) to its history, sealing
 * the open chunk when full and taking a snapshot every `snapshotEvery` events. Cost per event: the
 * head document (at most HISTORY_CHUNK events), now and then a chunk, the index or a snapshot.
 */
export async function recordHistory(
  scope: HistoryScope,
  id: string,
  event: RecordedEvent,
  after: Folded,
  boardId: string,
  docs: DocCache,
): Promise<void> {
  const headId = historyHeadId(scope, id);
  const head = (await docs.get<HistoryHead>('history', headId)) ?? {
    workspaceId: '',
    boardId,
    deletedAt: null,
    nextChunk: 1,
    sinceSnapshot: 0,
    workSinceSnapshot: 0,
    lastSnapshot: 0,
    events: [],
  };
  const position = event.globalPosition;
  if (after.workspaceId !== '') head.workspaceId = after.workspaceId;
  head.deletedAt = after.status === 'deleted' ? (head.deletedAt ?? position) : null;

  let index: HistoryIndex | undefined;
  const loadIndex = async () => {
    index ??= (await docs.get<HistoryIndex>('history', historyId(scope, id))) ?? {
      chunks: [],
      snapshots: [],
    };
    return index;
  };

  // An event that arrives after a snapshot past its position (another stream's event delivered
  // late) makes those snapshots wrong: they go, the chunks keep the event.
  if (position <= head.lastSnapshot) {
    const { snapshots } = await loadIndex();
    for (const taken of snapshots.filter((p) => p >= position)) {
      docs.delete('historySnapshots', snapshotId(scope, id, taken));
    }
    index!.snapshots = snapshots.filter((p) => p < position);
    head.lastSnapshot = index!.snapshots.at(-1) ?? 0;
  }

  insertByPosition(head.events, kept(event));
  if (head.events.length >= HISTORY_CHUNK) {
    const { chunks } = await loadIndex();
    const events = head.events;
    docs.put('history', chunkId(scope, id, head.nextChunk), { events }, position);
    chunks.push({
      chunk: head.nextChunk,
      from: events[0]!.globalPosition,
      to: events.at(-1)!.globalPosition,
      fromTime: events[0]!.occurredAt,
      toTime: events.at(-1)!.occurredAt,
    });
    head.nextChunk++;
    head.events = [];
  }
  head.sinceSnapshot++;
  head.workSinceSnapshot = (head.workSinceSnapshot ?? 0) + foldCost(after);
  const due =
    scope === 'board'
      ? head.sinceSnapshot >= BOARD_SNAPSHOT_EVERY || head.workSinceSnapshot >= BOARD_SNAPSHOT_WORK
      : head.sinceSnapshot >= TASK_SNAPSHOT_EVERY;
  if (due) {
    const { snapshots } = await loadIndex();
    const at = after.lastGlobalPosition;
    docs.put('historySnapshots', snapshotId(scope, id, at), after, position);
    snapshots.push(at);
    head.lastSnapshot = at;
    head.sinceSnapshot = 0;
    head.workSinceSnapshot = 0;
  }
  if (index !== undefined) docs.put('history', historyId(scope, id), index, position);
  docs.put('history', headId, head, position);
}

/** The history documents a batch of events will touch (heads and indexes), to prefetch. */
export function historyDocumentsOf(scope: HistoryScope, id: string): string[] {
  return [historyHeadId(scope, id), historyId(scope, id)];
}

/** A subject's head and index, read once and handed to the readers below. */
export type OpenedHistory = Readonly<{ head: HistoryHead; index: HistoryIndex }>;

/** Reads the subject's head and index (one query); undefined if it never had an event. */
export async function openHistory(
  store: HistoryReader,
  scope: HistoryScope,
  id: string,
): Promise<OpenedHistory | undefined> {
  const docs = await store.getMany<HistoryHead | HistoryIndex>('history', [
    historyId(scope, id),
    historyHeadId(scope, id),
  ]);
  const head = docs.find((d) => d.id === historyHeadId(scope, id))?.value as
    | HistoryHead
    | undefined;
  if (head === undefined) return undefined;
  const index = (docs.find((d) => d.id === historyId(scope, id))?.value as
    | HistoryIndex
    | undefined) ?? { chunks: [], snapshots: [] };
  return { head, index };
}

async function readChunks(
  store: HistoryReader,
  scope: HistoryScope,
  id: string,
  ranges: readonly ChunkRange[],
): Promise<HistoryEvent[]> {
  if (ranges.length === 0) return [];
  const docs = await store.getMany<HistoryChunk>(
    'history',
    ranges.map((r) => chunkId(scope, id, r.chunk)),
  );
  return docs.flatMap((d) => d.value.events);
}

export type HistorySubject = Readonly<{
  workspaceId: string;
  boardId: string;
  deletedAt: number | null;
}>;

/** Who the subject belongs to, from its history head; undefined if it never had an event. */
export async function historySubject(
  store: HistoryReader,
  scope: HistoryScope,
  id: string,
): Promise<HistorySubject | undefined> {
  const doc = await store.get<HistoryHead>('history', historyHeadId(scope, id));
  return doc === undefined ? undefined : subjectOf(doc.value);
}

export const subjectOf = ({ workspaceId, boardId, deletedAt }: HistoryHead): HistorySubject => ({
  workspaceId,
  boardId,
  deletedAt,
});

export type StateAt<S> = Readonly<{
  state: S;
  subject: HistorySubject;
  /** How many events were folded on top of the snapshot. */
  folded: number;
}>;

/**
 * The subject as it was at `position` (inclusive): the nearest snapshot at or before it, folded
 * with the events after the snapshot up to `position`, in log order. Undefined when the subject
 * has no history at all.
 */
export async function stateAt<S>(
  store: HistoryReader,
  scope: HistoryScope,
  id: string,
  position: number,
  initial: S,
  evolve: (state: S, event: RecordedEvent) => S,
  opened?: OpenedHistory,
): Promise<StateAt<S> | undefined> {
  const loaded = opened ?? (await openHistory(store, scope, id));
  if (loaded === undefined) return undefined;
  const { head, index } = loaded;
  const from = index.snapshots.filter((p) => p <= position).at(-1) ?? 0;
  const [snapshot, chunked] = await Promise.all([
    from === 0 ? undefined : store.get<S>('historySnapshots', snapshotId(scope, id, from)),
    readChunks(
      store,
      scope,
      id,
      index.chunks.filter((r) => r.to > from && r.from <= position),
    ),
  ]);
  if (from !== 0 && snapshot === undefined) {
    throw new Error(`history ${scope}:${id} lacks its snapshot at ${from}`);
  }
  const events = [...chunked, ...head.events]
    .filter((e) => e.globalPosition > from && e.globalPosition <= position)
    .sort((a, b) => a.globalPosition - b.globalPosition);
  let state = snapshot?.value ?? initial;
  for (const event of events) state = evolve(state, event);
  return { state, subject: subjectOf(head), folded: events.length };
}

/**
 * The position of the subject's last event at or before `time` (epoch ms); undefined when it had
 * none yet. Events come in the order their commands were accepted, so their times rise with
 * their positions: the chunk that starts last at or before `time` holds the answer.
 */
export async function positionAtTime(
  store: HistoryReader,
  scope: HistoryScope,
  id: string,
  time: number,
  opened?: OpenedHistory,
): Promise<number | undefined> {
  const loaded = opened ?? (await openHistory(store, scope, id));
  if (loaded === undefined) return undefined;
  const { head, index } = loaded;
  const upTo = (events: readonly HistoryEvent[]) =>
    events.filter((e) => Date.parse(e.occurredAt) <= time).at(-1)?.globalPosition;
  const inHead = upTo(head.events);
  const sealedTo = index.chunks.at(-1)?.to ?? 0;
  // In log order the head's events all come after the sealed ones; a late event may not.
  if (inHead !== undefined && head.events[0]!.globalPosition > sealedTo) return inHead;
  const chunk = index.chunks.filter((r) => Date.parse(r.fromTime) <= time).at(-1);
  const inChunk = chunk && upTo(await readChunks(store, scope, id, [chunk]));
  if (inHead === undefined || inChunk === undefined) return inHead ?? inChunk;
  return Math.max(inHead, inChunk);
}

export type HistoryPage = Readonly<{
  events: readonly HistoryEvent[];
  /** Pass as `before` for the next page; null on the last. */
  nextBefore: number | null;
}>;

/**
 * The subject's events before `before` that `keep` lists, newest first, `limit` of them. Reads the
 * head, then sealed chunks newest first, only as many as the page needs.
 */
export async function historyPage(
  store: HistoryReader,
  scope: HistoryScope,
  id: string,
  {
    before = Number.POSITIVE_INFINITY,
    limit,
    keep,
  }: { before?: number; limit: number; keep: (event: HistoryEvent) => boolean },
  opened?: OpenedHistory,
): Promise<HistoryPage | undefined> {
  const loaded = opened ?? (await openHistory(store, scope, id));
  if (loaded === undefined) return undefined;
  const { head, index } = loaded;
  const found: HistoryEvent[] = [];
  const take = (events: readonly HistoryEvent[]) => {
    for (const e of events) if (e.globalPosition < before && keep(e)) found.push(e);
    found.sort((a, b) => b.globalPosition - a.globalPosition);
  };
  take(head.events);
  const ranges = index.chunks
    .filter((r) => r.from < before)
    .sort((a, b) => b.to - a.to || b.chunk - a.chunk);
  for (const [i, range] of ranges.entries()) {
    // Enough once a page and one more are found and no chunk left can hold a newer event.
    if (found.length > limit && range.to < found[limit]!.globalPosition) break;
    take(await readChunks(store, scope, id, [range]));
    if (i === ranges.length - 1) break;
  }
  const events = found.slice(0, limit);
  return {
    events,
    nextBefore: found.length > limit ? events.at(-1)!.globalPosition : null,
  };
}
