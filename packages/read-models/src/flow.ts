import type { CardFlow, CardType, RecordedEvent } from '@taskomask/domain';
import type { Doc } from '@taskomask/readstore';
import type { DocCache } from './doc-cache';

// The board's flow, for its insights charts (insights.ts): every arrival of a task on a card, to
// the millisecond of its event, kept as a compact log per board.
//
// - `flowBoards` (by board id): the cards with what each counts as, the time zone, and a table
//   of the board's tasks (ids and titles) that the log refers to by index;
// - `flowLog` (by `<boardId>:<n>`): the log in chunks of at most FLOW_CHUNK entries, each entry
//   four numbers [kind, task index, card index, ms since the chunk's base]; only the last chunk
//   is ever rewritten, so a batch writes a few kilobytes however old the board is, and a chart
//   reads a year of a busy board (100,000 moves) as about a hundred small documents.

export const FLOW_CHUNK = 1024;

export type FlowCard = Readonly<{
  cardId: string;
  name: string;
  type: CardType;
  position: string;
  /** Set by an owner or admin; null: the card's type decides (defaultFlow). */
  flow: CardFlow | null;
  /** Deleted cards stay: past stays on them are still counted in the charts of their time. */
  deleted: boolean;
}>;

/** `flowBoards`, by board id. */
export type FlowBoard = Readonly<{
  boardId: string;
  workspaceId: string;
  deleted: boolean;
  /** IANA zone the charts count days in; null: UTC. */
  timeZone: string | null;
  /** Append-only: the log refers to a card by its index here. */
  cards: readonly FlowCard[];
  /** Append-only: the log refers to a task by its index here. */
  taskIds: readonly string[];
  titles: readonly string[];
  /** How many `flowLog` chunks the board has; the last is the open one. */
  chunks: number;
}>;

/** `flowLog`, by `<boardId>:<n>`: entries as flat numbers, 4 per entry. */
export type FlowChunk = Readonly<{ base: number; entries: number[] }>;

const CREATED = 0;
const MOVED = 1;
const DELETED = 2;

export const flowChunkId = (boardId: string, n: number) => `${boardId}:${n}`;

function emptyBoard(boardId: string): FlowBoard {
  return {
    boardId,
    workspaceId: '',
    deleted: false,
    timeZone: null,
    cards: [],
    taskIds: [],
    titles: [],
    chunks: 1,
  };
}

function withCard(board: FlowBoard, cardId: string, change: (card: FlowCard) => FlowCard) {
  const cards = withCardIndex(board, cardId).board.cards;
  return { ...board, cards: cards.map((c) => (c.cardId === cardId ? change(c) : c)) };
}

/** The card's index, adding a placeholder when a task names a card its board has not seen yet. */
function withCardIndex(board: FlowBoard, cardId: string): { board: FlowBoard; index: number } {
  const index = board.cards.findIndex((c) => c.cardId === cardId);
  if (index >= 0) return { board, index };
  const placeholder: FlowCard = {
    cardId,
    name: '',
    type: 'ToDo',
    position: '',
    flow: null,
    deleted: false,
  };
  return { board: { ...board, cards: [...board.cards, placeholder] }, index: board.cards.length };
}

function nextBoard(before: FlowBoard, event: RecordedEvent): FlowBoard | undefined {
  const d = event.data as Record<string, unknown>;
  const cardId = d.cardId as string;
  switch (event.type) {
    case 'BoardCreated':
      return { ...before, workspaceId: d.workspaceId as string };
    case 'BoardDeleted':
      return { ...before, deleted: true };
    case 'BoardTimeZoneSet':
      return { ...before, timeZone: d.timeZone as string };
    case 'CardAdded':
      return withCard(before, cardId, (c) => ({
        ...c,
        name: d.name as string,
        type: d.type as CardType,
        position: d.position as string,
        deleted: false,
      }));
    case 'CardRenamed':
      return withCard(before, cardId, (c) => ({ ...c, name: d.name as string }));
    case 'CardTypeChanged':
      return withCard(before, cardId, (c) => ({ ...c, type: d.type as CardType }));
    case 'CardMoved':
      return withCard(before, cardId, (c) => ({ ...c, position: d.position as string }));
    case 'CardDeleted':
      return withCard(before, cardId, (c) => ({ ...c, deleted: true }));
    case 'CardFlowSet':
      return withCard(before, cardId, (c) => ({ ...c, flow: d.flow as CardFlow | null }));
    default:
      return undefined;
  }
}

