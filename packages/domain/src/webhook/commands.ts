import type { Command } from '../event';

export type CreateWebhook = Command<
  'CreateWebhook',
  {
    workspaceId: string;
    webhookId: string;
    url: string;
    secret: string;
    eventKinds: readonly string[];
  }
>;
export type UpdateWebhook = Command<
  'UpdateWebhook',
  { workspaceId: string; webhookId: string; url?: string; eventKinds?: readonly string[] }
>;
export type DeleteWebhook = Command<'DeleteWebhook', { workspaceId: string; webhookId: string }>;
export type RedeliverWebhook = Command<
  'RedeliverWebhook',
  { workspaceId: string; webhookId: string; deliveryId: string }
>;

export type WebhookCommand = CreateWebhook | UpdateWebhook | DeleteWebhook | RedeliverWebhook;
