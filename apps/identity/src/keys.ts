import { generateKeyPairSync, hkdfSync, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, type JWK } from 'jose';

export type SigningAlgorithm = 'RS256' | 'ES256';

/** A private JWK set: the first key signs, the others stay published for verification. */
export type SigningKeys = Readonly<{ keys: JWK[]; algorithm: SigningAlgorithm }>;

function algorithmOf(key: JWK, where: string): SigningAlgorithm {
  if (key.kty === 'RSA') return 'RS256';
  if (key.kty === 'EC' && key.crv === 'P-256') return 'ES256';
  throw new Error(`${where}: only RSA (RS256) and EC P-256 (ES256) keys are supported`);
}

/**
 * Checks a JWK set given as JSON (`{"keys":[…]}`): every key private (`d`), RSA or EC P-256, with a
 * `kid`. Rotation: put the new key first once every verifier has fetched the set with it second.
 */
export function parseSigningKeys(json: string, source = 'IDENTITY_JWKS'): SigningKeys {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error(`${source}: not valid JSON`);
  }
  const keys = (parsed as { keys?: unknown })?.keys;
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new Error(`${source}: must be a JWK set {"keys":[…]} with at least one key`);
  }
  const checked = keys.map((key: JWK, index) => {
    const where = `${source}.keys[${index}]`;
    if (typeof key !== 'object' || key === null) throw new Error(`${where}: must be an object`);
    if (typeof key.d !== 'string') throw new Error(`${where}: must be a private key (no "d")`);
    if (typeof key.kid !== 'string' || key.kid === '') throw new Error(`${where}: needs a "kid"`);
    const algorithm = algorithmOf(key, where);
    return { ...key, alg: algorithm, use: 'sig' };
  });
  const kids = new Set(checked.map((key) => key.kid));
  if (kids.size !== checked.length) throw new Error(`${source}: two keys share a kid`);
  return { keys: checked, algorithm: algorithmOf(checked[0]!, `${source}.keys[0]`) };
}

/** A fresh RS256 key pair as a private JWK with its thumbprint as kid. */
export async function generateSigningKey(): Promise<JWK> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as JWK;
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' };
}

/**
 * The embedded mode's keys: read from `path`, or generated once and written there (mode 0600).
 */
export async function loadOrCreateKeyFile(path: string): Promise<SigningKeys> {
  try {
    return parseSigningKeys(readFileSync(path, 'utf8'), path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(path), { recursive: true });
  const json = JSON.stringify({ keys: [await generateSigningKey()] }, null, 2);
  // Written whole to a private temporary file, then linked into place: link() fails if the file
  // exists, so of two processes starting together one key wins and nobody reads half a file.
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, `${json}\n`, { flag: 'wx', mode: 0o600 });
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  return parseSigningKeys(readFileSync(path, 'utf8'), path);
}

/**
 * Cookie signing keys derived from the signing keys (HKDF-SHA256), in the same order: every
 * instance that shares the JWK set shares them, and rotating the set rotates them.
 */
export function deriveCookieKeys(keys: SigningKeys): string[] {
  return keys.keys.map((key) =>
    Buffer.from(
      hkdfSync('sha256', `${key.d}${key.p ?? ''}`, 'taskomask-identity', 'cookie-keys', 32),
    ).toString('base64url'),
  );
}
