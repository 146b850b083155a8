import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';

// Webhooks must not reach the servers next to us (SSRF): no private, loopback, link-local,
// unique-local, multicast, unspecified or reserved address, in IPv4 or IPv6 — an IPv6 address
// that embeds an IPv4 one (mapped, compatible, NAT64, 6to4) is judged by the IPv4 one. The check
// runs on the address the request then connects to (no second DNS answer: no rebinding).

/** IPv4 ranges that are not the public internet, as [first octets…, prefix length]. */
const blockedV4: readonly (readonly [number, number, number, number, number])[] = [
  [0, 0, 0, 0, 8], // "this network", unspecified
  [10, 0, 0, 0, 8], // private
  [100, 64, 0, 0, 10], // carrier-grade NAT
  [127, 0, 0, 0, 8], // loopback
  [169, 254, 0, 0, 16], // link-local (cloud metadata lives here)
  [172, 16, 0, 0, 12], // private
  [192, 0, 0, 0, 24], // IETF protocol assignments
  [192, 0, 2, 0, 24], // documentation
  [192, 88, 99, 0, 24], // 6to4 relay anycast
  [192, 168, 0, 0, 16], // private
  [198, 18, 0, 0, 15], // benchmarking
  [198, 51, 100, 0, 24], // documentation
  [203, 0, 113, 0, 24], // documentation
  [224, 0, 0, 0, 4], // multicast
  [240, 0, 0, 0, 4], // reserved, broadcast
];

function v4Number(bytes: readonly number[]): number {
  return ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
}

function blockedV4Bytes(bytes: readonly number[]): boolean {
  const n = v4Number(bytes);
  return blockedV4.some(([a, b, c, d, prefix]) => {
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    return (n & mask) >>> 0 === (v4Number([a, b, c, d]) & mask) >>> 0;
  });
}

function v4Bytes(address: string): number[] {
  return address.split('.').map(Number);
}

/** The 16 bytes of an IPv6 address (with `::` and a trailing dotted IPv4 allowed). */
export function v6Bytes(address: string): number[] {
  let text = address.toLowerCase();
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    tail = v4Bytes(text.slice(lastColon + 1));
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [head = '', rest] = text.split('::') as [string, string | undefined];
  const groups = (s: string) => (s === '' ? [] : s.split(':').map((g) => Number.parseInt(g, 16)));
  const left = groups(head);
  const right = rest === undefined ? [] : groups(rest);
  const fill = rest === undefined ? [] : Array(8 - left.length - right.length).fill(0);
  const words = [...left, ...fill, ...right];
  const bytes = words.flatMap((w) => [(w >> 8) & 0xff, w & 0xff]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

function blockedV6Bytes(b: readonly number[]): boolean {
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zeros(0, 16)) return true; // :: unspecified
  if (zeros(0, 15) && b[15] === 1) return true; // ::1 loopback
  // IPv4-mapped ::ffff:a.b.c.d and IPv4-compatible ::a.b.c.d: judged as IPv4.
  if (zeros(0, 10) && ((b[10] === 0xff && b[11] === 0xff) || (b[10] === 0 && b[11] === 0))) {
    return blockedV4Bytes(b.slice(12));
  }
  // NAT64 64:ff9b::/96: the IPv4 address it reaches.
  if (b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12)) {
    return blockedV4Bytes(b.slice(12));
  }
  if (b[0] === 0x20 && b[1] === 0x02) return blockedV4Bytes(b.slice(2, 6)); // 6to4 2002::/16
  if ((b[0]! & 0xfe) === 0xfc) return true; // fc00::/7 unique-local
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0x80) return true; // fe80::/10 link-local
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0xc0) return true; // fec0::/10 site-local (old)
  if (b[0] === 0xff) return true; // multicast
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x0d && b[3] === 0xb8) return true; // docs
  if (b[0] === 0x01 && zeros(1, 8)) return true; // 100::/64 discard
  return false;
}

/** True for any address a webhook must not reach; also for a string that is no IP address. */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blockedV4Bytes(v4Bytes(address));
  if (family === 6) return blockedV6Bytes(v6Bytes(address));
  return true;
}

export class BlockedAddressError extends Error {
  readonly code = 'EWEBHOOKBLOCKED';
  constructor(host: string, address: string) {
    super(`${host} resolves to ${address}, a private, loopback or link-local address`);
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http.request: resolves as Node would, then refuses the connection when any
 * address the name resolves to is blocked (unless `allowPrivate`). The socket connects to the
 * address checked here.
 */
export function guardedLookup(allowPrivate: boolean) {
  return (
    hostname: string,
    options: { all?: boolean; family?: number },
    callback: LookupCallback,
  ) => {
    dnsLookup(hostname, { all: true, family: options.family ?? 0 }, (error, addresses) => {
      if (error) return callback(error, []);
      const blocked = allowPrivate ? undefined : addresses.find((a) => isBlockedAddress(a.address));
      if (blocked !== undefined) {
        return callback(
          Object.assign(new BlockedAddressError(hostname, blocked.address), { errno: 0 }) as never,
          [],
        );
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (first === undefined)
        return callback(new Error(`${hostname} has no address`) as never, []);
      callback(null, first.address, first.family);
    });
  };
}

/** For a URL whose host is an IP literal (Node skips `lookup` for those): the same check. */
export function literalHostBlocked(hostname: string, allowPrivate: boolean): string | null {
  const host = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  if (isIP(host) === 0 || allowPrivate) return null;
  return isBlockedAddress(host) ? host : null;
}
