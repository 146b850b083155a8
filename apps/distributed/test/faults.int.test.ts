import { spawnSync } from 'node:child_process';
import type { RecordedEvent } from '@taskomask/domain';
import { rabbitNodeUnavailable } from '@taskomask/testkit/rabbit-node';
import { describe, expect, it } from 'vitest';
import { logGaps, lostAcknowledgedWrites } from '../faults/checks';
import { poisonMessageId, runFaults } from '../faults/run-faults';
import type { CommandRecord } from '../faults/workload';

// The load-with-faults harness (`npm run test:faults`) as part of `npm test`: 10 000 commands
// from 32 clients while the projector and forwarder are SIGKILLed and restarted, RabbitMQ is
// stopped and started and Redis is killed and restarted. Its own Redis and RabbitMQ node, so
// nothing shared is touched.

const whyNot =
  (await rabbitNodeUnavailable()) ??
  (spawnSync('redis-server', ['--version']).error ? 'redis-server is not installed' : undefined);
if (whyNot) console.warn(`load with faults skipped: ${whyNot}`);

describe.skipIf(whyNot !== undefined)('load with faults (distributed mode)', () => {
  it('loses no acknowledged write, applies every event once and answers only 2xx, 409/412 or 503', async () => {
    const lines: string[] = [];
    const summary = await runFaults({ log: (line) => lines.push(line) });
    console.log(JSON.stringify(summary));
    expect(summary.problems, lines.join('\n')).toEqual([]);
    expect(summary.ok).toBe(true);
    expect(summary.commands.sent).toBe(10_000);
    expect(summary.commands.acked).toBeGreaterThan(5_000);
    expect(summary.faultCounts).toEqual({ projector: 2, forwarder: 2, rabbitmq: 1, redis: 2 });
    expect(summary.deadLetters).toEqual([`${poisonMessageId} (rejected)`]);
    expect(summary.events).toBeGreaterThan(summary.commands.acked);
    for (const status of Object.keys(summary.commands.responses)) {
      expect(['200', '201', '409', '412', '503']).toContain(status);
    }
  }, 600_000);
});

// The checks themselves must be able to fail, or a green run proves nothing.
describe('the harness checks', () => {
  const event = (position: number, correlationId: string): RecordedEvent => ({
    type: 'TaskRenamed',
    data: {},
    streamName: 'task-1',
    streamVersion: position,
    globalPosition: position,
    occurredAt: '2026-01-01T00:00:00.000Z',
    metadata: { userId: 'u', correlationId, causationId: 'r' },
  });
  const acked = (position: number, correlationId: string): CommandRecord => ({
    operation: 'renameTask',
    correlationId,
    status: 200,
    attempts: 1,
    position,
    version: position,
  });

  it('finds an acknowledged write the log lacks, or holds under another command', () => {
    const log = [event(1, 'a'), event(2, 'b')];
    expect(lostAcknowledgedWrites([acked(1, 'a'), acked(2, 'b')], log)).toEqual([]);
    expect(lostAcknowledgedWrites([acked(3, 'c')], log)).toHaveLength(1);
    expect(lostAcknowledgedWrites([acked(2, 'c')], log)).toHaveLength(1);
    // A 503 or a 412 promised nothing.
    expect(lostAcknowledgedWrites([{ ...acked(9, 'x'), status: 503 }], log)).toEqual([]);
  });

  it('finds a hole in the log', () => {
    expect(logGaps([event(1, 'a'), event(2, 'b')])).toEqual([]);
    expect(logGaps([event(1, 'a'), event(3, 'b')])).toHaveLength(1);
  });
});
