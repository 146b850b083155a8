import { describe, expect, it } from 'vitest';
import { eventStoreFromUrl, redisUrlOptions } from '../src/from-url';

describe('redisUrlOptions', () => {
  it('takes the prefix out of the URL and leaves everything else as written', () => {
    expect(redisUrlOptions('redis://127.0.0.1:6379?prefix=test:abc:')).toEqual({
      url: 'redis://127.0.0.1:6379',
      keyPrefix: 'test:abc:',
    });
    expect(
      redisUrlOptions('rediss://:p%40ss@h:6380/2?family=6&prefix=t%3Ax%20y:&db=3#frag'),
    ).toEqual({ url: 'rediss://:p%40ss@h:6380/2?family=6&db=3#frag', keyPrefix: 't:x y:' });
  });

  it('leaves a URL without a prefix untouched', () => {
    expect(redisUrlOptions('redis://127.0.0.1:6379/1')).toEqual({
      url: 'redis://127.0.0.1:6379/1',
    });
    expect(redisUrlOptions('redis://h:1?family=4')).toEqual({ url: 'redis://h:1?family=4' });
  });

  it('refuses an empty or repeated prefix without echoing a password', () => {
    expect(() => redisUrlOptions('redis://:secret@h:1?prefix=')).toThrow(/empty prefix.*\*\*\*@h/);
    expect(() => redisUrlOptions('redis://:secret@h:1?prefix=a&prefix=b')).toThrow(/twice/);
    expect(() => redisUrlOptions('redis://:secret@h:1?prefix=')).not.toThrow(/secret/);
  });
});

describe('eventStoreFromUrl', () => {
  it('refuses other schemes without echoing a password', async () => {
    await expect(eventStoreFromUrl('amqp://user:secret@host')).rejects.toThrow(
      /redis:\/\/.*\*\*\*@host/,
    );
    await expect(eventStoreFromUrl('amqp://user:secret@host')).rejects.not.toThrow(/secret/);
  });
});