const boardEvents = new Set([
  'BoardCreated',
  'BoardDeleted',
  'BoardTimeZoneSet',
  'CardAdded',
  'CardRenamed',
  'CardTypeChanged',
  'CardMoved',
  'CardDeleted',
  'CardFlowSet',
]);
const taskEvents = new Set(['TaskCreated', 'TaskRenamed', 'TaskMoved', 'TaskDeleted']);

/** Folds a `board-<id>` event into the board's `flowBoards` document. */
export async function projectFlowBoard(boardId: string, event: RecordedEvent, docs: DocCache) {
  if (!boardEvents.has(event.type)) return;
  const before = (await docs.get<FlowBoard>('flowBoards', boardId)) ?? emptyBoard(boardId);
  const after = nextBoard(before, event);
  if (after !== undefined) docs.put('flowBoards', boardId, after, event.globalPosition);
}

/** Appends one entry to the board's open chunk, sealing it into a new one when full. */
async function append(
  board: FlowBoard,
  entry: readonly [number, number, number],
  time: number,
  event: RecordedEvent,
  docs: DocCache,
): Promise<FlowBoard> {
  let chunks = board.chunks;
  let id = flowChunkId(board.boardId, chunks - 1);
  let chunk = (await docs.get<FlowChunk>('flowLog', id)) ?? { base: time, entries: [] };
  if (chunk.entries.length >= FLOW_CHUNK * 4) {
    chunks += 1;
    id = flowChunkId(board.boardId, chunks - 1);
    chunk = { base: time, entries: [] };
  }
  // In place: the chunk is this batch's copy (DocCache), written once when the batch commits.
  chunk.entries.push(entry[0], entry[1], entry[2], time - chunk.base);
  docs.put('flowLog', id, chunk, event.globalPosition);
  return chunks === board.chunks ? board : { ...board, chunks };
}

/** Folds a `task-<id>` event into its board's flow log (and task table). */
export async function projectFlowTask(taskId: string, event: RecordedEvent, docs: DocCache) {
  if (!taskEvents.has(event.type)) return;
  const d = event.data as Record<string, unknown>;
  const boardId = d.boardId as string;
  const before = (await docs.get<FlowBoard>('flowBoards', boardId)) ?? emptyBoard(boardId);
  const time = Date.parse(event.occurredAt);
  let board = before;
  let task = board.taskIds.indexOf(taskId);
  if (event.type === 'TaskCreated') {
    if (task < 0) {
      task = board.taskIds.length;
      board = {
        ...board,
        taskIds: [...board.taskIds, taskId],
        titles: [...board.titles, d.title as string],
      };
    }
    const card = withCardIndex(board, d.cardId as string);
    board = await append(card.board, [CREATED, task, card.index], time, event, docs);
  } else if (task < 0) {
    return; // a task this board's log never saw created: nothing to chart
  } else if (event.type === 'TaskRenamed') {
    board = {
      ...board,
      titles: board.titles.map((t, i) => (i === task ? (d.title as string) : t)),
    };
  } else if (event.type === 'TaskMoved') {
    if (d.fromCardId === d.toCardId) return;
    const card = withCardIndex(board, d.toCardId as string);
    board = await append(card.board, [MOVED, task, card.index], time, event, docs);
  } else {
    board = await append(board, [DELETED, task, -1], time, event, docs);
  }
  if (board !== before) docs.put('flowBoards', boardId, board, event.globalPosition);
}

