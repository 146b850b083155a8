import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DumpedEvent } from '@taskomask/eventstore';
import { afterAll, describe, expect, it } from 'vitest';
import { type BackupSink, readBackup, verifyChecksum, writeBackup } from '../src/backup-file';

const dir = mkdtempSync(join(tmpdir(), 'taskomask-backup-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const event = (position: number, stream: string, version: number): DumpedEvent => ({
  globalPosition: position,
  streamName: stream,
  streamVersion: version,
  type: 'Touched',
  data: JSON.stringify({ position }),
  metadata: '{"userId":"u"}',
  occurredAt: '2026-12-07T00:00:00.000Z',
  // Some at a later version: a backup keeps each event's version as stored.
  schemaVersion: 1 + (position % 2),
});
const keyed = { claims: [], counters: [{ key: 'k', value: 1 }], seeds: [], checkpoints: [] };

async function* batches(...list: DumpedEvent[][]) {
  yield* list;
}

function collect() {
  const seen = { events: [] as DumpedEvent[], keyed: [] as unknown[], credentials: 0, files: 0 };
  const sink: BackupSink = {
    events: async (batch) => void seen.events.push(...batch),
    keyed: async (state) => void seen.keyed.push(state),
    credentials: async (list) => {
      seen.credentials += list.length;
    },
    files: async (list) => {
      seen.files += list.length;
    },
  };
  return { seen, sink };
}

/** A file with `body` under a header that matches it (length and checksum) except for `counts`. */
function forged(name: string, body: string, counts: Record<string, number>) {
  const file = join(dir, name);
  const header = {
    format: 'taskomask-backup',
    version: 1,
    createdAt: '2026-12-07T00:00:00.000Z',
    position: counts.events,
    counts: {
      claims: 0,
      counters: 0,
      seeds: 0,
      checkpoints: 0,
      credentials: 0,
      files: 0,
      ...counts,
    },
    bytes: Buffer.byteLength(body),
    sha256: createHash('sha256').update(body).digest('hex'),
  };
  writeFileSync(file, `${JSON.stringify(header)}\n${body}`);
  return file;
}

describe('the backup file', () => {
  it('reads back what it wrote, in batches, after its checksum', async () => {
    const file = join(dir, 'good.backup');
    const header = await writeBackup(file, {
      position: 3,
      keyed,
      events: batches([event(1, 'board-a', 1), event(2, 'task-b', 1)], [event(3, 'board-a', 2)]),
      credentials: [{ ownerId: 'o', hash: 'scrypt$x' }],
      files: [{ name: 'realtime-secret', content: 'abc' }],
    });
    expect(header.counts).toEqual({
      events: 3,
      claims: 0,
      counters: 1,
      seeds: 0,
      checkpoints: 0,
      credentials: 1,
      files: 1,
    });
    expect(await verifyChecksum(file)).toEqual(header);
    const { seen, sink } = collect();
    await readBackup(file, sink, { batchSize: 2 });
    expect(seen.events.map((e) => e.globalPosition)).toEqual([1, 2, 3]);
    expect(seen.events[2]).toEqual(event(3, 'board-a', 2));
    expect(seen).toMatchObject({ keyed: [keyed], credentials: 1, files: 1 });
  });

  it('refuses to write a log with a gap', async () => {
    await expect(
      writeBackup(join(dir, 'gap.backup'), {
        position: 2,
        keyed,
        events: batches([event(2, 'board-a', 1)]),
        credentials: [],
        files: [],
      }),
    ).rejects.toThrow('the log has position 2 where 1 was due');
  });

  it('refuses a file that is not a backup', async () => {
    const file = join(dir, 'other.txt');
    writeFileSync(file, '{"hello":"world"}\nmore\n');
    await expect(verifyChecksum(file)).rejects.toThrow('it is not a TaskoMask backup');
    writeFileSync(file, 'no header at all');
    await expect(verifyChecksum(file)).rejects.toThrow('it has no header line');
  });

  it('refuses a body that disagrees with its header, even with a matching checksum', async () => {
    const row = (e: DumpedEvent) =>
      JSON.stringify([
        e.globalPosition,
        e.streamName,
        e.streamVersion,
        e.type,
        e.occurredAt,
        e.metadata,
        e.data,
      ]);
    const tail = `{"section":"keyed","count":1}\n${JSON.stringify({ claims: [], counters: [], seeds: [], checkpoints: [] })}\n{"section":"credentials","count":0}\n{"section":"files","count":0}\n`;
    const gap = forged(
      'gap-in-file.backup',
      `{"section":"events","count":2}\n${row(event(1, 'board-a', 1))}\n${row(event(3, 'board-a', 2))}\n${tail}`,
      { events: 2 },
    );
    await expect(readBackup(gap, collect().sink)).rejects.toThrow(
      // Line 1 is the header.
      'line 4 is not the event at position 2',
    );
    const version = forged(
      'version-skip.backup',
      `{"section":"events","count":2}\n${row(event(1, 'board-a', 1))}\n${row(event(2, 'board-a', 3))}\n${tail}`,
      { events: 2 },
    );
    await expect(readBackup(version, collect().sink)).rejects.toThrow(
      'line 4 has version 3 of board-a, 2 was due',
    );
    const counts = forged(
      'counts.backup',
      `{"section":"events","count":1}\n${row(event(1, 'board-a', 1))}\n${tail}`,
      { events: 2 },
    );
    await expect(readBackup(counts, collect().sink)).rejects.toThrow(
      'line 2 should open section events with 2 entries',
    );
    const longer = forged(
      'longer.backup',
      `{"section":"events","count":1}\n${row(event(1, 'board-a', 1))}\n${tail}extra\n`,
      { events: 1 },
    );
    await expect(readBackup(longer, collect().sink)).rejects.toThrow(/it goes on after line/);
    expect(readFileSync(longer, 'utf8')).toContain('extra');
  });
});
