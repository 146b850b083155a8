export type Webhook = Readonly<{
  webhookId: string;
  url: string;
  secret: string;
  eventKinds: readonly string[];
  /** Deliveries stop while this person is not an owner or admin of the workspace. */
  createdBy: string;
}>;

/** A workspace's live webhooks; a deleted one leaves the map. */
export type WebhooksState = Readonly<{ hooks: ReadonlyMap<string, Webhook> }>;

export const initialWebhooksState = (): WebhooksState => ({ hooks: new Map() });
