import { describe, expect, it } from 'vitest';
import { amqpUrlOptions, busFromUrl } from '../src/from-url';

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

describe('amqpUrlOptions', () => {
  it('takes the exchange out of the URL and leaves everything else as written', () => {
    expect(amqpUrlOptions('amqp://guest:guest@127.0.0.1:5672?exchange=test.x.1')).toEqual({
      url: 'amqp://guest:guest@127.0.0.1:5672',
      exchange: 'test.x.1',
    });
    expect(
      amqpUrlOptions('amqps://u:p%40ss@h:5671/%2F?heartbeat=15&exchange=a:b_c-d&frameMax=0'),
    ).toEqual({ url: 'amqps://u:p%40ss@h:5671/%2F?heartbeat=15&frameMax=0', exchange: 'a:b_c-d' });
  });

  it('leaves a URL without an exchange untouched', () => {
    expect(amqpUrlOptions('amqp://h:5672/vhost?heartbeat=5')).toEqual({
      url: 'amqp://h:5672/vhost?heartbeat=5',
    });
  });

  it('refuses an empty, odd or repeated exchange without echoing a password', () => {
    expect(() => amqpUrlOptions('amqp://u:secret@h?exchange=')).toThrow(/exchange must be/);
    expect(() => amqpUrlOptions('amqp://u:secret@h?exchange=a%20b')).toThrow(/\*\*\*@h/);
    expect(() => amqpUrlOptions('amqp://u:secret@h?exchange=a&exchange=b')).toThrow(/twice/);
    expect(() => amqpUrlOptions('amqp://u:secret@h?exchange=a/b')).not.toThrow(/secret/);
  });
});
