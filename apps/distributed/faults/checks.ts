import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RecordedEvent } from '@taskomask/domain';
import type { EventStore } from '@taskomask/eventstore';
import { readSchema, rebuildReadModels } from '@taskomask/read-models';
import type { ReadStore } from '@taskomask/readstore';
import { sqliteReadStoreCatalog } from '@taskomask/readstore/sqlite';
import type { CommandRecord } from './workload';

const exec = promisify(execFile);

/** Every event of the log, in order. */
export async function readWholeLog(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let from = 1; ; ) {
    const page = await store.readAll({ fromPosition: from, limit: 5_000 });
    if (page.length === 0) return events;
    events.push(...page);
    from = page.at(-1)!.globalPosition + 1;
  }
}

/**
 * Acknowledged writes that the log does not hold: a 2xx answer names the position of the
 * command's last event, and that event must be there, carrying the command's correlation id.
 */
export function lostAcknowledgedWrites(
  records: readonly CommandRecord[],
  log: readonly RecordedEvent[],
): string[] {
  const byPosition = new Map(log.map((e) => [e.globalPosition, e]));
  const lost: string[] = [];
  for (const r of records) {
    if (typeof r.status !== 'number' || r.status >= 300) continue;
    const event = r.position === undefined ? undefined : byPosition.get(r.position);
    if (event?.metadata.correlationId !== r.correlationId) {
      lost.push(
        `${r.operation} ${r.correlationId} answered ${r.status} at position ${r.position}, but the log has ${event ? `${event.type} of ${event.metadata.correlationId}` : 'nothing'} there`,
      );
    }
  }
  return lost;
}

/** Positions that are not 1, 2, 3 … in the log (a hole or a repeat). */
export function logGaps(log: readonly RecordedEvent[]): string[] {
  const gaps: string[] = [];
  for (const [i, e] of log.entries()) {
    if (e.globalPosition !== i + 1) gaps.push(`event #${i + 1} has position ${e.globalPosition}`);
  }
  return gaps;
}

type Snapshot = Record<string, { id: string; value: unknown; keys: unknown }[]>;

async function snapshot(store: ReadStore): Promise<Snapshot> {
  const out: Snapshot = {};
  for (const collection of Object.keys(readSchema)) {
    out[collection] = (await store.all(collection)).map((d) => ({
      id: d.id,
      value: d.value,
      keys: d.keys,
    }));
  }
  return out;
}

export type ReadStoreComparison = {
  documents: number;
  streams: number;
  mismatches: string[];
};

/**
 * Replays the whole log into a fresh SQLite catalog under `dir` and compares it with the live
 * read store document by document, then every stream's applied version with the log's: an event
 * applied twice, or not at all, shows in one or the other.
 */
export async function compareWithRebuild(
  eventStore: EventStore,
  log: readonly RecordedEvent[],
  live: ReadStore,
  dir: string,
): Promise<ReadStoreComparison> {
  const catalog = sqliteReadStoreCatalog({ path: join(dir, 'rebuilt.db'), schema: readSchema });
  const mismatches: string[] = [];
  try {
    const result = await rebuildReadModels({ eventStore, catalog });
    const rebuilt = await catalog.open(result.generation);
    const [expected, actual] = [await snapshot(rebuilt), await snapshot(live)];
    let documents = 0;
    for (const collection of Object.keys(readSchema)) {
      const want = new Map((expected[collection] ?? []).map((d) => [d.id, d]));
      const got = new Map((actual[collection] ?? []).map((d) => [d.id, d]));
      documents += want.size;
      for (const [id, doc] of want) {
        const other = got.get(id);
        if (other === undefined)
          mismatches.push(`${collection}/${id}: missing from the live store`);
        else if (JSON.stringify(other) !== JSON.stringify(doc)) {
          mismatches.push(
            `${collection}/${id}: live ${JSON.stringify(other).slice(0, 300)} ≠ rebuilt ${JSON.stringify(doc).slice(0, 300)}`,
          );
        }
      }
      for (const id of got.keys()) {
        if (!want.has(id)) mismatches.push(`${collection}/${id}: only in the live store`);
      }
    }
    const [livePosition, head] = [await live.position(), log.at(-1)?.globalPosition ?? 0];
    if (livePosition !== head) mismatches.push(`live position ${livePosition} ≠ log head ${head}`);

    const inLog = new Map<string, number>();
    for (const e of log)
      inLog.set(e.streamName, Math.max(inLog.get(e.streamName) ?? 0, e.streamVersion));
    const applied = await live.streamVersions([...inLog.keys()]);
    for (const [stream, version] of inLog) {
      const at = applied.get(stream) ?? 0;
      if (at !== version) mismatches.push(`${stream}: applied up to ${at}, the log has ${version}`);
    }
    return { documents, streams: inLog.size, mismatches };
  } finally {
    await catalog.close();
  }
}

export type QueueCounts = { name: string; messages: number; unacked: number };

/** Straight from the broker (rabbitmqctl), not through our own client. */
export async function listQueues(nodeName: string): Promise<QueueCounts[]> {
  const { stdout } = await exec(
    'rabbitmqctl',
    ['-n', nodeName, '-q', 'list_queues', 'name', 'messages', 'messages_unacknowledged'],
    { timeout: 30_000 },
  );
  return stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols.length === 3 && /^\d+$/.test(cols[1]!))
    .map(([name, messages, unacked]) => ({
      name: name!,
      messages: Number(messages),
      unacked: Number(unacked),
    }));
}
