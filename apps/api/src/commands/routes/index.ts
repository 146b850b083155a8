import { boardRoutes } from './boards';
import { inboxRoutes } from './inbox';
import { invitationRoutes } from './invitations';
import { personalTokenRoutes } from './personal-tokens';
import type { CommandRoute } from './route';
import { taskRoutes } from './tasks';
import { webhookRoutes } from './webhooks';
import { workspaceRoutes } from './workspaces';

export type { CommandRoute, NamedResource, PlannedCommand } from './route';

/** Every domain command route, in the order the OpenAPI document lists them. */
export const commandRoutes: readonly CommandRoute[] = [
  ...workspaceRoutes,
  ...invitationRoutes,
  ...boardRoutes,
  ...taskRoutes,
  ...inboxRoutes,
  ...personalTokenRoutes,
  ...webhookRoutes,
];
