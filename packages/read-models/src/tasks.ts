import {
  type ActivityEntry,
  evolveTaskDetails,
  initialTaskDetails,
  type RecordedEvent,
  type TaskDetails,
} from '@taskomask/domain';
import { addEntry } from './activity';
import type { DocCache } from './doc-cache';
import { recordHistory } from './history';

/** Task details with the task's whole history (`activity`, newest first). */
export type TaskDoc = TaskDetails & { activity: readonly ActivityEntry[] };

export async function projectTask(
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
  if (details !== before) {
    const { activity: _, ...folded } = details as TaskDoc;
    await recordHistory('task', taskId, event, folded, folded.boardId, docs);
  }
  const activity = before.activity as ActivityEntry[];
  if (entry) addEntry(activity, entry);
  const after: TaskDoc = { ...details, activity };
  docs.put('tasks', taskId, after, event.globalPosition, {
    boardId: after.boardId,
    assigneeId: after.assigneeId,
    workspaceId: after.workspaceId,
  });
}
