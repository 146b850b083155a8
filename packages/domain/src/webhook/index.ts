import type { Decider } from '../event';
import type { WorkspaceState } from '../workspace/state';
import type { WebhookCommand } from './commands';
import { decideWebhook } from './decide';
import type { WebhookEvent } from './events';
import { evolveWebhooks } from './evolve';
import { initialWebhooksState, type WebhooksState } from './state';

export type * from './commands';
export {
  decideWebhook,
  requireEventKinds,
  requireWebhookSecret,
  requireWebhookUrl,
} from './decide';
export * from './event-kinds';
export type * from './events';
export { evolveWebhooks } from './evolve';
export * from './state';

export const webhooksDecider: Decider<
  WebhookCommand,
  WebhookEvent,
  WebhooksState,
  Readonly<{ workspace: WorkspaceState }>
> = {
  initialState: initialWebhooksState,
  decide: decideWebhook,
  evolve: evolveWebhooks,
};
