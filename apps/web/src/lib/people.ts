'use client';

import { useMemo } from 'react';
import { useWorkspace } from './queries';

// People are named by the query side: the workspace answer carries each member's current display
// name (joined from the accounts at query time, so renames show once projected). Ids never show.

/** Someone the workspace no longer lists (a former member), or not loaded yet. */
export const formerMember = 'Former member';

/** A person by id: "You", their name as the workspace knows it, or "Former member". */
export function displayName(id: string, names: ReadonlyMap<string, string>, me?: string) {
  if (id === me) return 'You';
  return names.get(id) ?? formerMember;
}

const none: ReadonlyMap<string, string> = new Map();

/** ownerId → display name of the members of a workspace, from its (cached) query answer. */
export function useMemberNames(workspaceId: string | undefined): ReadonlyMap<string, string> {
  const workspace = useWorkspace(workspaceId);
  const members = workspace.data?.members;
  return useMemo(
    () => (members === undefined ? none : new Map(members.map((m) => [m.ownerId, m.displayName]))),
    [members],
  );
}

/**
 * The names an answer carries in its `people` map (current names of everyone it names by id, former
 * members included) over the workspace's member names, which cover anyone the answer does not
 * name yet (a comment of ours still pending, a member picked as assignee).
 */
export function namesWith(
  people: Readonly<Record<string, string>> | undefined,
  members: ReadonlyMap<string, string>,
): ReadonlyMap<string, string> {
  if (people === undefined) return members;
  return new Map([...members, ...Object.entries(people)]);
}

/** useMemberNames of the workspace, with the names of an answer's `people` taking precedence. */
export function usePeopleNames(
  workspaceId: string | undefined,
  people: Readonly<Record<string, string>> | undefined,
): ReadonlyMap<string, string> {
  const members = useMemberNames(workspaceId);
  return useMemo(() => namesWith(people, members), [people, members]);
}
