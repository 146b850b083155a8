import { NotFoundError, RuleViolation, ValidationError } from '../errors';
import { limits } from '../limits';
import { requireId } from '../validation';
import { authorize } from '../workspace/permissions';
import type { WorkspaceState } from '../workspace/state';
import type { WebhookCommand } from './commands';
import { isWebhookEventKind, webhookEventKinds } from './event-kinds';
import type { WebhookEvent } from './events';
import type { Webhook, WebhooksState } from './state';

/**
 * An absolute http(s) URL without credentials. Whether its host may be reached (no private,
 * loopback or link-local address) is checked where deliveries are made, against the address it
 * resolves to then.
 */
export function requireWebhookUrl(field: string, value: unknown): string {
  if (typeof value !== 'string') throw new ValidationError(field, 'must be a string');
  const text = value.trim();
  if (text.length > limits.webhookUrlMax) {
    throw new ValidationError(field, `must be at most ${limits.webhookUrlMax} characters`);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ValidationError(field, 'must be an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ValidationError(field, 'must use http or https');
  }
  if (url.username !== '' || url.password !== '') {
    throw new ValidationError(field, 'must not hold a user name or password');
  }
  if (url.hostname === '') throw new ValidationError(field, 'must name a host');
  return url.href;
}

/** Printable ASCII without spaces, 16–128 characters. */
export function requireWebhookSecret(field: string, value: unknown): string {
  if (typeof value !== 'string') throw new ValidationError(field, 'must be a string');
  const { webhookSecretMin: min, webhookSecretMax: max } = limits;
  if (value.length < min || value.length > max) {
    throw new ValidationError(field, `must be ${min} to ${max} characters`);
  }
  if (!/^[\x21-\x7e]+$/.test(value)) {
    throw new ValidationError(field, 'must be printable ASCII without spaces');
  }
  return value;
}

/** At least one kind, each one of webhookEventKinds; duplicates dropped, order kept. */
export function requireEventKinds(field: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new ValidationError(field, 'must name at least one event kind');
  }
  for (const kind of value) {
    if (!isWebhookEventKind(kind)) {
      throw new ValidationError(
        field,
        `${JSON.stringify(kind)} is not one of ${webhookEventKinds.join(', ')}`,
      );
    }
  }
  return [...new Set(value as string[])];
}

function requireHook(state: WebhooksState, webhookId: string): Webhook {
  const hook = state.hooks.get(webhookId);
  if (hook === undefined) throw new NotFoundError('webhook', webhookId);
  return hook;
}

/**
 * Webhook commands, by owners and admins of the workspace (non-members: NotFound, as for any
 * workspace they cannot see; members and viewers: Forbidden).
 */
export function decideWebhook(
  command: WebhookCommand,
  state: WebhooksState,
  context: Readonly<{ workspace: WorkspaceState }>,
): WebhookEvent[] {
  authorize(context.workspace, command.metadata.userId, 'webhooks:manage');
  const { workspaceId } = command.data;
  switch (command.type) {
    case 'CreateWebhook': {
      const webhookId = requireId('webhookId', command.data.webhookId);
      if (state.hooks.has(webhookId)) return []; // a retried creation
      if (state.hooks.size >= limits.webhooksPerWorkspace) {
        throw new RuleViolation(
          'webhook_limit',
          `a workspace has at most ${limits.webhooksPerWorkspace} webhooks`,
        );
      }
      return [
        {
          type: 'WebhookCreated',
          data: {
            workspaceId,
            webhookId,
            url: requireWebhookUrl('url', command.data.url),
            secret: requireWebhookSecret('secret', command.data.secret),
            eventKinds: requireEventKinds('eventKinds', command.data.eventKinds),
            createdBy: command.metadata.userId,
          },
        },
      ];
    }
    case 'UpdateWebhook': {
      const hook = requireHook(state, command.data.webhookId);
      const url =
        command.data.url === undefined ? hook.url : requireWebhookUrl('url', command.data.url);
      const eventKinds =
        command.data.eventKinds === undefined
          ? hook.eventKinds
          : requireEventKinds('eventKinds', command.data.eventKinds);
      if (url === hook.url && eventKinds.join() === hook.eventKinds.join()) return [];
      return [
        {
          type: 'WebhookUpdated',
          data: { workspaceId, webhookId: hook.webhookId, url, eventKinds },
        },
      ];
    }
    case 'DeleteWebhook': {
      const hook = requireHook(state, command.data.webhookId);
      return [{ type: 'WebhookDeleted', data: { workspaceId, webhookId: hook.webhookId } }];
    }
    case 'RedeliverWebhook': {
      const hook = requireHook(state, command.data.webhookId);
      const deliveryId = requireId('deliveryId', command.data.deliveryId);
      return [
        {
          type: 'WebhookRedeliveryRequested',
          data: { workspaceId, webhookId: hook.webhookId, deliveryId },
        },
      ];
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown webhook command ${String((unknown as WebhookCommand).type)}`);
    }
  }
}
