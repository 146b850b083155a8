import { readFileSync } from 'node:fs';
import { type EventMetadata, type RecordedEvent, upcastEvent } from '@taskomask/domain';
import { Redis } from 'ioredis';
import { ConditionFailedError, WrongExpectedVersionError } from '../errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadShape,
  StreamAppend,
} from '../port';
import { checkAppendOptions, parseStreamName, serializeAppends } from '../validate-append';

const script = (name: string) => readFileSync(new URL(`./${name}.lua`, import.meta.url), 'utf8');
export const appendScript = script('append');

type ScriptedRedis = Redis & {
  taskomaskAppend(numKeys: number, ...args: (string | number)[]): Promise<number[]>;
  taskomaskLease(key: string, holder: string, ttlMs: number): Promise<number>;
  taskomaskRelease(key: string, holder: string): Promise<number>;
  taskomaskAdvance(key: string, name: string, position: number): Promise<number>;
};

export type RedisEventStoreOptions = ReadShape & {
  url: string;
  /** Prepended to every key, so tests and tenants never collide. */
  keyPrefix?: string;
};

/** The Redis key of a stream, following the `events:{type}:{id}` pattern. */
export function streamKey(prefix: string, stream: string): string {
  const { type, id } = parseStreamName(stream);
  return `${prefix}events:${type}:${id}`;
}

// Entries come back as [id, [field, value, …]]; ids are `0-<version>` / `0-<position>`.
type Entry = [id: string, fields: string[]];

function fieldsOf(fields: string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i < fields.length; i += 2) record[fields[i]!] = fields[i + 1]!;
  return record;
}

function entrySeq(id: string): number {
  return Number(id.slice(id.indexOf('-') + 1));
}

function recorded(
  f: Record<string, string>,
  streamName: string,
  streamVersion: number,
  globalPosition: number,
): RecordedEvent {
  return {
    type: f.t!,
    data: JSON.parse(f.d!),
    streamName,
    streamVersion,
    globalPosition,
    occurredAt: f.a!,
    metadata: JSON.parse(f.m!) as EventMetadata,
    // Entries written before events carried a schema version have no `sv`: version 1.
    schemaVersion: f.sv === undefined ? 1 : Number(f.sv),
  };
}

