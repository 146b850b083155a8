import type { BoardChanged, InboxChanged } from '@taskomask/contracts/realtime';
import {
  activityEntry,
  type BoardView,
  parseStreamName,
  type RecordedEvent,
} from '@taskomask/domain';
import { activityDocId, addActivity } from './activity';
import { projectBoard } from './boards';
import type { DocCache } from './doc-cache';
import { projectFlowBoard, projectFlowTask } from './flow';
import { historyDocumentsOf } from './history';
import { projectOwner } from './owners';
import { projectInbox } from './project-inbox';
import { projectTask } from './tasks';
import { projectWorkspace } from './workspaces';

/** The documents a batch will touch, so they can be read in a few queries, not one by one. */
export function documentsOf(events: readonly RecordedEvent[]): Record<string, string[]> {
  const ids = {
    workspaces: new Set<string>(),
    boards: new Set<string>(),
    tasks: new Set<string>(),
  };
  const activity = new Set<string>();
  const history = new Set<string>();
  for (const event of events) {
    const stream = parseStreamName(event.streamName);
    const data = event.data as { boardId?: unknown; workspaceId?: unknown };
    if (stream?.category === 'workspace') ids.workspaces.add(stream.id);
    if (stream?.category === 'board') {
      ids.boards.add(stream.id);
      for (const id of historyDocumentsOf('board', stream.id)) history.add(id);
    }
    if (stream?.category === 'task') {
      ids.tasks.add(stream.id);
      for (const id of historyDocumentsOf('task', stream.id)) history.add(id);
    }
    if (typeof data.boardId === 'string') {
      ids.boards.add(data.boardId);
      for (const id of historyDocumentsOf('board', data.boardId)) history.add(id);
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
    flowBoards: [...ids.boards],
    history: [...history],
  };
}

/**
 * Folds one event into every read model it concerns, with the domain's pure evolve functions,
 * and says which board changed; whose inbox changed goes to `inboxChanged` (the projector tells
 * it once the batch committed).
 */
export async function projectEvent(
  event: RecordedEvent,
  docs: DocCache,
  inboxChanged?: (changed: InboxChanged) => void,
): Promise<BoardChanged[]> {
  const stream = parseStreamName(event.streamName);
  // First: it reads the task, board and workspace as they were before this event.
  for (const changed of await projectInbox(event, docs)) inboxChanged?.(changed);
  const entry = activityEntry(event);
  let board: BoardView | undefined;
  switch (stream?.category) {
    case 'workspace':
      await projectWorkspace(stream.id, event, docs);
      break;
    case 'board':
      board = await projectBoard(stream.id, event, docs);
      await projectFlowBoard(stream.id, event, docs);
      break;
    case 'owner':
      await projectOwner(stream.id, event, docs);
      break;
    case 'task': {
      const boardId = (event.data as { boardId?: unknown }).boardId;
      if (typeof boardId === 'string') board = await projectBoard(boardId, event, docs);
      await projectTask(stream.id, event, entry, docs);
      await projectFlowTask(stream.id, event, docs);
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
