import type { ReadSchema } from '@taskomask/readstore';

// The webhook store: the delivery process (apps/webhooks) keeps its queue and log here, in a read
// store of its own (WEBHOOKS_STORE_URL), and the query side reads the lists owners and admins see.
// Secrets are not kept here: the delivery process folds them from `webhooks-<id>` when it signs.

/** A live webhook as lists show it. Deleted hooks are deleted, with their log. */
export type WebhookDoc = {
  webhookId: string;
  workspaceId: string;
  url: string;
  eventKinds: string[];
  /** The secret's last 4 characters. */
  secretHint: string;
  createdBy: string;
  createdAt: string;
};

export type WebhookDeliveryStatus = 'pending' | 'retrying' | 'succeeded' | 'failed' | 'skipped';

/**
 * One delivery of one event to one webhook: queue entry and log line at once. Its document id
 * (`deliveryDocId`) orders a webhook's deliveries of one board by the event's global position;
 * `deliveryId` is what the receiver sees (stable for an event and a hook, redeliveries included).
 */
export type WebhookDeliveryDoc = {
  deliveryId: string;
  webhookId: string;
  workspaceId: string;
  /** Deliveries of one queue go one at a time, in order: one board of one hook. */
  queue: string;
  boardId: string | null;
  eventType: string;
  eventPosition: number;
  /** The JSON body sent, made once so every attempt and redelivery sends the same bytes. */
  body: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  durationMs: number | null;
  error: string | null;
  createdAt: string;
  firstAttemptAt: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  redelivery: boolean;
};

/** A hook keeps its newest deliveries that are done; open ones are never dropped. */
export const DELIVERY_LOG_CAP = 500;

export const webhookStoreSchema = {
  webhooks: { keys: ['workspaceId'] },
  deliveries: { keys: ['webhookId', 'open', 'deliveryId'] },
} as const satisfies ReadSchema;

/** Sorts as the global position of the event (or redelivery request) that queued it. */
export function deliveryDocId(position: number, webhookId: string): string {
  return `${String(position).padStart(16, '0')}-${webhookId}`;
}

export const isOpenDelivery = (status: WebhookDeliveryStatus) =>
  status === 'pending' || status === 'retrying';

export function deliveryKeys(doc: WebhookDeliveryDoc) {
  return {
    webhookId: doc.webhookId,
    open: isOpenDelivery(doc.status),
    deliveryId: doc.deliveryId,
  };
}
