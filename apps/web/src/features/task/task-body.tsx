'use client';

import type { Task } from '@/lib/api';
import { TaskActivity } from './task-activity';
import { TaskChecklist } from './task-checklist';
import { TaskComments } from './task-comments';
import { TaskDescription } from './task-description';
import { TaskFields } from './task-fields';
import { TaskTitle } from './task-title';
import type { Mutate, Patch } from './use-task-mutation';

export type TaskPartProps = {
  task: Task;
  editor: boolean;
  names: ReadonlyMap<string, string>;
  me: string;
  patch: Patch;
  mutate: Mutate;
};

/**
 * The task's parts, each editable by editors: title, fields, description, checklist, comments.
 * A viewer sees only parts with something in them: an empty section they cannot fill is noise.
 */
export function TaskBody({
  members,
  ...part
}: TaskPartProps & { members: readonly { ownerId: string; role: string }[] }) {
  return (
    <div className="space-y-6 p-4 sm:p-6">
      <TaskTitle {...part} />
      <TaskFields {...part} members={members} />
      {part.editor || part.task.description ? <TaskDescription {...part} /> : null}
      {part.editor || part.task.checklist.length > 0 ? <TaskChecklist {...part} /> : null}
      {part.editor || part.task.comments.length > 0 ? <TaskComments {...part} /> : null}
      <TaskActivity task={part.task} names={part.names} me={part.me} />
    </div>
  );
}
