import { updateEntry, withEntry, withoutEntry } from '../maps';
import type { WebhookEvent } from './events';
import type { WebhooksState } from './state';

export function evolveWebhooks(state: WebhooksState, event: WebhookEvent): WebhooksState {
  switch (event.type) {
    case 'WebhookCreated': {
      const { webhookId, url, secret, eventKinds, createdBy } = event.data;
      const hook = { webhookId, url, secret, eventKinds, createdBy };
      return { hooks: withEntry(state.hooks, webhookId, hook) };
    }
    case 'WebhookUpdated': {
      const { url, eventKinds } = event.data;
      return {
        hooks: updateEntry(state.hooks, event.data.webhookId, (h) => ({ ...h, url, eventKinds })),
      };
    }
    case 'WebhookDeleted':
      return { hooks: withoutEntry(state.hooks, event.data.webhookId) };
    case 'WebhookRedeliveryRequested':
      return state;
    default: {
      const _unknown: never = event;
      return state;
    }
  }
}
