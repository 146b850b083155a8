import { readFileSync } from 'node:fs';
import {
  boardDecider,
  evolveEmailReservation,
  evolveInvitationsByEmail,
  evolveSystemAccounts,
  type Folder,
  inboxDecider,
  initialEmailReservation,
  initialInvitationsByEmail,
  initialSystemAccounts,
  ownerDecider,
  personalTokenDecider,
  type RecordedEvent,
  taskDecider,
  upcastEvent,
  webhooksDecider,
  workspaceDecider,
} from '../src/index';

// The frozen logs of packages/domain/test/frozen: `v<N>.events.ndjson` (one stored event a line,
// in global order, as the event store hands it out raw — with the version it was written in),
// `v<N>.states.json` (every stream folded into its write-model state) and
// `v<N>.read-models.json` (every read-model document a rebuild makes of it).

export const frozenDir = new URL('./frozen/', import.meta.url);

export function readFrozenLog(name: string): RecordedEvent[] {
  return readFileSync(new URL(name, frozenDir), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as RecordedEvent);
}

export function readFrozenJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, frozenDir), 'utf8'));
}

/** Every stream kind the domain writes, by the part of its name before the first dash. */
// biome-ignore lint/suspicious/noExplicitAny: each folder folds its own stream's state
const folders: Record<string, Folder<any>> = {
  workspace: workspaceDecider,
  owner: ownerDecider,
  board: boardDecider,
  task: taskDecider,
  inbox: inboxDecider,
  tokens: personalTokenDecider,
  webhooks: webhooksDecider,
  email: { initialState: initialEmailReservation, evolve: evolveEmailReservation },
  invitations: { initialState: initialInvitationsByEmail, evolve: evolveInvitationsByEmail },
  system: { initialState: initialSystemAccounts, evolve: evolveSystemAccounts },
};

/** Maps and sets as sorted-in-insertion-order arrays, so a state compares as plain JSON. */
export function plain(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_, v) => {
      if (v instanceof Map) return { $map: [...v.entries()] };
      if (v instanceof Set) return { $set: [...v.values()] };
      return v;
    }),
  );
}

/**
 * Folds every stream of a log, each event upcast first as the event store's reads do, into the
 * state today's deciders make of it: stream name → state as plain JSON.
 */
export function foldStates(events: readonly RecordedEvent[]): Record<string, unknown> {
  const states = new Map<string, unknown>();
  for (const stored of events) {
    const event = upcastEvent(stored);
    const kind = event.streamName.slice(0, event.streamName.indexOf('-'));
    const folder = folders[kind];
    if (folder === undefined) throw new Error(`no folder for stream ${event.streamName}`);
    const state = states.has(event.streamName)
      ? states.get(event.streamName)
      : folder.initialState();
    states.set(event.streamName, folder.evolve(state, event));
  }
  return plain(
    Object.fromEntries([...states].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  ) as Record<string, unknown>;
}
