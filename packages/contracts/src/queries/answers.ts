import { cardType, role } from '../fields';
import { named } from '../registry';
import { z } from '../zod';

// What the query side answers. Every document carries `globalPosition`: the global position of
// the last event folded into it, which is also its ETag. Task and card `position`s are something
// else: fractional order keys, the ones a command's `after`/`before` take.

const count = () => z.int().nonnegative();
const globalPosition = () =>
  count().describe('global position of the last event folded into this document');
const nullableText = () => z.string().nullable();
const id = () => z.uuid();
const orderKey = () => z.string().describe('fractional order key (for after/before in commands)');
const nextCursor = () =>
  z.string().nullable().describe('pass as `cursor` for the next page; null on the last page');

const displayName = () =>
  z.string().describe('the person’s current display name (follows renames)');

const people = () =>
  z
    .record(z.string(), displayName())
    .describe(
      'ownerId → current display name of every person this answer names by id (authors, assignee, actors, `@<ownerId>` in activity text)',
    );

export const MemberDto = named(
  'Member',
  'A member of a workspace, their role and their current display name.',
  z.strictObject({ ownerId: id(), role: role(), displayName: displayName() }),
);

export const InvitationDto = named(
  'Invitation',
  'A pending invitation by email, as the workspace’s owners and admins see it.',
  z.strictObject({
    invitationId: id(),
    email: z.string(),
    role: role(),
    invitedBy: id(),
    invitedByName: displayName(),
    invitedAt: z.string(),
  }),
);

export const MyInvitationDto = named(
  'MyInvitation',
  'A pending invitation addressed to the caller’s current account email.',
  z.strictObject({
    invitationId: id(),
    workspaceId: id(),
    workspaceName: z.string(),
    role: role(),
    invitedBy: id(),
    invitedByName: displayName(),
    invitedAt: z.string(),
  }),
);

export const MyInvitationsDto = named(
  'MyInvitations',
  'The invitations pending for the caller’s email, oldest first; accept or decline each with POST /invitations/{invitationId}/accept|decline.',
  z.strictObject({ items: z.array(MyInvitationDto), globalPosition: globalPosition() }),
);

export const ProjectDto = named(
  'Project',
  'A project of a workspace with its boards, in the order they were added.',
  z.strictObject({
    projectId: id(),
    name: z.string(),
    description: z.string(),
    boards: z.array(z.strictObject({ boardId: id(), name: z.string() })),
  }),
);

export const WorkspaceListItemDto = named(
  'WorkspaceListItem',
  'One of the caller’s workspaces, with the caller’s role in it.',
  z.strictObject({
    workspaceId: id(),
    name: z.string(),
    description: z.string(),
    role: role(),
    memberCount: count(),
    projectCount: count(),
    updatedAt: nullableText(),
    globalPosition: globalPosition(),
  }),
);

export const MyWorkspacesDto = named(
  'MyWorkspaces',
  'The workspaces the caller is a member of, by name.',
  z.strictObject({ items: z.array(WorkspaceListItemDto), nextCursor: nextCursor() }),
);

export const WorkspaceDto = named(
  'Workspace',
  'A workspace with its projects, their boards, and its members with their roles. `role` is the caller’s.',
  z.strictObject({
    workspaceId: id(),
    name: z.string(),
    description: z.string(),
    role: role(),
    createdBy: id(),
    createdAt: z.string(),
    members: z.array(MemberDto),
    invitations: z
      .array(InvitationDto)
      .describe('pending invitations; empty unless the caller is an owner or admin'),
    projects: z.array(ProjectDto),
    version: count().describe('version of the workspace-<id> stream (the command side’s ETag)'),
    updatedAt: nullableText(),
    globalPosition: globalPosition(),
  }),
);

export const BoardSummaryDto = named(
  'BoardSummary',
  'A board as a project lists it.',
  z.strictObject({
    boardId: id(),
    name: z.string(),
    description: z.string(),
    cardCount: count(),
    taskCount: count(),
    updatedAt: nullableText(),
    globalPosition: globalPosition(),
  }),
);

