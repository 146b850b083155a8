import type { BoardView } from '@taskomask/domain';
import { type Membership, membershipId } from '@taskomask/read-models';
import type { ReadStore } from '@taskomask/readstore';

/**
 * The membership check rooms are joined with, from the same read models the query side checks:
 * a live board of a workspace the user is a member of (any role may watch).
 */
export function readStoreMemberships(store: () => Promise<ReadStore>) {
  return async (userId: string, boardId: string): Promise<boolean> => {
    const read = await store();
    const board = await read.get<BoardView>('boards', boardId);
    if (board === undefined || board.value.status !== 'active') return false;
    const membership = await read.get<Membership>(
      'memberships',
      membershipId(board.value.workspaceId, userId),
    );
    return membership !== undefined;
  };
}
