// The shapes every aggregate shares. Commands and events are tagged plain objects, not classes.

export type Event<Type extends string = string, Data = Record<string, unknown>> = Readonly<{
  type: Type;
  data: Data;
}>;

/** Who acts, when, and under which ids: the domain never reads the clock or makes ids itself. */
export type CommandMetadata = Readonly<{
  userId: string;
  /** ISO-8601 instant the command was accepted. */
  now: string;
}>;

export type Command<Type extends string = string, Data = Record<string, unknown>> = Readonly<{
  type: Type;
  data: Data;
  metadata: CommandMetadata;
}>;

export type EventMetadata = Readonly<{
  userId: string;
  correlationId: string;
  causationId: string;
  traceparent?: string;
}>;

/** An event as the store keeps it: the envelope of DESIGN.md §2. */
export type RecordedEvent<E extends Event = Event> = E &
  Readonly<{
    streamName: string;
    streamVersion: number;
    globalPosition: number;
    occurredAt: string;
    metadata: EventMetadata;
    /**
     * The version of `data`'s shape the event was written in (packages/domain/src/upcasting).
     * Stores return it always, 1 for events stored before versions existed; reads hand out
     * events upcast to today's version.
     */
    schemaVersion?: number;
  }>;

/**
 * `Context` is the state of other streams a decision reads but does not write (e.g. the
 * workspace's members when deciding a board command). It defaults to `void`, so a decider that
 * needs none is called as `decide(command, state)`.
 */
export type Decider<C extends Command, E extends Event, S, Context = void> = Readonly<{
  initialState: () => S;
  decide: (command: C, state: S, context: Context) => E[];
  evolve: (state: S, event: E) => S;
}>;