export const ProjectBoardsDto = named(
  'ProjectBoards',
  'A project and its boards, in the order they were added.',
  z.strictObject({
    workspaceId: id(),
    projectId: id(),
    name: z.string(),
    description: z.string(),
    boards: z.array(BoardSummaryDto),
  }),
);

export const TaskSummaryDto = named(
  'TaskSummary',
  'A task as its card shows it.',
  z.strictObject({
    taskId: id(),
    title: z.string(),
    position: orderKey(),
    assigneeId: id().nullable(),
    labels: z.array(z.string()),
    dueDate: nullableText(),
    checklist: z.strictObject({ done: count(), total: count() }),
    commentCount: count(),
  }),
);

export const CardDto = named(
  'Card',
  'A column of a board; its type is the status of its tasks. Tasks in board order.',
  z.strictObject({
    cardId: id(),
    name: z.string(),
    type: cardType(),
    position: orderKey(),
    tasks: z.array(TaskSummaryDto),
  }),
);

export const AsOfDto = named(
  'AsOf',
  'The moment a time-travel answer (`?at=`) shows: the last change at or before the moment asked.',
  z.strictObject({
    position: count().describe('global position of that change'),
    time: z.string().describe('when it happened (ISO-8601)'),
  }),
);

export const BoardDto = named(
  'Board',
  'A board with its cards in order, each with its tasks in order.',
  z.strictObject({
    boardId: id(),
    workspaceId: id(),
    projectId: id(),
    name: z.string(),
    description: z.string(),
    cards: z.array(CardDto),
    updatedAt: nullableText(),
    globalPosition: globalPosition(),
    asOf: AsOfDto.optional().describe('only with `?at=`: the moment shown (read-only)'),
  }),
);

export const BoardChangeDto = named(
  'BoardChange',
  'One change point of a board: one event of the board or of one of its tasks.',
  z.strictObject({
    position: count().describe('global position: pass as `at` to see the board right after it'),
    time: z.string(),
    actorId: z.string(),
    actorName: displayName(),
    kind: z.string().describe('the event type, e.g. TaskMoved'),
    summary: z.string().describe('one line; people appear as `@<ownerId>` (see `people`)'),
    taskId: nullableText(),
    commandId: z.string().describe('the request that made the change (`causationId`)'),
  }),
);

export const BoardHistoryDto = named(
  'BoardHistory',
  'A board’s change points, newest first; `nextBefore` pages on.',
  z.strictObject({
    boardId: id(),
    items: z.array(BoardChangeDto),
    nextBefore: count()
      .nullable()
      .describe('pass as `before` for the next page; null on the last page'),
    people: people(),
  }),
);

export const ActivityEntryDto = named(
  'ActivityEntry',
  'One line of history, derived from one event. People appear in `text` as `@<ownerId>`.',
  z.strictObject({
    at: z.string(),
    actorId: z.string(),
    kind: z.string().describe('the event type, e.g. TaskMoved'),
    text: z.string(),
    streamName: z.string(),
    streamVersion: count(),
    globalPosition: count(),
    workspaceId: nullableText(),
    boardId: nullableText(),
    taskId: nullableText(),
  }),
);

export const ActivityPageDto = named(
  'ActivityPage',
  'History, newest first. Boards and workspaces keep their latest 500 lines here; a task keeps all of its own.',
  z.strictObject({
    items: z.array(ActivityEntryDto),
    nextCursor: nextCursor(),
    globalPosition: globalPosition(),
    people: people(),
  }),
);

export const TaskHitDto = named(
  'TaskHit',
  'A task found on a board, with the card it is on.',
  z.strictObject({
    ...TaskSummaryDto.shape,
    cardId: id(),
    cardName: z.string(),
    cardType: cardType(),
  }),
);

export const BoardSearchDto = named(
  'BoardSearch',
  'Tasks of a board matching every filter given, in board order.',
  z.strictObject({
    boardId: id(),
    items: z.array(TaskHitDto),
    nextCursor: nextCursor(),
    globalPosition: globalPosition(),
  }),
);