export function redisEventStore({
  url,
  keyPrefix = '',
  upcast = upcastEvent,
}: RedisEventStoreOptions): EventStore {
  const redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 }) as ScriptedRedis;
  // Connection errors reach callers as rejected commands (→ 503); the event only stops ioredis
  // from printing each reconnect attempt as an unhandled error.
  redis.on('error', () => undefined);
  redis.defineCommand('taskomaskAppend', { lua: appendScript });
  redis.defineCommand('taskomaskLease', { numberOfKeys: 1, lua: script('lease') });
  redis.defineCommand('taskomaskRelease', { numberOfKeys: 1, lua: script('release') });
  redis.defineCommand('taskomaskAdvance', { numberOfKeys: 1, lua: script('advance') });
  // XREAD BLOCK holds its connection, so waiting gets one of its own, opened on first use.
  let blocking: Redis | undefined;
  const globalKey = `${keyPrefix}events:$all`;
  const checkpointsKey = `${keyPrefix}events:$checkpoints`;
  const leaseKey = (name: string) => `${keyPrefix}events:$lease:${name}`;
  const claimsKey = (set: string) => `${keyPrefix}events:$claims:${set}`;
  const counterKey = (key: string) => `${keyPrefix}events:$counter:${key}`;
  const seedKey = (marker: string) => `${keyPrefix}events:$seeded:${marker}`;

  async function appendToStreams(
    appends: readonly StreamAppend[],
    options?: AppendOptions,
  ): Promise<AppendResult[]> {
    const batch = serializeAppends(appends);
    const { checks, conditions } = checkAppendOptions(options);
    const keys = [globalKey];
    for (const a of batch) keys.push(streamKey(keyPrefix, a.stream));
    for (const check of checks) keys.push(streamKey(keyPrefix, check.stream));
    const args: (string | number)[] = [batch.length, checks.length, conditions.length];
    for (const a of batch) args.push(String(a.expectedVersion), a.events.length, a.stream);
    for (const check of checks) args.push(String(check.expectedVersion));
    for (const condition of conditions) {
      switch (condition.kind) {
        case 'claim':
        case 'release':
          keys.push(claimsKey(condition.set));
          args.push(condition.kind, condition.member, condition.owner);
          break;
        case 'counter':
          keys.push(counterKey(condition.key));
          args.push('counter', condition.delta, condition.min ?? '', condition.max ?? '');
          break;
        case 'seed':
          keys.push(seedKey(condition.marker));
          args.push('seed', condition.claims.length, condition.counters.length);
          for (const claim of condition.claims) {
            keys.push(claimsKey(claim.set));
            args.push(claim.member, claim.owner);
          }
          for (const counter of condition.counters) {
            keys.push(counterKey(counter.key));
            args.push(counter.value);
          }
          break;
      }
    }
    for (const a of batch) {
      for (const e of a.events)
        args.push(e.type, e.data, e.metadata, e.occurredAt, e.schemaVersion);
    }
    const reply = await redis.taskomaskAppend(keys.length, ...keys, ...args);
    if (reply[0] === 1) {
      const index = reply[1]! - 1;
      const failed = index < batch.length ? batch[index]! : checks[index - batch.length]!;
      throw new WrongExpectedVersionError(failed.stream, failed.expectedVersion, reply[2]!);
    }
    if (reply[0] === 2) {
      const index = reply[1]! - 1;
      throw new ConditionFailedError(index, conditions[index]!);
    }
    const lastGlobalPosition = reply[batch.length + 1]!;
    return batch.map((_, i) => ({ nextVersion: reply[i + 1]!, lastGlobalPosition }));
  }

  return {
    async appendToStream(
      stream: string,
      events: readonly NewEvent[],
      { expectedVersion }: { expectedVersion: ExpectedVersion },
    ) {
      const [result] = await appendToStreams([{ stream, events, expectedVersion }]);
      return result!;
    },

    appendToStreams,

    async readStream(stream, { fromVersion = 1, limit } = {}) {
      const key = streamKey(keyPrefix, stream);
      const start = `0-${Math.max(1, fromVersion)}`;
      const entries = (
        limit === undefined
          ? await redis.xrange(key, start, '+')
          : await redis.xrange(key, start, '+', 'COUNT', limit)
      ) as Entry[];
      return entries.map(([id, fields]) => {
        const f = fieldsOf(fields);
        return upcast(recorded(f, stream, entrySeq(id), Number(f.p)));
      });
    },

    streamVersion: (stream) => redis.xlen(streamKey(keyPrefix, stream)),

    async readAll({ fromPosition, limit }) {
      const entries = (await redis.xrange(
        globalKey,
        `0-${Math.max(1, fromPosition)}`,
        '+',
        'COUNT',
        limit,
      )) as Entry[];
      return entries.map(([id, fields]) => {
        const f = fieldsOf(fields);
        return upcast(recorded(f, f.s!, Number(f.v), entrySeq(id)));
      });
    },

    headPosition: () => redis.xlen(globalKey),

    async waitForPosition(position, timeoutMs) {
      if ((await redis.xlen(globalKey)) >= position) return true;
      if (!blocking) {
        blocking = redis.duplicate();
        blocking.on('error', () => undefined);
      }
      const reply = await blocking.xread(
        'COUNT',
        1,
        'BLOCK',
        Math.max(1, Math.round(timeoutMs)),
        'STREAMS',
        globalKey,
        `0-${Math.max(0, position - 1)}`,
      );
      return reply !== null;
    },

    async getCheckpoint(name) {
      return Number((await redis.hget(checkpointsKey, name)) ?? 0);
    },

    async setCheckpoint(name, position) {
      await redis.taskomaskAdvance(checkpointsKey, name, position);
    },

    async acquireLease(name, holder, ttlMs) {
      return (await redis.taskomaskLease(leaseKey(name), holder, ttlMs)) === 1;
    },

    async releaseLease(name, holder) {
      await redis.taskomaskRelease(leaseKey(name), holder);
    },

    async close() {
      blocking?.disconnect();
      await redis.quit();
    },
  };
}
