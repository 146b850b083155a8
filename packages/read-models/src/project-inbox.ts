import { mentionedIds } from '@taskomask/contracts/mentions';
import type { InboxChanged } from '@taskomask/contracts/realtime';
import type {
  BoardView,
  OwnerView,
  RecordedEvent,
  TaskDetails,
  WorkspaceView,
} from '@taskomask/domain';
import type { DocCache } from './doc-cache';
import {
  addItem,
  changeInbox,
  type InboxItem,
  type InboxKind,
  markRead,
  removeItems,
} from './inbox';
import { accountOfEmail, projectInboxAccount } from './inbox-accounts';

type Data = Record<string, unknown>;
/** Who gets which kind of item from one event. */
type Recipients = Map<string, InboxKind>;
/** What an item says about its task (or workspace): filled once per event. */
type Subject = Pick<
  InboxItem,
  'title' | 'workspaceId' | 'workspaceName' | 'boardId' | 'taskId' | 'invitationId'
>;

const str = (value: unknown) => (typeof value === 'string' ? value : '');

async function workspaceOf(id: string, docs: DocCache) {
  return id === '' ? undefined : docs.get<WorkspaceView>('workspaces', id);
}

const isMember = (workspace: WorkspaceView | undefined, ownerId: string) =>
  workspace?.status === 'active' && workspace.members.some((m) => m.ownerId === ownerId);

/** The task as it was before this event (TaskCreated: as the event makes it). */
async function taskBefore(event: RecordedEvent, docs: DocCache) {
  const data = event.data as Data;
  if (event.type === 'TaskCreated') {
    return {
      title: str(data.title),
      workspaceId: str(data.workspaceId),
      createdBy: str(data.createdBy),
      assigneeId: null,
      description: '',
      comments: [],
    };
  }
  const task = await docs.get<TaskDetails>('tasks', str(data.taskId));
  return task?.status === 'active' ? task : undefined;
}

/** Mentions new in `after` (not in `before`), each a `mentioned` item unless it is the actor. */
function addMentions(into: Recipients, before: string, after: string) {
  const old = new Set(mentionedIds(before));
  for (const id of mentionedIds(after)) if (!old.has(id)) into.set(id, 'mentioned');
}

/** Adds `kind` for each id that has no item from this event yet (a mention wins). */
function addOthers(into: Recipients, ids: readonly (string | null)[], kind: InboxKind) {
  for (const id of ids) if (id && !into.has(id)) into.set(id, kind);
}

/** Who a task event notifies, with the task as it was. */
async function taskRecipients(event: RecordedEvent, docs: DocCache) {
  const task = await taskBefore(event, docs);
  if (!task) return undefined;
  const data = event.data as Data;
  const to: Recipients = new Map();
  const people = [task.createdBy, task.assigneeId];
  switch (event.type) {
    case 'TaskCreated':
      addMentions(to, '', str(data.description));
      break;
    case 'TaskDescribed':
      addMentions(to, task.description, str(data.description));
      break;
    case 'TaskAssigned':
      to.set(str(data.assigneeId), 'assigned');
      break;
    case 'CommentAdded':
      addMentions(to, '', str(data.text));
      addOthers(to, people, 'commented');
      break;
    case 'CommentEdited': {
      const old = task.comments.find((c) => c.commentId === data.commentId)?.text ?? '';
      addMentions(to, old, str(data.text));
      break;
    }
    case 'TaskMoved':
      if (await movedIntoDone(data, docs)) addOthers(to, people, 'done');
      break;
    default:
      return undefined;
  }
  return { task, to };
}

async function movedIntoDone(data: Data, docs: DocCache): Promise<boolean> {
  const board = await docs.get<BoardView>('boards', str(data.boardId));
  const typeOf = (cardId: unknown) => board?.cards.find((c) => c.cardId === cardId)?.type;
  return typeOf(data.toCardId) === 'Done' && typeOf(data.fromCardId) !== 'Done';
}

/** Adds one item per recipient, skipping the actor and (unless invited) non-members. */
async function deliver(
  event: RecordedEvent,
  docs: DocCache,
  to: Recipients,
  subject: Subject,
  workspace: WorkspaceView | undefined,
): Promise<InboxChanged[]> {
  const actorId = event.metadata.userId;
  const actor = await docs.get<OwnerView>('owners', actorId);
  const notices: InboxChanged[] = [];
  for (const [ownerId, kind] of to) {
    if (ownerId === actorId) continue;
    if (kind !== 'invited' && !isMember(workspace, ownerId)) continue;
    const item: InboxItem = {
      id: String(event.globalPosition),
      kind,
      actorId,
      actorName: actor?.displayName ?? '',
      ...subject,
      at: event.occurredAt,
      position: event.globalPosition,
      read: false,
    };
    const notice = await changeInbox(ownerId, event, docs, (items) => addItem(items, item));
    if (notice) notices.push(notice);
  }
  return notices;
}

