/**
 * The events a webhook may subscribe to: what happens on boards, tasks, comments, projects and
 * members. Not invitations (they carry email addresses), accounts, inboxes or webhooks
 * themselves (they carry secrets).
 */
export const webhookEventKinds = [
  'BoardCreated',
  'BoardRenamed',
  'BoardDescribed',
  'BoardDeleted',
  'CardAdded',
  'CardRenamed',
  'CardTypeChanged',
  'CardMoved',
  'CardDeleted',
  'TaskCreated',
  'TaskRenamed',
  'TaskDescribed',
  'TaskAssigned',
  'TaskUnassigned',
  'TaskDueDateSet',
  'TaskDueDateCleared',
  'TaskLabelAdded',
  'TaskLabelRemoved',
  'ChecklistItemAdded',
  'ChecklistItemChecked',
  'ChecklistItemUnchecked',
  'ChecklistItemRemoved',
  'TaskMoved',
  'TaskDeleted',
  'CommentAdded',
  'CommentEdited',
  'CommentDeleted',
  'ProjectAdded',
  'ProjectRenamed',
  'ProjectDescribed',
  'ProjectDeleted',
  'MemberAdded',
  'MemberRemoved',
  'MemberRoleChanged',
] as const;

export type WebhookEventKind = (typeof webhookEventKinds)[number];

export function isWebhookEventKind(value: unknown): value is WebhookEventKind {
  return (webhookEventKinds as readonly unknown[]).includes(value);
}
