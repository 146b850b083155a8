import { describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError, RuleViolation, ValidationError } from '../errors';
import { foldEvents } from '../fold';
import { by, team, workspaceCreated, workspaceId } from '../testing/fixtures';
import { spec } from '../testing/spec';
import { workspaceDecider } from '../workspace/index';
import type { CreateWebhook } from './commands';
import type { WebhookEvent } from './events';
import { webhooksDecider } from './index';

const workspace = foldEvents(workspaceDecider, [workspaceCreated, ...team]);
const context = { workspace };
const secret = 'whsec_0123456789abcdef';

const create = (actor = 'adam', data: Partial<CreateWebhook['data']> = {}): CreateWebhook => ({
  type: 'CreateWebhook',
  data: {
    workspaceId,
    webhookId: 'h1',
    url: 'https://hooks.example.com/taskomask',
    secret,
    eventKinds: ['TaskCreated', 'TaskMoved', 'TaskCreated'],
    ...data,
  },
  metadata: by(actor),
});
const created: WebhookEvent = {
  type: 'WebhookCreated',
  data: {
    workspaceId,
    webhookId: 'h1',
    url: 'https://hooks.example.com/taskomask',
    secret,
    eventKinds: ['TaskCreated', 'TaskMoved'],
    createdBy: 'adam',
  },
};

describe('webhooks decider', () => {
  it('creates a hook for an admin, with its creator, kinds without duplicates', () => {
    spec(webhooksDecider).given([]).when(create(), context).then([created]);
  });

  it('refuses members and viewers (403) and hides the workspace from non-members (404)', () => {
    spec(webhooksDecider).given([]).when(create('mia'), context).thenThrows(ForbiddenError);
    spec(webhooksDecider).given([]).when(create('val'), context).thenThrows(ForbiddenError);
    spec(webhooksDecider)
      .given([])
      .when(create('nick'), context)
      .thenThrows(NotFoundError, { entity: 'workspace' });
  });

  it.each([
    ['url', { url: 'ftp://example.com/x' }, 'must use http or https'],
    ['url', { url: 'not a url' }, 'must be an absolute URL'],
    ['url', { url: 'https://user:pw@example.com/' }, 'must not hold a user name or password'],
    ['secret', { secret: 'short' }, 'must be 16 to 128 characters'],
    ['secret', { secret: 'with spaces in the secret' }, 'must be printable ASCII without spaces'],
    ['eventKinds', { eventKinds: [] }, 'must name at least one event kind'],
    ['eventKinds', { eventKinds: ['WebhookCreated'] }, '"WebhookCreated" is not one of'],
  ])('refuses a bad %s: %j', (field, data, reason) => {
    spec(webhooksDecider)
      .given([])
      .when(create('alice', data as Partial<CreateWebhook['data']>), context)
      .thenThrows((error) => {
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).field).toBe(field);
        expect((error as Error).message).toContain(reason);
        return true;
      });
  });

  it('keeps at most 10 hooks per workspace', () => {
    const ten = Array.from(
      { length: 10 },
      (_, i): WebhookEvent => ({
        type: 'WebhookCreated',
        data: { ...created.data, webhookId: `x${i}` } as never,
      }),
    );
    spec(webhooksDecider)
      .given(ten)
      .when(create(), context)
      .thenThrows(RuleViolation, { rule: 'webhook_limit' });
  });

  it('updates, deletes and asks for a redelivery; an unknown hook is NotFound', () => {
    spec(webhooksDecider)
      .given([created])
      .when(
        {
          type: 'UpdateWebhook',
          data: { workspaceId, webhookId: 'h1', url: 'https://other.example.com/' },
          metadata: by('alice'),
        },
        context,
      )
      .then([
        {
          type: 'WebhookUpdated',
          data: {
            workspaceId,
            webhookId: 'h1',
            url: 'https://other.example.com/',
            eventKinds: ['TaskCreated', 'TaskMoved'],
          },
        },
      ]);
    spec(webhooksDecider)
      .given([created])
      .when(
        { type: 'DeleteWebhook', data: { workspaceId, webhookId: 'h1' }, metadata: by('alice') },
        context,
      )
      .then([{ type: 'WebhookDeleted', data: { workspaceId, webhookId: 'h1' } }]);
    spec(webhooksDecider)
      .given([created])
      .when(
        {
          type: 'RedeliverWebhook',
          data: { workspaceId, webhookId: 'h1', deliveryId: 'd1' },
          metadata: by('adam'),
        },
        context,
      )
      .then([
        {
          type: 'WebhookRedeliveryRequested',
          data: { workspaceId, webhookId: 'h1', deliveryId: 'd1' },
        },
      ]);
    spec(webhooksDecider)
      .given([])
      .when(
        { type: 'DeleteWebhook', data: { workspaceId, webhookId: 'h1' }, metadata: by('alice') },
        context,
      )
      .thenThrows(NotFoundError, { entity: 'webhook' });
  });
});