/** The task events that can notify anyone; others are not even looked up. */
const notifying = new Set([
  'TaskCreated',
  'TaskDescribed',
  'TaskAssigned',
  'CommentAdded',
  'CommentEdited',
  'TaskMoved',
]);

async function fromTaskEvent(event: RecordedEvent, docs: DocCache) {
  if (!notifying.has(event.type)) return [];
  const found = await taskRecipients(event, docs);
  if (!found || found.to.size === 0) return [];
  const data = event.data as Data;
  const workspace = await workspaceOf(found.task.workspaceId, docs);
  const subject: Subject = {
    title: event.type === 'TaskCreated' ? str(data.title) : found.task.title,
    workspaceId: found.task.workspaceId,
    workspaceName: workspace?.name ?? '',
    boardId: str(data.boardId),
    taskId: str(data.taskId),
  };
  return deliver(event, docs, found.to, subject, workspace);
}

async function fromInvitation(event: RecordedEvent, docs: DocCache) {
  const data = event.data as Data;
  const ownerId = await accountOfEmail(str(data.email), docs);
  const workspace = await workspaceOf(str(data.workspaceId), docs);
  if (!ownerId || workspace?.status !== 'active') return [];
  const subject: Subject = {
    title: workspace.name,
    workspaceId: workspace.workspaceId,
    workspaceName: workspace.name,
    boardId: null,
    taskId: null,
    invitationId: str(data.invitationId),
  };
  return deliver(event, docs, new Map([[ownerId, 'invited']]), subject, workspace);
}

async function withdrawInvitation(event: RecordedEvent, docs: DocCache) {
  const data = event.data as Data;
  const ownerId = await accountOfEmail(str(data.email), docs);
  if (!ownerId) return [];
  const notice = await changeInbox(ownerId, event, docs, (items) =>
    removeItems(items, (i) => i.kind === 'invited' && i.invitationId === data.invitationId),
  );
  return notice ? [notice] : [];
}

/** An invitation answered (accepted or declined) needs no more attention: its item reads as read. */
async function answerInvitation(event: RecordedEvent, docs: DocCache) {
  const data = event.data as Data;
  const ownerId = await accountOfEmail(str(data.email), docs);
  if (!ownerId) return [];
  const notice = await changeInbox(ownerId, event, docs, (items) =>
    markRead(items, (i) => i.kind === 'invited' && i.invitationId === data.invitationId),
  );
  return notice ? [notice] : [];
}

/** A member who leaves a workspace (or sees it deleted) keeps nothing from it. */
async function forgetWorkspace(event: RecordedEvent, docs: DocCache) {
  const data = event.data as Data;
  const workspaceId = str(data.workspaceId);
  const owners =
    event.type === 'MemberRemoved'
      ? [str(data.ownerId)]
      : ((await workspaceOf(workspaceId, docs))?.members.map((m) => m.ownerId) ?? []);
  const notices: InboxChanged[] = [];
  for (const ownerId of owners) {
    const notice = await changeInbox(ownerId, event, docs, (items) =>
      removeItems(items, (i) => i.workspaceId === workspaceId),
    );
    if (notice) notices.push(notice);
  }
  return notices;
}

async function readNotifications(event: RecordedEvent, docs: DocCache) {
  const { ownerId, itemIds, all } = event.data as {
    ownerId: string;
    itemIds: readonly string[];
    all: boolean;
  };
  const ids = new Set(itemIds);
  const notice = await changeInbox(ownerId, event, docs, (items) =>
    markRead(items, (i) => (all ? i.position < event.globalPosition : ids.has(i.id))),
  );
  return notice ? [notice] : [];
}

/**
 * Folds one event into the inboxes it concerns and says whose changed. Runs before the other
 * read models fold the event: it reads the task, board and workspace as they were before it.
 * Invitations are handled by event type name (MemberInvited, InvitationRevoked, InvitationAccepted,
 * InvitationDeclined).
 */
export async function projectInbox(event: RecordedEvent, docs: DocCache): Promise<InboxChanged[]> {
  switch (event.type) {
    case 'OwnerRegistered':
    case 'OwnerProfileUpdated':
      await projectInboxAccount(event, docs);
      return [];
    case 'MemberInvited':
      return fromInvitation(event, docs);
    case 'InvitationRevoked':
      return withdrawInvitation(event, docs);
    case 'InvitationAccepted':
    case 'InvitationDeclined':
      return answerInvitation(event, docs);
    case 'MemberRemoved':
    case 'WorkspaceDeleted':
      return forgetWorkspace(event, docs);
    case 'NotificationsRead':
      return readNotifications(event, docs);
    default:
      return fromTaskEvent(event, docs);
  }
}
