import type { BoardView, RecordedEvent } from '@taskomask/domain';
import type { Projection, TaskDoc } from '@taskomask/read-models';

/** A task that arrived on a Done card, and how long after its creation. */
export type TaskCompletion = Readonly<{ taskId: string; seconds: number; globalPosition: number }>;

function cardType(board: BoardView | undefined, cardId: string) {
  return board?.cards.find((card) => card.cardId === cardId)?.type;
}

/**
 * Wraps a projection so that each TaskMoved it applies from a card that is not Done to a Done
 * card (as the board's read model knows the cards just before the move) hands a completion to
 * `found`. Runs only on events the batch newly applies: applyBatch drops redelivered ones before
 * the projection sees them. The caller keeps the completions until the batch committed.
 */
export function findingCompletions<Notice>(
  project: Projection<Notice>,
  found: (completion: TaskCompletion) => void,
): Projection<Notice> {
  return async (event: RecordedEvent, docs) => {
    if (event.type === 'TaskMoved') {
      const { taskId, boardId, fromCardId, toCardId } = event.data as {
        taskId: string;
        boardId: string;
        fromCardId: string;
        toCardId: string;
      };
      const board = await docs.get<BoardView>('boards', boardId);
      if (cardType(board, toCardId) === 'Done' && cardType(board, fromCardId) !== 'Done') {
        const task = await docs.get<TaskDoc>('tasks', taskId);
        const created = Date.parse(task?.createdAt ?? '');
        const arrived = Date.parse(event.occurredAt);
        if (Number.isFinite(created) && Number.isFinite(arrived)) {
          found({
            taskId,
            seconds: Math.max(0, (arrived - created) / 1000),
            globalPosition: event.globalPosition,
          });
        }
      }
    }
    return project(event, docs);
  };
}
