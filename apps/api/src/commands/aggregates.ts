import {
  type BoardCommand,
  type BoardState,
  boardDecider,
  boardIdForTaskCommand,
  type Command,
  type CommandMetadata,
  type DomainEvent,
  decideBoardInProject,
  decideTaskOnBoard,
  decideWorkspaceOfOwner,
  type OwnerState,
  ownerDecider,
  ownerRegistryIdFor,
  streamName,
  type TaskCommand,
  type TaskState,
  taskDecider,
  type WorkspaceCommand,
  type WorkspaceState,
  workspaceDecider,
} from '@taskomask/domain';
import type { EventStore } from '@taskomask/eventstore';

/** A domain command before the shell stamps who and when. */
export type Intent<C extends Command> = C extends Command
  ? Readonly<{ type: C['type']; data: C['data'] }>
  : never;

/**
 * What one request asks of one aggregate: its commands, decided in order on the state each
 * previous one left (a PATCH of title and due date is two commands, one atomic append).
 * `ifMatchOn` names the stream If-Match refers to when it is not the aggregate's own — for a
 * creation, the resource the URL names (the board a task is created on).
 */
export type Plan =
  | Readonly<{
      aggregate: 'workspace';
      workspaceId: string;
      commands: readonly Intent<WorkspaceCommand>[];
    }>
  | Readonly<{
      aggregate: 'board';
      boardId: string;
      commands: readonly Intent<BoardCommand>[];
      ifMatchOn?: 'workspace';
    }>
  | Readonly<{
      aggregate: 'task';
      taskId: string;
      commands: readonly Intent<TaskCommand>[];
      ifMatchOn?: 'board';
    }>;

type Folder<S, E> = Readonly<{ initialState: () => S; evolve: (state: S, event: E) => S }>;

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
  readonly #streams = new Map<string, StreamRead>();
  readonly #store: Pick<EventStore, 'readStream'>;
  readonly #cache: StateCache | undefined;

  constructor(store: Pick<EventStore, 'readStream'>, cache?: StateCache) {
    this.#store = store;
    this.#cache = cache;
  }

  async fold<S, E>(stream: string, folder: Folder<S, E>): Promise<S> {
    const cached = this.#cache?.get(stream);
    const from = cached?.folder === folder ? cached : undefined;
    const events = await this.#store.readStream(
      stream,
      from ? { fromVersion: from.version + 1 } : undefined,
    );
    let state = from ? (from.state as S) : folder.initialState();
    for (const event of events) state = folder.evolve(state, event as unknown as E);
    const last = events.at(-1);
    const read = {
      version: last?.streamVersion ?? from?.version ?? 0,
      lastPosition: last?.globalPosition ?? from?.lastPosition ?? 0,
    };
    this.#streams.set(stream, read);
    this.#cache?.set(stream, { ...read, folder, state });
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

