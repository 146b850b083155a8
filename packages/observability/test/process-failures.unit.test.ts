// Issue 17 §4: every process logs an unhandled rejection or exception with its reason and exits
// to be restarted, instead of Node's bare crash (or, worse, running on in an unknown state).
import { describe, expect, it } from 'vitest';
import { exitOnProcessFailures } from '../src/index';

describe('exitOnProcessFailures', () => {
  it('logs the reason of an unhandled rejection and an uncaught exception, then exits 1', () => {
    const lines: { fields: Record<string, unknown>; message: string }[] = [];
    const exits: number[] = [];
    const log = {
      fatal: (fields: Record<string, unknown>, message: string) => lines.push({ fields, message }),
    };
    const remove = exitOnProcessFailures(log as never, { exit: (code) => exits.push(code) });
    try {
      const reason = new Error('the bus went away');
      // Straight to ours (the last added), as Node calls it: vitest's own would fail the run.
      process.listeners('unhandledRejection').at(-1)!(reason, Promise.resolve());
      process.listeners('uncaughtException').at(-1)!(new Error('boom'), 'uncaughtException');
    } finally {
      remove();
    }
    expect(exits).toEqual([1, 1]);
    expect(lines.map((l) => l.message)).toEqual([
      'unhandled promise rejection; exiting to be restarted',
      'uncaught exception; exiting to be restarted',
    ]);
    expect((lines[0]!.fields.err as Error).message).toBe('the bus went away');
    expect(lines[1]!.fields.event).toBe('uncaughtException');
  });
});