/** One stay of a task on a card: [cardId, arrived (epoch ms), left (epoch ms) or null: still there]. */
export type Stay = [cardId: string, from: number, to: number | null];

/** A task as the charts see it, decoded from the log. */
export type FlowTask = Readonly<{
  taskId: string;
  title: string;
  createdAt: number;
  /** In time order; only the last may be open. A deleted task's last stay ends at its deletion. */
  stays: Stay[];
  deletedAt: number | null;
}>;

/** Decodes the board's log (its chunks in order) into each task's stays. */
export function flowTasksOf(board: FlowBoard, chunks: readonly FlowChunk[]): FlowTask[] {
  const tasks: {
    taskId: string;
    title: string;
    createdAt: number;
    stays: Stay[];
    deletedAt: number | null;
  }[] = [];
  const cardIds = board.cards.map((c) => c.cardId);
  for (const { base, entries } of chunks) {
    for (let i = 0; i < entries.length; i += 4) {
      const kind = entries[i]!;
      const index = entries[i + 1]!;
      const time = base + entries[i + 3]!;
      if (kind === CREATED) {
        tasks[index] ??= {
          taskId: board.taskIds[index]!,
          title: board.titles[index]!,
          createdAt: time,
          stays: [],
          deletedAt: null,
        };
        tasks[index].stays.push([cardIds[entries[i + 2]!]!, time, null]);
        continue;
      }
      const task = tasks[index];
      if (task === undefined || task.deletedAt !== null) continue;
      const last = task.stays.at(-1);
      // Never before it began: clocks of different command processes may disagree by a little.
      const at = last === undefined ? time : Math.max(last[1], time);
      if (last !== undefined && last[2] === null) last[2] = at;
      if (kind === MOVED) task.stays.push([cardIds[entries[i + 2]!]!, at, null]);
      else task.deletedAt = at;
    }
  }
  return tasks.filter((t) => t !== undefined);
}

/** What a chart needs of the read store, read in two queries; undefined without a flow yet. */
export async function loadFlow(
  store: Readonly<{
    get<T>(collection: string, id: string): Promise<Doc<T> | undefined>;
    getMany<T>(collection: string, ids: readonly string[]): Promise<Doc<T>[]>;
  }>,
  boardId: string,
): Promise<{ board: Doc<FlowBoard>; tasks: FlowTask[]; docs: Doc[] } | undefined> {
  const board = await store.get<FlowBoard>('flowBoards', boardId);
  if (board === undefined) return undefined;
  const ids = Array.from({ length: board.value.chunks }, (_, n) => flowChunkId(boardId, n));
  const byId = new Map(
    (await store.getMany<FlowChunk>('flowLog', ids)).map((doc) => [doc.id, doc] as const),
  );
  const chunks = ids.map((id) => byId.get(id)).filter((doc) => doc !== undefined);
  return {
    board,
    tasks: flowTasksOf(
      board.value,
      chunks.map((c) => c.value),
    ),
    docs: [board, ...chunks],
  };
}

/** The flow read model alone, as applyBatch takes it (for benches that time it apart). */
export const flowReadModel = {
  async project(event: RecordedEvent, docs: DocCache): Promise<never[]> {
    const [category, ...rest] = event.streamName.split('-');
    const id = rest.join('-');
    if (category === 'board') await projectFlowBoard(id, event, docs);
    if (category === 'task') await projectFlowTask(id, event, docs);
    return [];
  },
  prefetch: flowDocumentsOf,
};

/** The flow documents a batch will touch: its boards and their open chunks are read after. */
export function flowDocumentsOf(events: readonly RecordedEvent[]): Record<string, string[]> {
  const boards = new Set<string>();
  for (const { streamName, data } of events) {
    if (streamName.startsWith('board-')) boards.add(streamName.slice(6));
    const boardId = (data as { boardId?: unknown }).boardId;
    if (typeof boardId === 'string') boards.add(boardId);
  }
  return { flowBoards: [...boards] };
}
