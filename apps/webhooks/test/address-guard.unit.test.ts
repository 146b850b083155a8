import { describe, expect, it } from 'vitest';
import { isBlockedAddress, literalHostBlocked, v6Bytes } from '../src/address-guard';

describe('webhook address classification', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254', // cloud metadata
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    'fe80::1',
    'fe80::1%eth0',
    'fc00::1',
    'fd12:3456:789a::1',
    'ff02::1',
    '::ffff:127.0.0.1', // IPv4-mapped loopback
    '::ffff:7f00:1', // the same, in hex
    '::ffff:10.0.0.1',
    '::ffff:169.254.169.254',
    '::127.0.0.1', // IPv4-compatible
    '64:ff9b::a9fe:a9fe', // NAT64 of 169.254.169.254
    '2002:7f00:1::', // 6to4 of 127.0.0.1
    'not an address',
  ])('blocks %s', (address) => {
    expect(isBlockedAddress(address)).toBe(true);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '::ffff:93.184.216.34',
    '64:ff9b::808:808',
  ])('allows the public %s', (address) => {
    expect(isBlockedAddress(address)).toBe(false);
  });

  it('reads IPv6 with :: and a dotted tail into 16 bytes', () => {
    expect(v6Bytes('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 1, 2, 3, 4]);
    expect(v6Bytes('2001:db8::1')).toEqual([32, 1, 13, 184, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('checks IP literals in URLs (brackets too) unless private addresses are allowed', () => {
    expect(literalHostBlocked('127.0.0.1', false)).toBe('127.0.0.1');
    expect(literalHostBlocked('[::ffff:127.0.0.1]', false)).toBe('::ffff:127.0.0.1');
    expect(literalHostBlocked('[::1]', true)).toBeNull();
    expect(literalHostBlocked('hooks.example.com', false)).toBeNull(); // resolved at connect
  });
});
