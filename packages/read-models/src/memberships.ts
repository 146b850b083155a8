/** One per (workspace, member): the permission model the query side and the sockets check. */
export type Membership = { workspaceId: string; ownerId: string; role: string };

export const membershipId = (workspaceId: string, ownerId: string) => `${workspaceId}:${ownerId}`;
