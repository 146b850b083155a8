import {
  type BoardView,
  evolveBoardView,
  initialBoardView,
  type RecordedEvent,
} from '@taskomask/domain';
import type { DocCache } from './doc-cache';
import { recordHistory } from './history';

/**
 * The `boards` document and the board's history; answers the board as it is after the event, if the event changed
 * it.
 */
export async function projectBoard(boardId: string, event: RecordedEvent, docs: DocCache) {
  const before = (await docs.get<BoardView>('boards', boardId)) ?? initialBoardView(boardId);
  const after = evolveBoardView(before, event);
  if (after === before) return undefined;
  docs.put('boards', boardId, after, event.globalPosition, {
    workspaceId: after.workspaceId,
    projectId: after.projectId,
  });
  await recordHistory('board', boardId, event, after, boardId, docs);
  return after;
}
