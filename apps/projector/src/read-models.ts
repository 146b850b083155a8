import {
  type ActivityEntry,
  activityEntry,
  type BoardView,
  evolveBoardView,
  evolveOwnerView,
  evolveTaskDetails,
  evolveWorkspaceView,
  initialBoardView,
  initialOwnerView,
  initialTaskDetails,
  initialWorkspaceView,
  type OwnerView,
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
  /** Task details with the task's whole history (`activity`, newest first). */
  tasks: { keys: ['boardId', 'assigneeId', 'workspaceId'] },
  /** `board:<id>` and `workspace:<id>`: their latest ACTIVITY_CAP lines, newest first. */
  activity: { keys: [] },
  /** Registered accounts (`owner-<id>` streams), for account admins. */
  owners: { keys: ['email', 'role', 'status'] },
} as const satisfies ReadSchema;

/**
 * How many lines a board's or workspace's activity document keeps. One document per board,
 * rewritten once per batch, instead of one row per event: rebuilds write far less. Older history
 * stays in the event store, where a fold of the board's streams reads it back exactly.
 */
export const ACTIVITY_CAP = 500;

export type TaskDoc = TaskDetails & { activity: readonly ActivityEntry[] };
export type ActivityDoc = { entries: readonly ActivityEntry[] };
export const activityDocId = (scope: 'board' | 'workspace', id: string) => `${scope}:${id}`;

/**
 * Inserts newest-first by global position (a gap fill may bring an older line late), in place:
 * the list belongs to the batch's document cache, and copying a 500-line list for every event
 * was most of a rebuild's garbage.
 */
function addEntry(entries: ActivityEntry[], entry: ActivityEntry, cap = Infinity): void {
  const at = entries.findIndex((e) => e.globalPosition < entry.globalPosition);
  if (at === -1) entries.push(entry);
  else entries.splice(at, 0, entry);
  if (entries.length > cap) entries.length = cap;
}

export type Membership = { workspaceId: string; ownerId: string; role: string };

export const membershipId = (workspaceId: string, ownerId: string) => `${workspaceId}:${ownerId}`;

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

async function projectTask(
  taskId: string,
  event: RecordedEvent,
  entry: ActivityEntry | null,
  docs: DocCache,
) {
  const before = (await docs.get<TaskDoc>('tasks', taskId)) ?? {
    ...initialTaskDetails(taskId),
    activity: [],
  };
  const details = evolveTaskDetails(before, event);
  if (details === before && !entry) return;
  const activity = before.activity as ActivityEntry[];
  if (entry) addEntry(activity, entry);
  const after: TaskDoc = { ...details, activity };
  docs.put('tasks', taskId, after, event.globalPosition, {
    boardId: after.boardId,
    assigneeId: after.assigneeId,
    workspaceId: after.workspaceId,
  });
}

async function projectOwner(ownerId: string, event: RecordedEvent, docs: DocCache) {
  const before = (await docs.get<OwnerView>('owners', ownerId)) ?? initialOwnerView(ownerId);
  const after = evolveOwnerView(before, event);
  // A stream with only the workspace registry is no account: no document.
  if (after === before || after.status === 'unregistered') return;
  docs.put('owners', ownerId, after, event.globalPosition, {
    email: after.email,
    role: after.role,
    status: after.status,
  });
}

async function addActivity(id: string, entry: ActivityEntry, docs: DocCache) {
  const doc = (await docs.get<{ entries: ActivityEntry[] }>('activity', id)) ?? { entries: [] };
  addEntry(doc.entries, entry, ACTIVITY_CAP);
  docs.put('activity', id, doc, entry.globalPosition);
}

/** The documents a batch will touch, so they can be read in a few queries, not one by one. */
export function documentsOf(events: readonly RecordedEvent[]): Record<string, string[]> {
  const ids = {
    workspaces: new Set<string>(),
    boards: new Set<string>(),
    tasks: new Set<string>(),
  };
  const activity = new Set<string>();
  for (const event of events) {
    const stream = parseStreamName(event.streamName);
    const data = event.data as { boardId?: unknown; workspaceId?: unknown };
    if (stream?.category === 'workspace') ids.workspaces.add(stream.id);
    if (stream?.category === 'board') ids.boards.add(stream.id);
    if (stream?.category === 'task') ids.tasks.add(stream.id);
    if (typeof data.boardId === 'string') {
      ids.boards.add(data.boardId);
      activity.add(activityDocId('board', data.boardId));
    }
    if (typeof data.workspaceId === 'string') {
      activity.add(activityDocId('workspace', data.workspaceId));
    }
  }
  return {
    workspaces: [...ids.workspaces],
    boards: [...ids.boards],
    tasks: [...ids.tasks],
    activity: [...activity],
  };
}

/**
 * Folds one event into every read model it concerns, with the domain's pure evolve functions,
 * and says which board changed.
 */
export async function projectEvent(event: RecordedEvent, docs: DocCache): Promise<BoardChanged[]> {
  const stream = parseStreamName(event.streamName);
  const entry = activityEntry(event);
  let board: BoardView | undefined;
  switch (stream?.category) {
    case 'workspace':
      await projectWorkspace(stream.id, event, docs);
      break;
    case 'board':
      board = await projectBoard(stream.id, event, docs);
      break;
    case 'owner':
      await projectOwner(stream.id, event, docs);
      break;
    case 'task': {
      const boardId = (event.data as { boardId?: unknown }).boardId;
      if (typeof boardId === 'string') board = await projectBoard(boardId, event, docs);
      await projectTask(stream.id, event, entry, docs);
      break;
    }
    default:
      break;
  }
  if (entry?.boardId) await addActivity(activityDocId('board', entry.boardId), entry, docs);
  if (entry?.workspaceId) {
    await addActivity(activityDocId('workspace', entry.workspaceId), entry, docs);
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

/** What applyBatch needs to keep these read models. */
export const readModels = { project: projectEvent, prefetch: documentsOf };
