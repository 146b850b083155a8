// Shared givens of the domain's own unit tests: one workspace with a member of every role, one
// project, one board with three cards, one task. Not exported from the package.
import type { BoardEvent } from '../board/events';
import { boardDecider } from '../board/index';
import type { CommandMetadata, RecordedEvent } from '../event';
import { foldEvents } from '../fold';
import type { DomainEvent } from '../messages';
import type { TaskEvent } from '../task/events';
import { taskDecider } from '../task/index';
import type { WorkspaceEvent } from '../workspace/events';
import { workspaceDecider } from '../workspace/index';

export const now = '2025-03-01T09:00:00.000Z';

/** Who acts: alice owns, adam administers, mia is a member, val a viewer, nick is no member. */
export const by = (userId: string, at: string = now): CommandMetadata => ({ userId, now: at });

export const workspaceId = 'w1';
export const projectId = 'p1';
export const boardId = 'b1';
export const taskId = 't1';

export const workspaceCreated: WorkspaceEvent = {
  type: 'WorkspaceCreated',
  data: { workspaceId, name: 'Acme', description: 'Our team', ownerId: 'alice' },
};

export const team: WorkspaceEvent[] = [
  { type: 'MemberAdded', data: { workspaceId, ownerId: 'adam', role: 'admin' } },
  { type: 'MemberAdded', data: { workspaceId, ownerId: 'mia', role: 'member' } },
  { type: 'MemberAdded', data: { workspaceId, ownerId: 'val', role: 'viewer' } },
];

export const projectAdded: WorkspaceEvent = {
  type: 'ProjectAdded',
  data: { workspaceId, projectId, name: 'Website', description: '' },
};

export const boardRegistered: WorkspaceEvent = {
  type: 'ProjectBoardAdded',
  data: { workspaceId, projectId, boardId, name: 'Sprint 1' },
};

export const workspaceHistory: WorkspaceEvent[] = [
  workspaceCreated,
  ...team,
  projectAdded,
  boardRegistered,
];

export const workspace = foldEvents(workspaceDecider, workspaceHistory);

export const boardCreated: BoardEvent = {
  type: 'BoardCreated',
  data: { boardId, workspaceId, projectId, name: 'Sprint 1', description: '' },
};

export const cards: BoardEvent[] = [
  {
    type: 'CardAdded',
    data: { boardId, cardId: 'todo', name: 'To do', type: 'ToDo', position: 'a0' },
  },
  {
    type: 'CardAdded',
    data: { boardId, cardId: 'doing', name: 'Doing', type: 'Doing', position: 'a1' },
  },
  {
    type: 'CardAdded',
    data: { boardId, cardId: 'done', name: 'Done', type: 'Done', position: 'a2' },
  },
];

export const taskRegistered: BoardEvent = {
  type: 'BoardTaskAdded',
  data: { boardId, taskId, cardId: 'todo', title: 'Write copy' },
};

export const boardHistory: BoardEvent[] = [boardCreated, ...cards, taskRegistered];

export const board = foldEvents(boardDecider, boardHistory);

export const taskCreated: TaskEvent = {
  type: 'TaskCreated',
  data: {
    taskId,
    workspaceId,
    boardId,
    cardId: 'todo',
    title: 'Write copy',
    description: 'For the landing page',
    position: 'a0',
    createdBy: 'mia',
    createdAt: now,
  },
};

export const task = foldEvents(taskDecider, [taskCreated]);

/**
 * Wraps events as the store would record them: stream versions from 1 per stream and global
 * positions from 1 (as the EventStore port numbers them), both continuing after `options.after` when given.
 */
export function recorded(
  streams: ReadonlyArray<readonly [streamName: string, event: DomainEvent]>,
  options: { userId?: string; after?: readonly RecordedEvent[] } = {},
): RecordedEvent[] {
  const versions = new Map<string, number>();
  let globalPosition = 0;
  for (const previous of options.after ?? []) {
    versions.set(previous.streamName, previous.streamVersion);
    globalPosition = Math.max(globalPosition, previous.globalPosition);
  }
  return streams.map(([streamName, event]) => {
    const streamVersion = (versions.get(streamName) ?? 0) + 1;
    versions.set(streamName, streamVersion);
    globalPosition += 1;
    return {
      ...event,
      streamName,
      streamVersion,
      globalPosition,
      occurredAt: new Date(Date.parse(now) + globalPosition * 1000).toISOString(),
      metadata: {
        userId: options.userId ?? 'mia',
        correlationId: `c${globalPosition}`,
        causationId: `c${globalPosition}`,
      },
    } as RecordedEvent;
  });
}
