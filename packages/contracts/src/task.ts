import {
  changesSomething,
  checklistText,
  commentText,
  dueDate,
  label,
  name,
  positionKey,
  taskDescription,
  uuid,
} from './fields';
import { named } from './registry';
import { z } from './zod';

const atLeastOne = { error: 'must change at least one field' } as const;

export const TaskParams = z.strictObject({ taskId: uuid() });
export const LabelParams = z.strictObject({ taskId: uuid(), label: label() });
export const ChecklistItemParams = z.strictObject({ taskId: uuid(), itemId: uuid() });
export const CommentParams = z.strictObject({ taskId: uuid(), commentId: uuid() });

const neighbours = {
  after: positionKey().describe('position key of the task to go after (null: the top)'),
  before: positionKey().describe('position key of the task to go before (null: the bottom)'),
};

export const CreateTaskBody = named(
  'CreateTaskBody',
  'A new task on a card of the board; titles unique per board, at most 1000 tasks a board. Without `after` and `before` it goes to the bottom of the card (after every task already there); with either, between them.',
  z.strictObject({
    cardId: uuid(),
    title: name(),
    description: taskDescription().optional(),
    ...neighbours,
  }),
);

export const UpdateTaskBody = named(
  'UpdateTaskBody',
  'Changes any of title, description (markdown), assignee (null: unassign) and due date (null: clear), all or nothing.',
  z
    .strictObject({
      title: name().optional(),
      description: taskDescription().optional(),
      assigneeId: uuid().nullable().optional(),
      dueDate: dueDate().nullable().optional(),
    })
    .refine(changesSomething, atLeastOne)
    .meta({ minProperties: 1 }),
);

export const MoveTaskBody = named(
  'MoveTaskBody',
  'Moves a task to a card (the same or another) between two neighbours. Without `after` and `before` it stays where it is on its own card and goes to the top of another.',
  z.strictObject({ toCardId: uuid(), ...neighbours }),
);

export const AddLabelBody = named(
  'AddLabelBody',
  'Adds a label (case-insensitively unique, at most 20 a task); adding one it already has changes nothing.',
  z.strictObject({ label: label() }),
);

export const AddChecklistItemBody = named(
  'AddChecklistItemBody',
  'A new checklist item (at most 100 a task).',
  z.strictObject({ text: checklistText() }),
);

export const UpdateChecklistItemBody = named(
  'UpdateChecklistItemBody',
  'Checks or unchecks a checklist item.',
  z.strictObject({
    done: z.boolean({
      error: (i) => (i.input === undefined ? 'is required' : 'must be true or false'),
    }),
  }),
);

export const AddCommentBody = named(
  'AddCommentBody',
  'A comment on the task by the caller.',
  z.strictObject({ text: commentText() }),
);

export const EditCommentBody = named(
  'EditCommentBody',
  'Edits a comment; only its author may.',
  z.strictObject({ text: commentText() }),
);

export type CreateTaskBody = z.infer<typeof CreateTaskBody>;
export type UpdateTaskBody = z.infer<typeof UpdateTaskBody>;
export type MoveTaskBody = z.infer<typeof MoveTaskBody>;
export type AddLabelBody = z.infer<typeof AddLabelBody>;
export type AddChecklistItemBody = z.infer<typeof AddChecklistItemBody>;
export type UpdateChecklistItemBody = z.infer<typeof UpdateChecklistItemBody>;
export type AddCommentBody = z.infer<typeof AddCommentBody>;
export type EditCommentBody = z.infer<typeof EditCommentBody>;
