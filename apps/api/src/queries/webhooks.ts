import type {
  WebhookDeliveryDto,
  WebhookDeliveryListDto,
  WebhookDto,
  WebhookListDto,
} from '@taskomask/contracts';
import { can } from '@taskomask/domain';
import type { WebhookDeliveryDoc, WebhookDoc } from '@taskomask/read-models';
import { Problem } from '../http/problem';
import { type QueryContext, visibleWorkspace } from './access';
import type { Answer } from './answer';
import { compositeEtag } from './etag';

// A workspace's webhooks and their delivery logs, from the webhook store the delivery process
// keeps (apps/webhooks). Owners and admins only: anyone else gets the workspace's 404.

async function requireManager(context: QueryContext, workspaceId: string): Promise<void> {
  const { role } = await visibleWorkspace(context, workspaceId);
  if (!can(role, 'webhooks:manage')) {
    throw new Problem('not-found', `workspace ${workspaceId} not found`);
  }
}

const hookDto = (hook: WebhookDoc): WebhookDto => ({
  webhookId: hook.webhookId,
  url: hook.url,
  eventKinds: hook.eventKinds,
  secretHint: `••••${hook.secretHint}`,
  createdBy: hook.createdBy,
  createdAt: hook.createdAt,
});

export async function listWebhooks(
  context: QueryContext,
  workspaceId: string,
): Promise<Answer<WebhookListDto>> {
  await requireManager(context, workspaceId);
  const docs = (await context.webhooks?.find<WebhookDoc>('webhooks', { workspaceId })) ?? [];
  return {
    body: { items: docs.map((d) => hookDto(d.value)) },
    etag: compositeEtag(docs, []),
  };
}

const deliveryDto = (d: WebhookDeliveryDoc): WebhookDeliveryDto => ({
  deliveryId: d.deliveryId,
  eventType: d.eventType,
  eventPosition: d.eventPosition,
  boardId: d.boardId,
  status: d.status,
  attempts: d.attempts,
  responseStatus: d.responseStatus,
  durationMs: d.durationMs,
  error: d.error,
  createdAt: d.createdAt,
  lastAttemptAt: d.lastAttemptAt,
  nextAttemptAt: d.nextAttemptAt,
  redelivery: d.redelivery,
});

/** The hook's log, newest first (at most 500 finished ones are kept, and every open one). */
export async function listWebhookDeliveries(
  context: QueryContext,
  workspaceId: string,
  webhookId: string,
): Promise<Answer<WebhookDeliveryListDto>> {
  await requireManager(context, workspaceId);
  const hook = await context.webhooks?.get<WebhookDoc>('webhooks', webhookId);
  if (hook === undefined || hook.value.workspaceId !== workspaceId) {
    throw new Problem('not-found', `webhook ${webhookId} not found`);
  }
  const docs = await context.webhooks!.find<WebhookDeliveryDoc>('deliveries', { webhookId });
  const items = docs.map((d) => deliveryDto(d.value)).reverse();
  return {
    body: { items },
    etag: compositeEtag(
      docs,
      items.map((i) => `${i.deliveryId}:${i.status}:${i.attempts}`),
    ),
  };
}
