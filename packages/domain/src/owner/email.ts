import { ValidationError } from '../errors';

const LOCAL_PART = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]{1,64}$/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
const TOP_LEVEL = /^\p{L}{2,63}$/u;

/**
 * The form in which emails are compared, stored and reserved: trimmed, NFC, lower case. Throws a
 * ValidationError on `field` when the value is not a plausible address (one `@`, a dotted domain,
 * at most 254 characters). Deliverability is not checked.
 */
export function normalizeEmail(value: unknown, field = 'email'): string {
  if (typeof value !== 'string') throw new ValidationError(field, 'must be a string');
  const email = value.normalize('NFC').trim().toLowerCase();
  if (email === '') throw new ValidationError(field, 'must not be blank');
  if (!isPlausibleEmail(email)) throw new ValidationError(field, 'must be a valid email address');
  return email;
}

function isPlausibleEmail(email: string): boolean {
  if ([...email].length > 254) return false;
  const at = email.lastIndexOf('@');
  if (at <= 0 || email.indexOf('@') !== at) return false;
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (!LOCAL_PART.test(local) || local.startsWith('.') || local.endsWith('.')) return false;
  if (local.includes('..')) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((label) => DOMAIN_LABEL.test(label))) return false;
  return TOP_LEVEL.test(labels.at(-1) ?? '');
}
