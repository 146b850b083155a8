import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { currentSchemaVersion, knownEventTypes } from '../src/index';
import { foldStates, frozenDir, readFrozenJson, readFrozenLog } from './frozen-log';

// The frozen logs of every event version ever written: today's code must fold each into exactly
// the states it was frozen with (see README, "Events that stay readable").
const logs = readdirSync(frozenDir)
  .filter((name) => name.endsWith('.events.ndjson'))
  .map((name) => name.slice(0, -'.events.ndjson'.length))
  .sort();

describe('frozen event logs', () => {
  it('exist, starting with v1', () => {
    expect(logs[0]).toBe('v1');
  });

  for (const version of logs) {
    it(`${version}: folds into the write-model states it was frozen with`, () => {
      const events = readFrozenLog(`${version}.events.ndjson`);
      const expected = readFrozenJson(`${version}.states.json`) as Record<string, unknown>;
      const actual = foldStates(events);
      expect(Object.keys(actual)).toEqual(Object.keys(expected));
      for (const [stream, state] of Object.entries(expected)) {
        expect(actual[stream], stream).toEqual(state);
      }
    });

    it(`${version}: every event says the schema version it was written in`, () => {
      for (const event of readFrozenLog(`${version}.events.ndjson`)) {
        expect(Number.isSafeInteger(event.schemaVersion), `${event.globalPosition}`).toBe(true);
      }
    });
  }

  it('hold a sample of every event type the domain knows, at its current version', () => {
    const frozen = new Set(
      logs.flatMap((version) =>
        readFrozenLog(`${version}.events.ndjson`).map((e) => `${e.type}@${e.schemaVersion}`),
      ),
    );
    const missing = knownEventTypes
      .map((type) => `${type}@${currentSchemaVersion(type)}`)
      .filter((sample) => !frozen.has(sample));
    // A new event type or version needs its frozen sample: run the freeze-log script for the
    // next log version (README, "Events that stay readable").
    expect(missing).toEqual([]);
  });
});
