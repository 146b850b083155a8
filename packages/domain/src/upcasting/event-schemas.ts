import type { DomainEvent } from '../messages';
import type { EmailReservationEvent } from '../owner/email-reservation';
import type { SystemAccountsEvent } from '../owner/system-accounts';
import type { WebhookEvent } from '../webhook/events';
import type { InvitationsByEmailEvent } from '../workspace/invitations-by-email';
import { type EventSchema, upcastingOf } from './upcasting';

/** Every event type the domain writes, on any stream. */
export type KnownEvent =
  | DomainEvent
  | EmailReservationEvent
  | SystemAccountsEvent
  | InvitationsByEmailEvent
  | WebhookEvent;
export type KnownEventType = KnownEvent['type'];

const v1: EventSchema = { current: 1 };

/**
 * The one registry of event schema versions. Changing an event's shape means: bump its
 * `current`, add `upcasters[old]` turning the old data into the new, update the event's type, and
 * freeze a sample of the new version (README, "Events that stay readable"). The key type makes a
 * new event type without an entry a compile error.
 */
export const eventSchemas: Readonly<Record<KnownEventType, EventSchema>> = {
  // workspace-<id>
  WorkspaceCreated: v1,
  WorkspaceRenamed: v1,
  WorkspaceDescribed: v1,
  WorkspaceDeleted: v1,
  MemberAdded: v1,
  MemberRemoved: v1,
  MemberRoleChanged: v1,
  MemberInvited: v1,
  InvitationRevoked: v1,
  InvitationAccepted: v1,
  InvitationDeclined: v1,
  ProjectAdded: v1,
  ProjectRenamed: v1,
  ProjectDescribed: v1,
  ProjectDeleted: v1,
  ProjectBoardAdded: v1,
  ProjectBoardRenamed: v1,
  ProjectBoardRemoved: v1,
  // owner-<id>
  OwnerWorkspaceAdded: v1,
  OwnerWorkspaceRenamed: v1,
  OwnerWorkspaceRemoved: v1,
  OwnerRegistered: v1,
  OwnerProfileUpdated: v1,
  OwnerPasswordChanged: v1,
  OwnerAdminGranted: v1,
  OwnerAdminRevoked: v1,
  OwnerDeactivated: v1,
  OwnerReactivated: v1,
  // email-<hash>, the system accounts stream, invitations-<hash>
  EmailReserved: v1,
  EmailReleased: v1,
  FirstOwnerRegistered: v1,
  EmailInvitedToWorkspace: v1,
  EmailInvitationClosed: v1,
  // board-<id>
  BoardCreated: v1,
  BoardRenamed: v1,
  BoardDescribed: v1,
  BoardDeleted: v1,
  CardAdded: v1,
  CardRenamed: v1,
  CardTypeChanged: v1,
  CardMoved: v1,
  CardDeleted: v1,
  CardFlowSet: v1,
  BoardTimeZoneSet: v1,
  BoardTaskAdded: v1,
  BoardTaskRenamed: v1,
  BoardTaskMoved: v1,
  BoardTaskRemoved: v1,
  // task-<id>
  TaskCreated: v1,
  TaskRenamed: v1,
  TaskDescribed: v1,
  TaskAssigned: v1,
  TaskUnassigned: v1,
  TaskDueDateSet: v1,
  TaskDueDateCleared: v1,
  TaskLabelAdded: v1,
  TaskLabelRemoved: v1,
  ChecklistItemAdded: v1,
  ChecklistItemChecked: v1,
  ChecklistItemUnchecked: v1,
  ChecklistItemRemoved: v1,
  TaskMoved: v1,
  TaskDeleted: v1,
  CommentAdded: v1,
  CommentEdited: v1,
  CommentDeleted: v1,
  // inbox-<id>
  NotificationsRead: v1,
  // tokens-<id>
  PersonalTokenCreated: v1,
  PersonalTokenRevoked: v1,
  // webhooks-<workspaceId>
  WebhookCreated: v1,
  WebhookUpdated: v1,
  WebhookDeleted: v1,
  WebhookRedeliveryRequested: v1,
};

/** Every event type the domain knows, for checks that each has a frozen sample. */
export const knownEventTypes = Object.keys(eventSchemas) as KnownEventType[];

const domainUpcasting = upcastingOf(eventSchemas);

/** The schema version today's code writes for an event type (1 for one the domain does not know). */
export const currentSchemaVersion = domainUpcasting.currentVersion;

/**
 * A stored event in today's shape: what the event store's reads and the read models' batches
 * pass every event through, so no decider or projection ever sees an old version.
 */
export const upcastEvent = domainUpcasting.upcast;
