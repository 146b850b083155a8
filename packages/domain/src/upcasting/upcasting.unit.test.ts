import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../event';
import { currentSchemaVersion, eventSchemas, knownEventTypes, upcastEvent } from './event-schemas';
import { EventFromTheFutureError, upcastingOf } from './upcasting';

const recorded = (type: string, data: Record<string, unknown>, schemaVersion?: number) =>
  ({
    type,
    data,
    streamName: 'task-t1',
    streamVersion: 3,
    globalPosition: 7,
    occurredAt: '2026-01-01T00:00:00.000Z',
    metadata: { userId: 'u1', correlationId: 'c1', causationId: 'c1' },
    ...(schemaVersion === undefined ? {} : { schemaVersion }),
  }) satisfies RecordedEvent;

// An example of how a shape changes: TaskAssigned v1 named one assignee; v2 holds a list, v3
// adds who assigned. Test-local — today every domain event is at version 1.
const example = upcastingOf({
  TaskAssigned: {
    current: 3,
    upcasters: {
      1: ({ assigneeId, ...rest }) => ({ ...rest, assigneeIds: [assigneeId] }),
      2: (data, event) => ({ ...data, assignedBy: event.metadata.userId }),
    },
  },
});

describe('upcasting', () => {
  it('turns a v1 event into the current shape step by step, keeping its envelope', () => {
    const old = recorded('TaskAssigned', { taskId: 't1', assigneeId: 'u2' }, 1);
    expect(example.upcast(old)).toEqual({
      ...old,
      data: { taskId: 't1', assigneeIds: ['u2'], assignedBy: 'u1' },
      schemaVersion: 3,
    });
    expect(old.data).toEqual({ taskId: 't1', assigneeId: 'u2' }); // the stored event is untouched
  });

  it('starts from version 2 for a v2 event and reads an event without a version as v1', () => {
    expect(example.upcast(recorded('TaskAssigned', { assigneeIds: ['u3'] }, 2)).data).toEqual({
      assigneeIds: ['u3'],
      assignedBy: 'u1',
    });
    expect(example.upcast(recorded('TaskAssigned', { assigneeId: 'u4' })).data).toEqual({
      assigneeIds: ['u4'],
      assignedBy: 'u1',
    });
  });

  it('hands back a current event as it is, and an unknown type at version 1', () => {
    const current = recorded('TaskAssigned', { assigneeIds: [], assignedBy: 'x' }, 3);
    expect(example.upcast(current)).toBe(current);
    expect(example.currentVersion('Whatever')).toBe(1);
    expect(example.upcast(recorded('Whatever', { a: 1 })).schemaVersion).toBe(1);
  });

  it('refuses an event written by newer code, and a malformed version', () => {
    expect(() => example.upcast(recorded('TaskAssigned', {}, 4))).toThrow(EventFromTheFutureError);
    expect(() => example.upcast(recorded('Whatever', {}, 2))).toThrow(/newer than the 1/);
    expect(() => example.upcast(recorded('TaskAssigned', {}, 0))).toThrow(/no valid schema/);
  });

  it('refuses a registry with a missing step', () => {
    expect(() =>
      upcastingOf({ TaskAssigned: { current: 3, upcasters: { 1: (data) => data } } }),
    ).toThrow('TaskAssigned: no upcaster from version 2 to 3');
    expect(() => upcastingOf({ TaskAssigned: { current: 0 } })).toThrow(/≥ 1/);
  });
});

describe("the domain's registry", () => {
  it('holds every type at a version whose upcasters are all there', () => {
    expect(knownEventTypes.length).toBeGreaterThanOrEqual(65);
    for (const type of knownEventTypes) {
      expect(currentSchemaVersion(type)).toBe(eventSchemas[type].current);
    }
  });

  it('passes a current domain event through as it is', () => {
    const event = recorded('TaskRenamed', { title: 'a' }, 1);
    expect(upcastEvent(event)).toBe(event);
  });
});
