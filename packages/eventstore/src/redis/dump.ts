import { Redis } from 'ioredis';
import type { DumpedEvent, EventLogDump, KeyedState } from '../dump';
import { streamKey } from './redis-event-store';

// Head and every key beside the log in one script: nothing commits in between, so the keyed state
// is the one of that head. KEYS is a scan of the whole keyspace: it blocks Redis for as long, which
// a backup accepts (keys beside the log are few: one per board and card, and the checkpoints).
const SNAPSHOT = `
local pattern, plen = ARGV[1], tonumber(ARGV[2])
local function under(kind)
  local found = {}
  for _, key in ipairs(redis.call('KEYS', pattern .. kind .. '*')) do
    table.insert(found, {string.sub(key, plen + string.len(kind) + 1), key})
  end
  return found
end
local claims, counters, seeds = {}, {}, {}
for _, k in ipairs(under('events:$claims:')) do
  local h = redis.call('HGETALL', k[2])
  for i = 1, #h, 2 do
    table.insert(claims, k[1]); table.insert(claims, h[i]); table.insert(claims, h[i + 1])
  end
end
for _, k in ipairs(under('events:$counter:')) do
  table.insert(counters, k[1]); table.insert(counters, redis.call('GET', k[2]))
end
for _, k in ipairs(under('events:$seeded:')) do table.insert(seeds, k[1]) end
return {redis.call('XLEN', KEYS[1]), claims, counters, seeds, redis.call('HGETALL', KEYS[2])}`;

// Each event as the adapter's append writes it: to its stream (id 0-<version>) and to the global
// log (id 0-<position>). KEYS[1] = global log, KEYS[1 + i] = stream of event i; ARGV[1] is the
// chunk as one JSON array of events, each an array of 8 strings: stream name, version, position,
// type, data, metadata, occurredAt, schema version. One argument instead of 8 per event: the
// client encodes one string (JSON.stringify) where it encoded thousands of bulk strings.
// Every check runs before the first write: the chunk must continue the global log and each
// stream exactly, or nothing of it is written ({1, position, head} / {2, position, version due}).
const LOAD = `
local events = cjson.decode(ARGV[1])
local n = #events
if n ~= #KEYS - 1 then return redis.error_reply('LOAD: ' .. n .. ' events for ' .. (#KEYS - 1) .. ' keys') end
local head = redis.call('XLEN', KEYS[1])
local due = {}
for i = 1, n do
  local e = events[i]
  if tonumber(e[3]) ~= head + i then return {1, tonumber(e[3]), head + i - 1} end
  local version = due[KEYS[i + 1]] or (redis.call('XLEN', KEYS[i + 1]) + 1)
  if tonumber(e[2]) ~= version then return {2, tonumber(e[3]), version} end
  due[KEYS[i + 1]] = version + 1
end
for i = 1, n do
  local e = events[i]
  redis.call('XADD', KEYS[i + 1], '0-' .. e[2], 't', e[4], 'd', e[5], 'm', e[6], 'a', e[7],
    'p', e[3], 'sv', e[8])
  redis.call('XADD', KEYS[1], '0-' .. e[3], 's', e[1], 'v', e[2], 't', e[4], 'd', e[5],
    'm', e[6], 'a', e[7], 'sv', e[8])
end
return {0}`;
const LOAD_CHUNK = 500;

type ScriptedRedis = Redis & {
  taskomaskLoad(numKeys: number, ...args: (string | number)[]): Promise<number[]>;
  taskomaskSnapshot(
    globalKey: string,
    checkpointsKey: string,
    pattern: string,
    prefixLength: number,
  ): Promise<[number, string[], string[], string[], string[]]>;
};

const glob = (text: string) => text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);

type Entry = [id: string, fields: string[]];

