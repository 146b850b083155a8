import { describe, expect, it } from 'vitest';
import { busFromUrl } from '../src/from-url';

describe('busFromUrl', () => {
  it('opens the in-process bus for memory:', async () => {
    const bus = await busFromUrl('memory:');
    expect(await bus.stats('nothing')).toEqual({
      exists: false,
      ready: 0,
      consumers: 0,
      deadLettered: 0,
    });
    await bus.close();
  });

  it('refuses other schemes without echoing a password', async () => {
    await expect(busFromUrl('redis://user:secret@host:6379')).rejects.toThrow(
      /amqp:\/\/.*memory:.*redis:\/\/\*\*\*@host/,
    );
    await expect(busFromUrl('redis://user:secret@host:6379')).rejects.not.toThrow(/secret/);
  });
});
