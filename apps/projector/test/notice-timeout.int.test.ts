// A notice that never goes out must not hold projection up: the batch goes on after the
// notice timeout, logs which notice it gave up on, and the next batch is applied.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteEventStore } from '@taskomask/eventstore/sqlite';
import { type RealtimeNotifier, readSchema } from '@taskomask/read-models';
import { generateHistory } from '@taskomask/read-models/testing';
import { sqliteReadStore } from '@taskomask/readstore/sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { batchApply } from '../src/batch-apply';

describe('a notifier that never answers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskomask-notice-timeout-'));
  const eventStore = sqliteEventStore({ path: join(dir, 'events.db') });
  const readStore = sqliteReadStore({ path: join(dir, 'read.db'), schema: readSchema });

  afterAll(async () => {
    await readStore.close();
    await eventStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds no batch longer than the notice timeout', async () => {
    for (const append of generateHistory({ seed: 17, workspaces: 1, tasksPerBoard: 4 })) {
      await eventStore.appendToStreams([append]);
    }
    const head = await eventStore.headPosition();
    const events = await eventStore.readAll({ fromPosition: 1, limit: head });
    const committed: number[] = [];
    const notifier: RealtimeNotifier = {
      // Like a Socket.IO emit stuck behind a server that never drains.
      boardChanged: () => new Promise<void>(() => undefined),
      committed: (position) => {
        committed.push(position);
      },
    };
    const warnings: string[] = [];
    const logger = { warn: (_: unknown, message?: string) => warnings.push(message ?? '') };
    const { apply } = batchApply({
      store: () => readStore,
      eventStore,
      notifier,
      logger: logger as never,
      noticeTimeoutMs: 50,
    });
    const half = Math.floor(events.length / 2);
    await apply(events.slice(0, half));
    await apply(events.slice(half));

    expect(await readStore.position()).toBe(head);
    // The notices after the hung one still went out, once per batch.
    expect(committed).toEqual([events[half - 1]!.globalPosition, head]);
    expect(warnings).toEqual([
      'board changed notice not sent within 50 ms',
      'board changed notice not sent within 50 ms',
    ]);
  });
});