/** Export and import of the Redis event store under `keyPrefix` (as redisEventStore keeps it). */
export function redisEventLogDump({
  url,
  keyPrefix = '',
}: {
  url: string;
  keyPrefix?: string;
}): EventLogDump {
  const redis = new Redis(url, { maxRetriesPerRequest: 3 }) as ScriptedRedis;
  redis.on('error', () => undefined);
  redis.defineCommand('taskomaskSnapshot', { numberOfKeys: 2, lua: SNAPSHOT });
  redis.defineCommand('taskomaskLoad', { lua: LOAD });
  const globalKey = `${keyPrefix}events:$all`;
  const checkpointsKey = `${keyPrefix}events:$checkpoints`;

  return {
    async snapshot() {
      const [position, claims, counters, seeds, checkpoints] = await redis.taskomaskSnapshot(
        globalKey,
        checkpointsKey,
        glob(keyPrefix),
        keyPrefix.length,
      );
      const keyed: KeyedState = {
        claims: Array.from({ length: claims.length / 3 }, (_, i) => ({
          set: claims[3 * i]!,
          member: claims[3 * i + 1]!,
          owner: claims[3 * i + 2]!,
        })).sort((a, b) => a.set.localeCompare(b.set) || a.member.localeCompare(b.member)),
        counters: Array.from({ length: counters.length / 2 }, (_, i) => ({
          key: counters[2 * i]!,
          value: Number(counters[2 * i + 1]),
        })).sort((a, b) => a.key.localeCompare(b.key)),
        seeds: [...seeds].sort(),
        checkpoints: Array.from({ length: checkpoints.length / 2 }, (_, i) => ({
          name: checkpoints[2 * i]!,
          position: Number(checkpoints[2 * i + 1]),
        })).sort((a, b) => a.name.localeCompare(b.name)),
      };
      return { position, keyed };
    },

    async readEvents(fromPosition, toPosition, limit) {
      if (toPosition < fromPosition) return [];
      const entries = (await redis.xrange(
        globalKey,
        `0-${Math.max(1, fromPosition)}`,
        `0-${toPosition}`,
        'COUNT',
        limit,
      )) as Entry[];
      return entries.map(([id, fields]) => {
        const f: Record<string, string> = {};
        for (let i = 0; i < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
        return {
          globalPosition: Number(id.slice(id.indexOf('-') + 1)),
          streamName: f.s!,
          streamVersion: Number(f.v),
          type: f.t!,
          data: f.d!,
          metadata: f.m!,
          occurredAt: f.a!,
          // Entries from before events carried a schema version have none: version 1.
          schemaVersion: f.sv === undefined ? 1 : Number(f.sv),
        };
      });
    },

    async isEmpty() {
      if ((await redis.xlen(globalKey)) > 0) return false;
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(
          cursor,
          'MATCH',
          `${glob(keyPrefix)}events:*`,
          'COUNT',
          1000,
        );
        if (keys.length > 0) return false;
        cursor = next;
      } while (cursor !== '0');
      return true;
    },

    async loadEvents(events: readonly DumpedEvent[]) {
      if (events.length === 0) return;
      // Server-side, a chunk per call: half the bytes of two XADDs sent per event, and one argument
      // per chunk beside its keys for the client to encode.
      const calls: Promise<number[]>[] = [];
      for (let at = 0; at < events.length; at += LOAD_CHUNK) {
        const chunk = events.slice(at, at + LOAD_CHUNK);
        const keys = [globalKey, ...chunk.map((e) => streamKey(keyPrefix, e.streamName))];
        // Numbers as strings: the script compares them with tonumber and writes them as given.
        const packed = JSON.stringify(
          chunk.map((e) => [
            e.streamName,
            String(e.streamVersion),
            String(e.globalPosition),
            e.type,
            e.data,
            e.metadata,
            e.occurredAt,
            String(e.schemaVersion),
          ]),
        );
        calls.push(redis.taskomaskLoad(keys.length, ...keys, packed));
      }
      for (const [code, position, expected] of await Promise.all(calls)) {
        if (code === 1)
          throw new Error(`event at position ${position} does not follow ${expected}`);
        if (code === 2) {
          const e = events.find((x) => x.globalPosition === position)!;
          throw new Error(
            `event at position ${position} has version ${e.streamVersion} of ${e.streamName}, expected ${expected}`,
          );
        }
      }
    },

    async loadKeyed(state) {
      const tx = redis.multi();
      for (const c of state.claims)
        tx.hset(`${keyPrefix}events:$claims:${c.set}`, c.member, c.owner);
      for (const c of state.counters) tx.set(`${keyPrefix}events:$counter:${c.key}`, c.value);
      for (const marker of state.seeds) tx.set(`${keyPrefix}events:$seeded:${marker}`, '1');
      for (const c of state.checkpoints) tx.hset(checkpointsKey, c.name, c.position);
      const failed = (await tx.exec())?.find(([error]) => error !== null);
      if (failed) throw failed[0];
    },

    async close() {
      await redis.quit();
    },
  };
}
