import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** scrypt cost. Stored with every hash, so raising it later does not break existing ones. */
export type ScryptParams = Readonly<{ N: number; r: number; p: number }>;

// N = 2^15, r = 8: 32 MiB and ~0.1 s per hash on this project's machines; fits the 256Mi pods.
export const defaultScryptParams: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
const PREFIX = 'scrypt';

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    // Node refuses more than 32 MiB by default; scrypt needs 128·N·r bytes.
    maxmem: 256 * params.N * params.r * params.p,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** `scrypt$N$r$p$salt$hash` (base64url), with a fresh random salt per call. */
export async function hashPassword(
  password: string,
  params: ScryptParams = defaultScryptParams,
): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, params);
  return [
    PREFIX,
    params.N,
    params.r,
    params.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

function parseHash(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | null {
  const [prefix, n, r, p, salt, key, ...rest] = stored.split('$');
  if (prefix !== PREFIX || rest.length > 0 || salt === undefined || key === undefined) return null;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (![params.N, params.r, params.p].every((v) => Number.isSafeInteger(v) && v > 0)) return null;
  return { params, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') };
}

/** Constant-time comparison of the derived key; false for a malformed stored hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (parsed === null) return false;
  const key = await derive(password, parsed.salt, parsed.params);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

export const passwordRules = { minLength: 10, maxLength: 256 } as const;

let common: ReadonlySet<string> | undefined;

/** The 1,000 most common passwords (SecLists, MIT), lower-cased. */
export function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line !== ''),
  );
  return common;
}

/** Why a new password is refused, in words for the form; null when it is acceptable. */
export function passwordProblem(
  password: string,
  context: Readonly<{ email?: string; displayName?: string }> = {},
): string | null {
  const length = [...password].length;
  if (length < passwordRules.minLength) {
    return `Use at least ${passwordRules.minLength} characters.`;
  }
  if (length > passwordRules.maxLength) {
    return `Use at most ${passwordRules.maxLength} characters.`;
  }
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) {
    return 'This password is among the most common ones. Choose another.';
  }
  const personal = [context.email, context.displayName]
    .filter((value): value is string => value !== undefined && value.trim() !== '')
    .map((value) => value.trim().toLowerCase());
  if (personal.includes(lower)) return 'Do not use your email or name as password.';
  return null;
}
