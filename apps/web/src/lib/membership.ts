'use client';

import type { QueryClient } from '@tanstack/react-query';
import type { MembershipNotice } from '@taskomask/contracts/realtime';
import { useSyncExternalStore } from 'react';
import type { Role, Workspace } from './api';
import { keys } from './queries';

// What this browser learnt of its user's memberships while pages were open: the role changes are
// patched into the cached workspace (so write controls follow at once), the workspaces the user
// lost are kept here, so a board or workspace page can say so instead of failing on its next read.

const lost = new Set<string>();
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const told = () => {
  for (const listener of listeners) listener();
};

/** The user lost this workspace (removed, or it was deleted) while looking at it. */
export function markLost(workspaceId: string): void {
  if (lost.has(workspaceId)) return;
  lost.add(workspaceId);
  told();
}

/** True once the user lost `workspaceId` during this visit (and was not added back since). */
export function useLostWorkspace(workspaceId: string | undefined): boolean {
  return useSyncExternalStore(
    subscribe,
    () => workspaceId !== undefined && lost.has(workspaceId),
    () => false,
  );
}

const roles: readonly string[] = ['owner', 'admin', 'member', 'viewer'] satisfies Role[];

/** A notice as the socket delivered it, checked by hand: pages do not load zod (see api.ts). */
export function isMembershipNotice(value: unknown): value is MembershipNotice {
  const n = value as Partial<MembershipNotice> | null;
  return (
    typeof n?.workspaceId === 'string' &&
    typeof n.position === 'number' &&
    (n.role === null || (typeof n.role === 'string' && roles.includes(n.role)))
  );
}

/** Brings the cached reads in line with a membership change of the user. */
export function applyMembership(client: QueryClient, notice: MembershipNotice): void {
  const { workspaceId, role } = notice;
  void client.invalidateQueries({ queryKey: keys.workspaces });
  void client.invalidateQueries({ queryKey: keys.myTasks });
  if (role === null) {
    markLost(workspaceId);
    return;
  }
  if (lost.delete(workspaceId)) told();
  client.setQueryData<Workspace>(keys.workspace(workspaceId), (old) =>
    old === undefined ? old : { ...old, role },
  );
  void client.invalidateQueries({ queryKey: keys.workspace(workspaceId) });
}
