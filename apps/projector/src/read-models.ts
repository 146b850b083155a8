import {
  activityEntry,
  type BoardView,
  evolveBoardView,
  evolveTaskDetails,
  evolveWorkspaceView,
  initialBoardView,
  initialTaskDetails,
  initialWorkspaceView,
  parseStreamName,
  type RecordedEvent,
  type TaskDetails,
  type WorkspaceView,
} from '@taskomask/domain';
import type { ReadSchema } from '@taskomask/readstore';
import type { DocCache } from './doc-cache';
import type { BoardChanged } from './notifier';

/** The read models and the keys each is found by. Change keys → rebuild. */
export const readSchema = {
  workspaces: { keys: [] },
  /** One per (workspace, member): the permission model the query side checks. */
  memberships: { keys: ['ownerId', 'workspaceId'] },
  boards: { keys: ['workspaceId', 'projectId'] },
  tasks: { keys: ['boardId', 'assigneeId', 'workspaceId'] },
  /** One per event worth a line; ids sort newest first (see activityId). */
  activity: { keys: ['boardId', 'taskId', 'workspaceId'] },
} as const satisfies ReadSchema;

export type Membership = { workspaceId: string; ownerId: string; role: string };

export const membershipId = (workspaceId: string, ownerId: string) => `${workspaceId}:${ownerId}`;

// The read store lists documents by id; counting down from a large number makes that order
// newest-first, which is how every activity list is read.
const ACTIVITY_ID_BASE = 10 ** 15;
export const activityId = (globalPosition: number) =>
  String(ACTIVITY_ID_BASE - globalPosition).padStart(16, '0');

async function projectWorkspace(id: string, event: RecordedEvent, docs: DocCache) {
  const before = (await docs.get<WorkspaceView>('workspaces', id)) ?? initialWorkspaceView(id);
  const after = evolveWorkspaceView(before, event);
  if (after === before) return;
  docs.put('workspaces', id, after, event.globalPosition);
  // Memberships mirror the member list; a deleted workspace keeps none.
  const members = after.status === 'deleted' ? [] : after.members;
  for (const m of before.members) {
    if (!members.some((n) => n.ownerId === m.ownerId)) {
      docs.delete('memberships', membershipId(id, m.ownerId));
    }
  }
  for (const m of members) {
    const previous = before.members.find((p) => p.ownerId === m.ownerId);
    if (previous?.role === m.role && before.status === after.status) continue;
    const membership: Membership = { workspaceId: id, ownerId: m.ownerId, role: m.role };
    docs.put('memberships', membershipId(id, m.ownerId), membership, event.globalPosition, {
      ownerId: m.ownerId,
      workspaceId: id,
    });
  }
}

async function projectBoard(boardId: string, event: RecordedEvent, docs: DocCache) {
  const before = (await docs.get<BoardView>('boards', boardId)) ?? initialBoardView(boardId);
  const after = evolveBoardView(before, event);
  if (after === before) return undefined;
  docs.put('boards', boardId, after, event.globalPosition, {
    workspaceId: after.workspaceId,
    projectId: after.projectId,
  });
  return after;
}

async function projectTask(taskId: string, event: RecordedEvent, docs: DocCache) {
  const before = (await docs.get<TaskDetails>('tasks', taskId)) ?? initialTaskDetails(taskId);
  const after = evolveTaskDetails(before, event);
  if (after === before) return;
  docs.put('tasks', taskId, after, event.globalPosition, {
    boardId: after.boardId,
    assigneeId: after.assigneeId,
    workspaceId: after.workspaceId,
  });
}

/**
 * Folds one event into every read model it concerns, with the domain's pure evolve functions,
 * and says which board changed.
 */
export async function projectEvent(event: RecordedEvent, docs: DocCache): Promise<BoardChanged[]> {
  const stream = parseStreamName(event.streamName);
  let board: BoardView | undefined;
  switch (stream?.category) {
    case 'workspace':
      await projectWorkspace(stream.id, event, docs);
      break;
    case 'board':
      board = await projectBoard(stream.id, event, docs);
      break;
    case 'task': {
      const boardId = (event.data as { boardId?: unknown }).boardId;
      if (typeof boardId === 'string') board = await projectBoard(boardId, event, docs);
      await projectTask(stream.id, event, docs);
      break;
    }
    default:
      break;
  }
  const entry = activityEntry(event);
  if (entry) {
    docs.put('activity', activityId(event.globalPosition), entry, event.globalPosition, {
      boardId: entry.boardId,
      taskId: entry.taskId,
      workspaceId: entry.workspaceId,
    });
  }
  if (!board) return [];
  return [
    {
      boardId: board.boardId,
      workspaceId: board.workspaceId,
      position: event.globalPosition,
      kinds: [event.type],
      taskIds: stream?.category === 'task' ? [stream.id] : [],
    },
  ];
}
