import type { RecordedEvent } from '@taskomask/domain';
import { describe, expect, it } from 'vitest';
import { PoisonMessageError } from '../src/errors';
import { eventMessage, recordedEventFrom } from '../src/event-envelope';

const event: RecordedEvent = {
  type: 'TaskMoved',
  data: { taskId: 't1' },
  streamName: 'task-t1',
  streamVersion: 3,
  globalPosition: 42,
  occurredAt: '2026-12-04T00:00:00.000Z',
  metadata: { userId: 'u1', correlationId: 'c1', causationId: 'k1', traceparent: '00-t' },
};

describe('event envelope', () => {
  it('is written with the stream place as id and read back as the same event', () => {
    const message = eventMessage(event);
    expect(message.messageId).toBe('task-t1@3');
    expect(message.routingKey).toBe('task.TaskMoved');
    expect(message.headers).toEqual({
      'correlation-id': 'c1',
      'causation-id': 'k1',
      'global-position': '42',
      traceparent: '00-t',
    });
    expect(recordedEventFrom(JSON.parse(JSON.stringify(message.body)))).toEqual(event);
  });

  it('refuses a body that is not an envelope as poison', () => {
    for (const body of [null, 'x', { ...event, streamVersion: 0 }, { ...event, data: null }]) {
      expect(() => recordedEventFrom(body)).toThrow(PoisonMessageError);
    }
  });
});
