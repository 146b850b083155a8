import type { Event } from '../event';
import type { CardFlow, CardType } from './state';

export type BoardCreated = Event<
  'BoardCreated',
  { boardId: string; workspaceId: string; projectId: string; name: string; description: string }
>;
export type BoardRenamed = Event<
  'BoardRenamed',
  { boardId: string; name: string; previousName: string }
>;
export type BoardDescribed = Event<'BoardDescribed', { boardId: string; description: string }>;
export type BoardDeleted = Event<
  'BoardDeleted',
  { boardId: string; workspaceId: string; projectId: string; name: string }
>;

export type CardAdded = Event<
  'CardAdded',
  { boardId: string; cardId: string; name: string; type: CardType; position: string }
>;
export type CardRenamed = Event<
  'CardRenamed',
  { boardId: string; cardId: string; name: string; previousName: string }
>;
export type CardTypeChanged = Event<
  'CardTypeChanged',
  { boardId: string; cardId: string; name: string; type: CardType; previousType: CardType }
>;
export type CardMoved = Event<
  'CardMoved',
  { boardId: string; cardId: string; name: string; position: string }
>;
/** `flow: null` gives the card back to its type's default. */
export type CardFlowSet = Event<
  'CardFlowSet',
  {
    boardId: string;
    cardId: string;
    name: string;
    flow: CardFlow | null;
    previousFlow: CardFlow | null;
  }
>;
export type BoardTimeZoneSet = Event<
  'BoardTimeZoneSet',
  { boardId: string; timeZone: string; previousTimeZone: string | null }
>;
export type CardDeleted = Event<'CardDeleted', { boardId: string; cardId: string; name: string }>;

// The board's task registry, decided by decideTaskOnBoard together with the task's own event.
export type BoardTaskAdded = Event<
  'BoardTaskAdded',
  { boardId: string; taskId: string; cardId: string; title: string }
>;
export type BoardTaskRenamed = Event<
  'BoardTaskRenamed',
  { boardId: string; taskId: string; title: string }
>;
/** Only when a task changes card: reordering within a card touches the task stream alone. */
export type BoardTaskMoved = Event<
  'BoardTaskMoved',
  { boardId: string; taskId: string; cardId: string }
>;
export type BoardTaskRemoved = Event<'BoardTaskRemoved', { boardId: string; taskId: string }>;

export type BoardEvent =
  | BoardCreated
  | BoardRenamed
  | BoardDescribed
  | BoardDeleted
  | CardAdded
  | CardRenamed
  | CardTypeChanged
  | CardMoved
  | CardDeleted
  | CardFlowSet
  | BoardTimeZoneSet
  | BoardTaskAdded
  | BoardTaskRenamed
  | BoardTaskMoved
  | BoardTaskRemoved;