export type Loaded = Readonly<{
  /** The stream whose version the answer (and its ETag) reports. */
  primary: string;
  /** The stream If-Match is compared with. */
  target: string;
  /** Pure: decides every command on the loaded states; empty lists are left out. */
  decide: () => Writes;
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

function stamp<C extends Command>(intents: readonly Intent<C>[], metadata: CommandMetadata): C[] {
  return intents.map((intent) => ({ ...intent, metadata }) as unknown as C);
}

function evolveAll<S, E>(folder: Folder<S, E>, state: S, events: readonly E[]): S {
  return events.reduce(folder.evolve, state);
}

/**
 * Loads what a plan's decision reads, in the order packages/domain/README.md gives, and returns
 * the pure decision to run on it.
 */
export async function load(
  reads: StreamReads,
  plan: Plan,
  metadata: CommandMetadata,
): Promise<Loaded> {
  switch (plan.aggregate) {
    case 'workspace':
      return loadWorkspace(reads, plan.workspaceId, stamp(plan.commands, metadata));
    case 'board':
      return loadBoard(reads, plan.boardId, stamp(plan.commands, metadata), plan.ifMatchOn);
    case 'task':
      return loadTask(reads, plan.taskId, stamp(plan.commands, metadata), plan.ifMatchOn);
    default: {
      const unknown: never = plan;
      throw new Error(`unknown plan ${(unknown as { aggregate: string }).aggregate}`);
    }
  }
}

// workspace-<id>, then the owner registry the command also writes (creator's or owner of record).
async function loadWorkspace(
  reads: StreamReads,
  workspaceId: string,
  commands: WorkspaceCommand[],
): Promise<Loaded> {
  const workspaceStream = streamName.workspace(workspaceId);
  const workspace: WorkspaceState = await reads.fold(workspaceStream, workspaceDecider);
  const ownerId =
    commands.map((c) => ownerRegistryIdFor(c, workspace)).find((id) => id !== null) ?? null;
  const ownerStream = ownerId === null ? null : streamName.owner(ownerId);
  const owner: OwnerState =
    ownerStream === null
      ? ownerDecider.initialState()
      : await reads.fold(ownerStream, ownerDecider);
  return {
    primary: workspaceStream,
    target: workspaceStream,
    decide() {
      const out = new WriteList();
      let states = { workspace, owner };
      for (const command of commands) {
        const events = decideWorkspaceOfOwner(command, states);
        out.add(workspaceStream, events.workspace);
        if (ownerStream !== null) out.add(ownerStream, events.owner);
        states = {
          workspace: evolveAll(workspaceDecider, states.workspace, events.workspace),
          owner: evolveAll(ownerDecider, states.owner, events.owner),
        };
      }
      return out.writes;
    },
  };
}

// board-<id>, then workspace-<board.workspaceId> (CreateBoard: the workspace it names).
async function loadBoard(
  reads: StreamReads,
  boardId: string,
  commands: BoardCommand[],
  ifMatchOn: 'workspace' | undefined,
): Promise<Loaded> {
  const boardStream = streamName.board(boardId);
  const board: BoardState = await reads.fold(boardStream, boardDecider);
  const creation = commands.find((c) => c.type === 'CreateBoard');
  const workspaceId =
    board.status !== 'initial' ? board.workspaceId : (creation?.data.workspaceId ?? null);
  const workspaceStream = workspaceId === null ? null : streamName.workspace(workspaceId);
  const workspace: WorkspaceState =
    workspaceStream === null
      ? workspaceDecider.initialState()
      : await reads.fold(workspaceStream, workspaceDecider);
  return {
    primary: boardStream,
    target: ifMatchOn === 'workspace' && workspaceStream !== null ? workspaceStream : boardStream,
    decide() {
      const out = new WriteList();
      let states = { workspace, board };
      for (const command of commands) {
        const events = decideBoardInProject(command, states);
        out.add(boardStream, events.board);
        if (workspaceStream !== null) out.add(workspaceStream, events.workspace);
        states = {
          workspace: evolveAll(workspaceDecider, states.workspace, events.workspace),
          board: evolveAll(boardDecider, states.board, events.board),
        };
      }
      return out.writes;
    },
  };
}

// task-<id>, then its board (CreateTask: the board it names), then the board's workspace.
async function loadTask(
  reads: StreamReads,
  taskId: string,
  commands: TaskCommand[],
  ifMatchOn: 'board' | undefined,
): Promise<Loaded> {
  const taskStream = streamName.task(taskId);
  const task: TaskState = await reads.fold(taskStream, taskDecider);
  const first = commands[0];
  const boardId = first === undefined ? null : boardIdForTaskCommand(first, task);
  const boardStream = boardId === null ? null : streamName.board(boardId);
  const board: BoardState =
    boardStream === null
      ? boardDecider.initialState()
      : await reads.fold(boardStream, boardDecider);
  const workspaceStream =
    board.status === 'initial' ? null : streamName.workspace(board.workspaceId);
  const workspace: WorkspaceState =
    workspaceStream === null
      ? workspaceDecider.initialState()
      : await reads.fold(workspaceStream, workspaceDecider);
  return {
    primary: taskStream,
    target: ifMatchOn === 'board' && boardStream !== null ? boardStream : taskStream,
    decide() {
      const out = new WriteList();
      let states = { workspace, board, task };
      for (const command of commands) {
        const events = decideTaskOnBoard(command, states);
        out.add(taskStream, events.task);
        if (boardStream !== null) out.add(boardStream, events.board);
        states = {
          workspace: states.workspace,
          board: evolveAll(boardDecider, states.board, events.board),
          task: evolveAll(taskDecider, states.task, events.task),
        };
      }
      return out.writes;
    },
  };
}
