import type { Event } from '../event';

// Webhooks of a workspace (issue #16 §4), on `webhooks-<workspaceId>`. The secret is stored in
// the event: the delivery process needs it to sign. Lists show it masked; only its creator saw it.

export type WebhookCreated = Event<
  'WebhookCreated',
  {
    workspaceId: string;
    webhookId: string;
    url: string;
    secret: string;
    eventKinds: readonly string[];
    createdBy: string;
  }
>;
export type WebhookUpdated = Event<
  'WebhookUpdated',
  { workspaceId: string; webhookId: string; url: string; eventKinds: readonly string[] }
>;
export type WebhookDeleted = Event<'WebhookDeleted', { workspaceId: string; webhookId: string }>;
/** An owner or admin asked for one delivery to be sent again (the delivery process does it). */
export type WebhookRedeliveryRequested = Event<
  'WebhookRedeliveryRequested',
  { workspaceId: string; webhookId: string; deliveryId: string }
>;

export type WebhookEvent =
  | WebhookCreated
  | WebhookUpdated
  | WebhookDeleted
  | WebhookRedeliveryRequested;
