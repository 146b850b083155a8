import type {
  Command,
  CommandMetadata,
  Condition,
  DomainEvent,
  Folder,
  StateRead,
  WriteModel,
} from '@taskomask/domain';
import type { EventStore } from '@taskomask/eventstore';

/** A domain command before the shell stamps who and when. */
export type Intent<C extends Command> = C extends Command
  ? Readonly<{ type: C['type']; data: C['data'] }>
  : never;

/**
 * What one request asks of one aggregate: its write model, the id it addresses, and its
 * commands, decided in order on the state each previous one left (a PATCH of title and due date
 * is two commands, one atomic append). `ifMatchOn` names the state whose stream If-Match refers
 * to when it is not the aggregate's own — for a creation, the resource the URL names (the board
 * a task is created on).
 */
export type Plan = Readonly<{
  // biome-ignore lint/suspicious/noExplicitAny: erased here, typed where a plan is made
  model: WriteModel<any, any>;
  id: string;
  commands: readonly Intent<Command>[];
  ifMatchOn?: string;
}>;

/** A plan of one write model, typed: its commands and If-Match state are checked. */
export function planOf<C extends Command, S>(
  model: WriteModel<C, S>,
  id: string,
  commands: readonly Intent<C>[],
  ifMatchOn?: keyof S & string,
): Plan {
  return ifMatchOn === undefined ? { model, id, commands } : { model, id, commands, ifMatchOn };
}

export type StreamRead = Readonly<{ version: number; lastPosition: number }>;

type Folded = StreamRead & { folder: unknown; state: unknown };

/**
 * The last state this process folded for each stream, so the next command on it reads only the
 * events after that version instead of the whole stream (a busy board's stream grows by every
 * task added or moved across cards). Safe because states are immutable and every append still
 * names the version it was decided on: a stale entry only costs a conflict and a re-read.
 * Bounded: the least recently used streams are forgotten.
 */
export class StateCache {
  readonly #entries = new Map<string, Folded>();
  /** Seed markers the store is known to hold: their seeds need not be sent again. */
  readonly seeded = new Set<string>();
  constructor(readonly capacity = 10_000) {}

  get(stream: string): Folded | undefined {
    const entry = this.#entries.get(stream);
    if (entry === undefined) return undefined;
    this.#entries.delete(stream);
    this.#entries.set(stream, entry);
    return entry;
  }

  set(stream: string, entry: Folded): void {
    this.#entries.delete(stream);
    this.#entries.set(stream, entry);
    if (this.#entries.size > this.capacity) {
      this.#entries.delete(this.#entries.keys().next().value as string);
    }
  }
}

/** The streams one decision read, each with its version and the position of its last event. */
export class StreamReads {
  readonly #streams = new Map<string, Folded>();
  readonly #store: Pick<EventStore, 'readStream'>;
  readonly #cache: StateCache | undefined;

  constructor(store: Pick<EventStore, 'readStream'>, cache?: StateCache) {
    this.#store = store;
    this.#cache = cache;
  }

  async fold<S>(stream: string, folder: Folder<S>): Promise<S> {
    // A stream read twice in one decision (the actor's own account) is one state at one version.
    const read = this.#streams.get(stream);
    if (read?.folder === folder) return read.state as S;
    const cached = this.#cache?.get(stream);
    const from = cached?.folder === folder ? cached : undefined;
    const events = await this.#store.readStream(
      stream,
      from ? { fromVersion: from.version + 1 } : undefined,
    );
    let state = from ? (from.state as S) : folder.initialState();
    for (const event of events) state = folder.evolve(state, event);
    const last = events.at(-1);
    const folded = {
      version: last?.streamVersion ?? from?.version ?? 0,
      lastPosition: last?.globalPosition ?? from?.lastPosition ?? 0,
      folder,
      state,
    };
    this.#streams.set(stream, folded);
    this.#cache?.set(stream, folded);
    return state;
  }

  versionOf(stream: string): number {
    return this.#streams.get(stream)?.version ?? 0;
  }

  /** The newest event the decision saw: what a no-op answers as its position. */
  lastPosition(): number {
    let position = 0;
    for (const read of this.#streams.values()) position = Math.max(position, read.lastPosition);
    return position;
  }
}

export type Writes = ReadonlyMap<string, readonly DomainEvent[]>;

/** What a decision asks of the append: events per stream, keyed conditions, streams to check. */
export type Decision = Readonly<{
  writes: Writes;
  conditions: readonly Condition[];
  /** Streams read but not written that must still be at the version read. */
  checked: readonly string[];
}>;

const none: readonly never[] = [];

export type Loaded = Readonly<{
  /** The stream whose version the answer (and its ETag) reports. */
  primary: string;
  /** The stream If-Match is compared with. */
  target: string;
  /** Pure: decides every command on the loaded states; empty lists are left out. */
  decide: () => Decision;
}>;

class WriteList {
  readonly #writes = new Map<string, DomainEvent[]>();

  add(stream: string, events: readonly DomainEvent[]): void {
    if (events.length === 0) return;
    const list = this.#writes.get(stream);
    if (list === undefined) this.#writes.set(stream, [...events]);
    else list.push(...events);
  }

  get writes(): Writes {
    return this.#writes;
  }
}

type States = Record<string, unknown>;
type AnyRead = StateRead<Command, States>;

/**
 * The one loader of the write side: reads the streams a plan's write model names, in its order,
 * and returns the pure decision to run on them.
 */
export async function load(
  reads: StreamReads,
  plan: Plan,
  metadata: CommandMetadata,
): Promise<Loaded> {
  const commands = plan.commands.map((intent) => ({ ...intent, metadata }) as Command);
  const model = plan.model as WriteModel<Command, States>;
  const stateReads = model.reads as readonly AnyRead[];
  const streams: (string | null)[] = [];
  const loaded: States = {};
  for (const read of stateReads) {
    const stream = read.stream(plan.id, commands, loaded);
    streams.push(stream);
    loaded[read.name] =
      stream === null ? read.folder.initialState() : await reads.fold(stream, read.folder);
  }
  const primary = streams[0] as string;
  const ifMatchIndex =
    plan.ifMatchOn === undefined ? -1 : stateReads.findIndex((r) => r.name === plan.ifMatchOn);
  return {
    primary,
    target: streams[ifMatchIndex] ?? primary,
    decide() {
      const out = new WriteList();
      let conditions: readonly Condition[] = none;
      let checked: string[] | undefined;
      let states = loaded;
      for (const command of commands) {
        const decided = model.decide(command, states);
        if (decided.conditions !== undefined && decided.conditions.length > 0) {
          conditions = [...conditions, ...decided.conditions];
        }
        for (const name of decided.checked ?? none) {
          const stream = streams[stateReads.findIndex((read) => read.name === name)];
          if (stream === null || stream === undefined)
            throw new Error(`${name} checked but not read`);
          checked ??= [];
          if (!checked.includes(stream)) checked.push(stream);
        }
        const next: States = { ...states };
        for (let i = 0; i < stateReads.length; i++) {
          const read = stateReads[i]!;
          const events = decided[read.name];
          if (events === undefined || events.length === 0) continue;
          const stream = streams[i];
          if (stream === null || stream === undefined) {
            throw new Error(`${read.name} written by ${command.type} but not read`);
          }
          out.add(stream, events as readonly DomainEvent[]);
          next[read.name] = events.reduce(read.folder.evolve, states[read.name]);
        }
        states = next;
      }
      const writes = out.writes;
      return {
        writes,
        conditions,
        checked: checked === undefined ? none : checked.filter((stream) => !writes.has(stream)),
      };
    },
  };
}
