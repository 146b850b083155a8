import type { RecordedEvent } from '../event';

/**
 * Turns the data of an event stored at schema version `n` into its shape at `n + 1`. Pure: it
 * sees only the event's data (and, read-only, the rest of its envelope), never the clock or I/O.
 */
export type Upcaster = (
  data: Record<string, unknown>,
  event: RecordedEvent,
) => Record<string, unknown>;

/**
 * One event type's schema: the version today's code writes, and an upcaster from every older
 * version to the next (`upcasters[1]` turns v1 into v2, …). Version 1 needs none.
 */
export type EventSchema = Readonly<{
  current: number;
  upcasters?: Readonly<Record<number, Upcaster>>;
}>;

export type EventSchemas = Readonly<Record<string, EventSchema>>;

export type Upcasting = Readonly<{
  /** The version today's code writes for `type`: 1 for a type the registry does not know. */
  currentVersion: (type: string) => number;
  /**
   * The event in today's shape at today's version; the same object when it already is. An event
   * stored without a version is version 1.
   */
  upcast: (event: RecordedEvent) => RecordedEvent;
}>;

/** An event stored by newer code than this process runs: its shape is unknown here. */
export class EventFromTheFutureError extends Error {
  readonly code = 'event-from-the-future';
  constructor(
    readonly event: Pick<RecordedEvent, 'type' | 'streamName' | 'streamVersion'>,
    readonly schemaVersion: number,
    readonly current: number,
  ) {
    super(
      `${event.type} at ${event.streamName}@${event.streamVersion} has schema version ` +
        `${schemaVersion}, newer than the ${current} this code knows: upgrade before reading it`,
    );
    this.name = 'EventFromTheFutureError';
  }
}

/** Checks a registry once (every step from 1 to `current` has its upcaster) and serves it. */
export function upcastingOf(schemas: EventSchemas): Upcasting {
  for (const [type, schema] of Object.entries(schemas)) {
    if (!Number.isSafeInteger(schema.current) || schema.current < 1) {
      throw new Error(`${type}: current schema version must be an integer ≥ 1`);
    }
    for (let v = 1; v < schema.current; v++) {
      if (typeof schema.upcasters?.[v] !== 'function') {
        throw new Error(`${type}: no upcaster from version ${v} to ${v + 1}`);
      }
    }
  }
  const currentVersion = (type: string) =>
    Object.hasOwn(schemas, type) ? schemas[type]!.current : 1;
  return {
    currentVersion,
    upcast(event) {
      const stored = event.schemaVersion ?? 1;
      const current = currentVersion(event.type);
      if (stored === current) {
        return event.schemaVersion === undefined ? { ...event, schemaVersion: stored } : event;
      }
      if (!Number.isSafeInteger(stored) || stored < 1) {
        throw new Error(
          `${event.type} at ${event.streamName}@${event.streamVersion} has no valid schema version`,
        );
      }
      if (stored > current) throw new EventFromTheFutureError(event, stored, current);
      const upcasters = schemas[event.type]!.upcasters!;
      let data = event.data as Record<string, unknown>;
      for (let v = stored; v < current; v++) data = upcasters[v]!(data, event);
      return { ...event, data, schemaVersion: current };
    },
  };
}
