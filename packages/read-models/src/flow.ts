import type { CardFlow, CardType, RecordedEvent } from '@taskomask/domain';
import type { DocCache } from './doc-cache';

// The board's flow, for its insights charts (insights.ts): where each task stayed and when, to
// the millisecond of each event, and the board's cards with what each counts as. Kept apart from
// the board and task documents so a chart reads only this, and a move writes a few bytes more.

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
  cards: readonly FlowCard[];
}>;

/** One stay of a task on a card: [cardId, arrived (epoch ms), left (epoch ms) or null: still there]. */
export type Stay = [cardId: string, from: number, to: number | null];

/** `flowTasks`, by task id, found by board. */
export type FlowTask = Readonly<{
  taskId: string;
  boardId: string;
  title: string;
  createdAt: number;
  /** In time order; only the last may be open. A deleted task's last stay ends at its deletion. */
  stays: Stay[];
  deletedAt: number | null;
}>;

const at = (event: RecordedEvent) => Date.parse(event.occurredAt);

function withCard(board: FlowBoard, cardId: string, change: (card: FlowCard) => FlowCard) {
  return { ...board, cards: board.cards.map((c) => (c.cardId === cardId ? change(c) : c)) };
}

function nextBoard(before: FlowBoard | undefined, event: RecordedEvent): FlowBoard | undefined {
  const d = event.data as Record<string, unknown>;
  if (event.type === 'BoardCreated') {
    return {
      boardId: d.boardId as string,
      workspaceId: d.workspaceId as string,
      deleted: false,
      timeZone: before?.timeZone ?? null,
      cards: before?.cards ?? [],
    };
  }
  if (before === undefined) return undefined;
  const cardId = d.cardId as string;
  switch (event.type) {
    case 'BoardDeleted':
      return { ...before, deleted: true };
    case 'BoardTimeZoneSet':
      return { ...before, timeZone: d.timeZone as string };
    case 'CardAdded':
      return {
        ...before,
        cards: [
          ...before.cards.filter((c) => c.cardId !== cardId),
          {
            cardId,
            name: d.name as string,
            type: d.type as CardType,
            position: d.position as string,
            flow: null,
            deleted: false,
          },
        ],
      };
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

/** Folds a `board-<id>` event into the board's `flowBoards` document. */
export async function projectFlowBoard(boardId: string, event: RecordedEvent, docs: DocCache) {
  const before = await docs.get<FlowBoard>('flowBoards', boardId);
  const after = nextBoard(before, event);
  if (after !== undefined) docs.put('flowBoards', boardId, after, event.globalPosition);
}

function closeLast(stays: Stay[], time: number) {
  const last = stays.at(-1);
  // Never before it began: clocks of different command processes may disagree by a little.
  if (last !== undefined && last[2] === null) last[2] = Math.max(last[1], time);
}

function nextTask(before: FlowTask | undefined, event: RecordedEvent): FlowTask | undefined {
  const d = event.data as Record<string, unknown>;
  const time = at(event);
  if (event.type === 'TaskCreated') {
    return {
      taskId: d.taskId as string,
      boardId: d.boardId as string,
      title: d.title as string,
      createdAt: time,
      stays: [[d.cardId as string, time, null]],
      deletedAt: null,
    };
  }
  if (before === undefined) return undefined;
  switch (event.type) {
    case 'TaskRenamed':
      return { ...before, title: d.title as string };
    case 'TaskMoved': {
      if (d.fromCardId === d.toCardId || before.deletedAt !== null) return undefined;
      const stays = before.stays;
      closeLast(stays, time);
      stays.push([d.toCardId as string, Math.max(time, stays.at(-1)?.[2] ?? time), null]);
      return { ...before, stays };
    }
    case 'TaskDeleted': {
      const stays = before.stays;
      closeLast(stays, time);
      return { ...before, stays, deletedAt: time };
    }
    default:
      return undefined;
  }
}

/** Folds a `task-<id>` event into the task's `flowTasks` document. */
export async function projectFlowTask(taskId: string, event: RecordedEvent, docs: DocCache) {
  if (!flowTaskEvents.has(event.type)) return;
  const before = await docs.get<FlowTask>('flowTasks', taskId);
  const after = nextTask(before, event);
  if (after !== undefined) {
    docs.put('flowTasks', taskId, after, event.globalPosition, { boardId: after.boardId });
  }
}

const flowTaskEvents = new Set(['TaskCreated', 'TaskRenamed', 'TaskMoved', 'TaskDeleted']);
