import type { Decider } from '../event';
import type { WorkspaceCommand } from './commands';
import { decideWorkspace } from './decide';
import type { WorkspaceEvent } from './events';
import { evolveWorkspace } from './evolve';
import { initialWorkspaceState, type WorkspaceState } from './state';

export type * from './commands';
export { decideWorkspace } from './decide';
export type * from './events';
export { evolveWorkspace } from './evolve';
export * from './members-by-account-admin';
export * from './permissions';
export * from './state';
export * from './workspace-of-owner';

export const workspaceDecider: Decider<WorkspaceCommand, WorkspaceEvent, WorkspaceState> = {
  initialState: initialWorkspaceState,
  decide: decideWorkspace,
  evolve: evolveWorkspace,
};
export * from './invitations';
export * from './invitations-by-email';
