import { type WebhookCommand, webhooksOfWorkspace } from '@taskomask/domain';
import { type Intent, planOf } from '../aggregates';
import { type CommandRoute, command, present, workspaceResource } from './route';

const onWebhooks = (workspaceId: string, intents: readonly Intent<WebhookCommand>[]) =>
  planOf(webhooksOfWorkspace, workspaceId, intents);

/** Webhooks: decided on `webhooks-<workspaceId>` against the workspace's roles. */
export const webhookRoutes: readonly CommandRoute[] = [
  command('createWebhook', {
    summary: 'Add a webhook (owner or admin): URL, secret, event kinds',
    tag: 'webhooks',
    scope: 'workspaces:write',
    creates: 'id',
    resource: workspaceResource,
    plan: ({ workspaceId }, body, webhookId) =>
      onWebhooks(workspaceId, [
        {
          type: 'CreateWebhook',
          data: {
            workspaceId,
            webhookId,
            url: body.url,
            secret: body.secret,
            eventKinds: body.eventKinds,
          },
        },
      ]),
  }),
  command('updateWebhook', {
    summary: 'Change a webhook’s URL and/or event kinds',
    tag: 'webhooks',
    scope: 'workspaces:write',
    resource: workspaceResource,
    plan: ({ workspaceId, webhookId }, body) =>
      onWebhooks(workspaceId, [
        {
          type: 'UpdateWebhook',
          data: {
            workspaceId,
            webhookId,
            ...(present(body.url) ? { url: body.url } : {}),
            ...(present(body.eventKinds) ? { eventKinds: body.eventKinds } : {}),
          },
        },
      ]),
  }),
  command('deleteWebhook', {
    summary: 'Remove a webhook; nothing more is delivered to it',
    tag: 'webhooks',
    scope: 'workspaces:write',
    resource: workspaceResource,
    plan: ({ workspaceId, webhookId }) =>
      onWebhooks(workspaceId, [{ type: 'DeleteWebhook', data: { workspaceId, webhookId } }]),
  }),
  command('redeliverWebhook', {
    summary: 'Send one delivery of a webhook again (the delivery process queues it)',
    tag: 'webhooks',
    scope: 'workspaces:write',
    resource: workspaceResource,
    plan: ({ workspaceId, webhookId, deliveryId }) =>
      onWebhooks(workspaceId, [
        { type: 'RedeliverWebhook', data: { workspaceId, webhookId, deliveryId } },
      ]),
  }),
];
