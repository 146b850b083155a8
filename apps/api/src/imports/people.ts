import {
  accountStreamName,
  authorize,
  type Capability,
  can,
  type EmailReservationEvent,
  emailHolder,
  evolveEmailReservation,
  foldEvents,
  initialEmailReservation,
  NotFoundError,
  normalizeEmail,
  streamName,
  type WorkspaceEvent,
  type WorkspaceState,
  workspaceDecider,
} from '@taskomask/domain';
import type { People, TrelloSiblings } from '@taskomask/importing';
import type { CommandStore } from '../commands/execute';
import { emailHash } from '../commands/routes/invitations';

type Reads = Pick<CommandStore, 'readStream'>;

export async function workspaceState(store: Reads, workspaceId: string): Promise<WorkspaceState> {
  const events = await store.readStream(streamName.workspace(workspaceId));
  return foldEvents(workspaceDecider, events as unknown as readonly WorkspaceEvent[]);
}

/**
 * Checks before planning what the import's first command will check again: the workspace is
 * live, the importer a member (else 404, as for any command on another workspace's id) whose role
 * may make a project (or, into an existing project, a board), and the project is there.
 */
export async function requireImporter(
  store: Reads,
  target: Readonly<{ workspaceId: string; projectId?: string }>,
  importerId: string,
): Promise<WorkspaceState> {
  const state = await workspaceState(store, target.workspaceId);
  const capability: Capability =
    target.projectId === undefined ? 'projects:manage' : 'boards:write';
  authorize(state, importerId, capability);
  if (
    target.projectId !== undefined &&
    state.status === 'active' &&
    !state.projects.has(target.projectId)
  ) {
    throw new NotFoundError('project', target.projectId);
  }
  return state;
}

/**
 * The members of the workspace who may write, and which of `emails` belong to one of them (by
 * the account that holds the address): whom the import may assign tasks to and write comments as.
 */
export async function peopleOf(
  store: Reads,
  state: WorkspaceState,
  emails: Iterable<string | null | undefined>,
): Promise<People> {
  const writers = new Set<string>();
  if (state.status === 'active') {
    for (const [ownerId, role] of state.members) if (can(role, 'tasks:write')) writers.add(ownerId);
  }
  const byEmail = new Map<string, string>();
  for (const raw of emails) {
    if (raw == null || raw === '') continue;
    let email: string;
    try {
      email = normalizeEmail(raw);
    } catch {
      continue;
    }
    if (byEmail.has(email)) continue;
    const events = await store.readStream(accountStreamName.emailReservation(emailHash(email)));
    let reservation = initialEmailReservation();
    for (const event of events as unknown as readonly EmailReservationEvent[]) {
      reservation = evolveEmailReservation(reservation, event);
    }
    const holder = emailHolder(reservation);
    if (holder !== null && writers.has(holder)) byEmail.set(email, holder);
  }
  return { writers, byEmail };
}

/** The workspace's live projects and their boards: names an import must not take. */
export function siblingsOf(state: WorkspaceState): TrelloSiblings {
  return state.status === 'active' ? state.projects : new Map();
}
