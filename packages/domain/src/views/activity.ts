import type { RecordedEvent } from '../event';
import { asDomainEvent } from './recorded';

/** One line of a workspace's, board's or task's history, derived from one event. */
export type ActivityEntry = Readonly<{
  at: string;
  actorId: string;
  /** The event type, e.g. 'TaskMoved': stable, for filters and icons. */
  kind: string;
  /**
   * What the actor did, to follow their name: 'moved the task from ToDo to Doing'. People appear
   * as `@<ownerId>`, for the UI to replace with their display names.
   */
  text: string;
  streamName: string;
  streamVersion: number;
  globalPosition: number;
  workspaceId: string | null;
  boardId: string | null;
  taskId: string | null;
}>;

const quote = (text: string) => `"${text}"`;
const mention = (ownerId: string) => `@${ownerId}`;
const excerpt = (text: string) => {
  const chars = [...text];
  return chars.length > 80 ? `${chars.slice(0, 79).join('')}…` : text;
};

type Recorded = NonNullable<ReturnType<typeof asDomainEvent>>;

/**
 * The activity line of an event, or null for events that are not worth a line: the registry
 * events (ProjectBoard*, OwnerWorkspace*, BoardTask*) repeat another stream's event of the same
 * change, and unknown types are ignored.
 */
export function activityEntry(recorded: RecordedEvent): ActivityEntry | null {
  const event = asDomainEvent(recorded);
  if (event === null) return null;
  const text = describe(event);
  if (text === null) return null;
  const data = event.data as Readonly<Record<string, unknown>>;
  const id = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : null);
  return {
    at: event.occurredAt,
    actorId: event.metadata.userId,
    kind: event.type,
    text,
    streamName: event.streamName,
    streamVersion: event.streamVersion,
    globalPosition: event.globalPosition,
    workspaceId: id('workspaceId'),
    boardId: id('boardId'),
    taskId: id('taskId'),
  };
}

function describe(event: Recorded): string | null {
  switch (event.type) {
    case 'WorkspaceCreated':
      return `created the workspace ${quote(event.data.name)}`;
    case 'WorkspaceRenamed':
      return `renamed the workspace ${quote(event.data.previousName)} to ${quote(event.data.name)}`;
    case 'WorkspaceDescribed':
      return 'changed the description of the workspace';
    case 'WorkspaceDeleted':
      return `deleted the workspace ${quote(event.data.name)}`;
    case 'MemberAdded':
      return `added ${mention(event.data.ownerId)} as ${event.data.role}`;
    case 'MemberRemoved':
      return event.data.ownerId === event.metadata.userId
        ? 'left the workspace'
        : `removed ${mention(event.data.ownerId)} from the workspace`;
    case 'MemberRoleChanged':
      return `changed the role of ${mention(event.data.ownerId)} from ${event.data.previousRole} to ${event.data.role}`;
    case 'ProjectAdded':
      return `created the project ${quote(event.data.name)}`;
    case 'ProjectRenamed':
      return `renamed the project ${quote(event.data.previousName)} to ${quote(event.data.name)}`;
    case 'ProjectDescribed':
      return 'changed the description of a project';
    case 'ProjectDeleted':
      return `deleted the project ${quote(event.data.name)}`;
    case 'BoardCreated':
      return `created the board ${quote(event.data.name)}`;
    case 'BoardRenamed':
      return `renamed the board ${quote(event.data.previousName)} to ${quote(event.data.name)}`;
    case 'BoardDescribed':
      return 'changed the description of the board';
    case 'BoardDeleted':
      return `deleted the board ${quote(event.data.name)}`;
    case 'CardAdded':
      return `added the card ${quote(event.data.name)} (${event.data.type})`;
    case 'CardRenamed':
      return `renamed the card ${quote(event.data.previousName)} to ${quote(event.data.name)}`;
    case 'CardTypeChanged':
      return `changed the card ${quote(event.data.name)} from ${event.data.previousType} to ${event.data.type}`;
    case 'CardMoved':
      return `moved the card ${quote(event.data.name)}`;
    case 'CardDeleted':
      return `deleted the card ${quote(event.data.name)}`;
    case 'CardFlowSet':
      return event.data.flow === null
        ? `made the card ${quote(event.data.name)} count as its type says in charts`
        : `made the card ${quote(event.data.name)} count as ${event.data.flow} in charts`;
    case 'BoardTimeZoneSet':
      return `set the board's time zone to ${event.data.timeZone}`;
    case 'TaskCreated':
      return `created the task ${quote(event.data.title)}`;
    case 'TaskRenamed':
      return `renamed the task ${quote(event.data.previousTitle)} to ${quote(event.data.title)}`;
    case 'TaskDescribed':
      return 'changed the description of the task';
    case 'TaskAssigned':
      return event.data.previousAssigneeId === null
        ? `assigned the task to ${mention(event.data.assigneeId)}`
        : `reassigned the task from ${mention(event.data.previousAssigneeId)} to ${mention(event.data.assigneeId)}`;
    case 'TaskUnassigned':
      return `unassigned ${mention(event.data.previousAssigneeId)} from the task`;
    case 'TaskDueDateSet':
      return `set the due date to ${event.data.dueDate}`;
    case 'TaskDueDateCleared':
      return 'removed the due date';
    case 'TaskLabelAdded':
      return `added the label ${quote(event.data.label)}`;
    case 'TaskLabelRemoved':
      return `removed the label ${quote(event.data.label)}`;
    case 'ChecklistItemAdded':
      return `added ${quote(event.data.text)} to the checklist`;
    case 'ChecklistItemChecked':
      return `checked ${quote(event.data.text)}`;
    case 'ChecklistItemUnchecked':
      return `unchecked ${quote(event.data.text)}`;
    case 'ChecklistItemRemoved':
      return `removed ${quote(event.data.text)} from the checklist`;
    case 'TaskMoved':
      return event.data.fromCardId === event.data.toCardId
        ? `reordered the task in ${event.data.toCardName}`
        : `moved the task from ${event.data.fromCardName} to ${event.data.toCardName}`;
    case 'TaskDeleted':
      return `deleted the task ${quote(event.data.title)}`;
    case 'CommentAdded':
      return `commented: ${quote(excerpt(event.data.text))}`;
    case 'CommentEdited':
      return 'edited a comment';
    case 'CommentDeleted':
      return event.data.authorId === event.metadata.userId
        ? 'deleted a comment'
        : `deleted a comment by ${mention(event.data.authorId)}`;
    default:
      return null;
  }
}
