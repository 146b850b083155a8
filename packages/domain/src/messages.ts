import type { BoardCommand } from './board/commands';
import type { BoardEvent } from './board/events';
import type { InboxCommand } from './inbox/commands';
import type { InboxEvent } from './inbox/events';
import type { OwnerCommand } from './owner/commands';
import type { OwnerEvent } from './owner/events';
import type { PersonalTokenCommand } from './personal-token/commands';
import type { PersonalTokenEvent } from './personal-token/events';
import type { TaskCommand } from './task/commands';
import type { TaskEvent } from './task/events';
import type { WorkspaceCommand } from './workspace/commands';
import type { WorkspaceEvent } from './workspace/events';

/** Every command of every aggregate. */
export type DomainCommand =
  | WorkspaceCommand
  | OwnerCommand
  | BoardCommand
  | TaskCommand
  | InboxCommand
  | PersonalTokenCommand;

/** Every event of every stream: what the projector and the views fold. */
export type DomainEvent =
  | WorkspaceEvent
  | OwnerEvent
  | BoardEvent
  | TaskEvent
  | InboxEvent
  | PersonalTokenEvent;