export const ChecklistItemDto = named(
  'ChecklistItem',
  'One item of a task’s checklist.',
  z.strictObject({ itemId: id(), text: z.string(), done: z.boolean() }),
);

export const CommentDto = named(
  'Comment',
  'A comment on a task.',
  z.strictObject({
    commentId: id(),
    authorId: id(),
    text: z.string(),
    createdAt: z.string(),
    editedAt: nullableText(),
  }),
);

export const TaskDto = named(
  'Task',
  'Everything about a task: checklist in the order added, comments oldest first, and the first page of its history (newest first); `activityNextCursor` pages on through /tasks/{taskId}/activity.',
  z.strictObject({
    taskId: id(),
    workspaceId: id(),
    boardId: id(),
    cardId: id(),
    title: z.string(),
    description: z.string().describe('markdown'),
    position: orderKey(),
    assigneeId: id().nullable(),
    labels: z.array(z.string()),
    dueDate: nullableText(),
    checklist: z.array(ChecklistItemDto),
    comments: z.array(CommentDto),
    createdBy: id(),
    createdAt: z.string(),
    updatedAt: nullableText(),
    version: count().describe('version of the task-<id> stream (the command side’s ETag)'),
    globalPosition: globalPosition(),
    activity: z.array(ActivityEntryDto),
    activityNextCursor: nextCursor(),
    people: people(),
    asOf: AsOfDto.optional().describe('only with `?at=`: the moment shown (read-only)'),
  }),
);

export const MyTaskDto = named(
  'MyTask',
  'A task assigned to the caller, with where it is.',
  z.strictObject({
    taskId: id(),
    title: z.string(),
    workspaceId: id(),
    workspaceName: z.string(),
    boardId: id(),
    boardName: z.string(),
    cardId: id(),
    cardName: z.string(),
    cardType: cardType(),
    position: orderKey(),
    labels: z.array(z.string()),
    dueDate: nullableText(),
    checklist: z.strictObject({ done: count(), total: count() }),
    commentCount: count(),
    updatedAt: nullableText(),
    globalPosition: globalPosition(),
  }),
);

export const MyTasksDto = named(
  'MyTasks',
  'Tasks assigned to the caller on live boards of the workspaces they are a member of; soonest due first, tasks without a due date last.',
  z.strictObject({ items: z.array(MyTaskDto), nextCursor: nextCursor() }),
);

export type MemberDto = z.infer<typeof MemberDto>;
export type InvitationDto = z.infer<typeof InvitationDto>;
export type MyInvitationDto = z.infer<typeof MyInvitationDto>;
export type MyInvitationsDto = z.infer<typeof MyInvitationsDto>;
export type ProjectDto = z.infer<typeof ProjectDto>;
export type WorkspaceListItemDto = z.infer<typeof WorkspaceListItemDto>;
export type MyWorkspacesDto = z.infer<typeof MyWorkspacesDto>;
export type WorkspaceDto = z.infer<typeof WorkspaceDto>;
export type BoardSummaryDto = z.infer<typeof BoardSummaryDto>;
export type ProjectBoardsDto = z.infer<typeof ProjectBoardsDto>;
export type TaskSummaryDto = z.infer<typeof TaskSummaryDto>;
export type CardDto = z.infer<typeof CardDto>;
export type BoardDto = z.infer<typeof BoardDto>;
export type AsOfDto = z.infer<typeof AsOfDto>;
export type BoardChangeDto = z.infer<typeof BoardChangeDto>;
export type BoardHistoryDto = z.infer<typeof BoardHistoryDto>;
export type ActivityEntryDto = z.infer<typeof ActivityEntryDto>;
export type ActivityPageDto = z.infer<typeof ActivityPageDto>;
export type TaskHitDto = z.infer<typeof TaskHitDto>;
export type BoardSearchDto = z.infer<typeof BoardSearchDto>;
export type ChecklistItemDto = z.infer<typeof ChecklistItemDto>;
export type CommentDto = z.infer<typeof CommentDto>;
export type TaskDto = z.infer<typeof TaskDto>;
export type MyTaskDto = z.infer<typeof MyTaskDto>;
export type MyTasksDto = z.infer<typeof MyTasksDto>;
