import type { Decider } from '../event';
import type { OwnerCommand } from './commands';
import { decideOwner } from './decide';
import type { OwnerEvent } from './events';
import { evolveOwner } from './evolve';
import { initialOwnerState, type OwnerState } from './state';

export type * from './commands';
export { decideOwner } from './decide';
export type * from './events';
export { evolveOwner } from './evolve';
export { initialOwnerState, type OwnedWorkspace, type OwnerState } from './state';

export const ownerDecider: Decider<OwnerCommand, OwnerEvent, OwnerState> = {
  initialState: initialOwnerState,
  decide: decideOwner,
  evolve: evolveOwner,
};
