import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, loadConfig, port, storeUrls } from '../src/index';

const schema = z.object({ ...storeUrls, PORT: port(4000) });

describe('loadConfig', () => {
  it('falls back to the embedded adapters', () => {
    expect(loadConfig(schema, {})).toEqual({
      EVENT_STORE_URL: 'sqlite:./data/events.db',
      BUS_URL: 'memory:',
      READ_STORE_URL: 'sqlite:./data/read.db',
      PORT: 4000,
    });
  });

  it('names each bad variable and why', () => {
    try {
      loadConfig(schema, { BUS_URL: 'kafka://x', PORT: '99999' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        'BUS_URL: must be amqp://… or memory:',
        expect.stringMatching(/^PORT: /),
      ]);
    }
  });
});
