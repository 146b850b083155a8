import type { Condition, Seed } from '../conditions';
import { RuleViolation } from '../errors';
import { limits } from '../limits';
import { nameKey } from '../validation';
import type { BoardState } from './state';

/**
 * A board's task registry — titles, the task count, the tasks on each card — kept as keyed
 * conditions beside the streams instead of events in `board-<id>`, so commands on different
 * tasks of one board never contend for the board stream. Boards from older logs carry their
 * registry in the board state (BoardTask* events); it seeds the keys once.
 */
export const registryKeys = {
  titles: (boardId: string) => `board-titles:${boardId}`,
  tasks: (boardId: string) => `board-tasks:${boardId}`,
  cardTasks: (boardId: string, cardId: string) => `card-tasks:${boardId}:${cardId}`,
  seeded: (boardId: string) => `board-registry:${boardId}`,
} as const;

/** The registry an older board stream folded to, as the keys' starting values; null if empty. */
export function registrySeed(board: BoardState): Seed | null {
  if (board.status !== 'active' || board.tasks.size === 0) return null;
  const perCard = new Map<string, number>();
  const claims: { set: string; member: string; owner: string }[] = [];
  const titles = registryKeys.titles(board.boardId);
  for (const task of board.tasks.values()) {
    claims.push({ set: titles, member: nameKey(task.title), owner: task.taskId });
    perCard.set(task.cardId, (perCard.get(task.cardId) ?? 0) + 1);
  }
  return {
    kind: 'seed',
    marker: registryKeys.seeded(board.boardId),
    claims,
    counters: [
      { key: registryKeys.tasks(board.boardId), value: board.tasks.size },
      ...[...perCard].map(([cardId, value]) => ({
        key: registryKeys.cardTasks(board.boardId, cardId),
        value,
      })),
    ],
  };
}

export function claimTitle(boardId: string, taskId: string, title: string): Condition {
  return {
    kind: 'claim',
    set: registryKeys.titles(boardId),
    member: nameKey(title),
    owner: taskId,
    refusal: () =>
      new RuleViolation('name_taken', `a task titled "${title}" is already on this board`),
  };
}

export function releaseTitle(boardId: string, taskId: string, title: string): Condition {
  return {
    kind: 'release',
    set: registryKeys.titles(boardId),
    member: nameKey(title),
    owner: taskId,
  };
}

/** One more task on the board, refused past `limits.tasksPerBoard` (creation only). */
export function countTaskIn(boardId: string): Condition {
  return {
    kind: 'counter',
    key: registryKeys.tasks(boardId),
    delta: 1,
    max: limits.tasksPerBoard,
    refusal: () =>
      new RuleViolation('task_limit', `a board holds at most ${limits.tasksPerBoard} tasks`),
  };
}

export function countTaskOut(boardId: string): Condition {
  return { kind: 'counter', key: registryKeys.tasks(boardId), delta: -1 };
}

export function countOnCard(boardId: string, cardId: string, delta: 1 | -1): Condition {
  return { kind: 'counter', key: registryKeys.cardTasks(boardId, cardId), delta };
}

/** DeleteCard: the card holds no task at the moment of the append. */
export function cardIsEmpty(boardId: string, cardId: string): Condition {
  return {
    kind: 'counter',
    key: registryKeys.cardTasks(boardId, cardId),
    delta: 0,
    max: 0,
    refusal: () =>
      new RuleViolation('card_not_empty', 'move or delete the tasks of the card first'),
  };
}

// States are immutable and the shell's state cache hands the same board state to every command
// until the board changes: an older board's seed (one claim per task, up to 1,000) is built once
// per board state, not once per task command.
const seeds = new WeakMap<BoardState, Seed | null>();

function seedOf(board: BoardState): Seed | null {
  let seed = seeds.get(board);
  if (seed === undefined) {
    seed = registrySeed(board);
    seeds.set(board, seed);
  }
  return seed;
}

/** The conditions, preceded by the board's seed when its older log holds a registry. */
export function withSeed(board: BoardState, conditions: Condition[]): Condition[] {
  if (conditions.length === 0) return conditions;
  const seed = seedOf(board);
  return seed === null ? conditions : [seed, ...conditions];
}
