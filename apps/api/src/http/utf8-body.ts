import { invalidFields } from './problem';

const strict = new TextDecoder('utf-8', { fatal: true });

/**
 * The body as text, or a 400 naming the field whose string holds bytes that are not UTF-8: a
 * lenient decode would store U+FFFD in their place and answer 200.
 */
export function decodeUtf8Body(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const field = jsonFieldAt(strict.decode(bytes.subarray(0, at)));
    throw invalidFields([{ field, reason: 'must be valid UTF-8' }]);
  }
}

/** Offset of the first byte that starts no valid UTF-8 sequence (RFC 3629), or the length. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let size: number;
    let min: number;
    if (b < 0x80) {
      i += 1;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      size = 2;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      size = 3;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      size = 4;
      min = 0x10000;
    } else {
      return i;
    }
    if (i + size > bytes.length) return i;
    let code = b & (0xff >> (size + 1));
    for (let k = 1; k < size; k++) {
      const next = bytes[i + k]!;
      if ((next & 0xc0) !== 0x80) return i;
      code = (code << 6) | (next & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += size;
  }
  return i;
}

type Frame =
  | { kind: 'object'; key: string | undefined; atKey: boolean }
  | { kind: 'array'; index: number };

/**
 * The dotted path (as validation errors name fields) of the JSON value being written where
 * `prefix` ends: `name`, `labels.2`, or `body` when it ends outside any value or inside a key.
 */
export function jsonFieldAt(prefix: string): string {
  const stack: Frame[] = [];
  let stringStart = -1;
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix[i];
    if (stringStart >= 0) {
      if (c === '\\') i++;
      else if (c === '"') {
        const top = stack.at(-1);
        if (top?.kind === 'object' && top.atKey) {
          top.key = safeJsonString(prefix.slice(stringStart, i + 1));
        }
        stringStart = -1;
      }
      continue;
    }
    const top = stack.at(-1);
    if (c === '"') stringStart = i;
    else if (c === '{') stack.push({ kind: 'object', key: undefined, atKey: true });
    else if (c === '[') stack.push({ kind: 'array', index: 0 });
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ':' && top?.kind === 'object') top.atKey = false;
    else if (c === ',' && top?.kind === 'object') top.atKey = true;
    else if (c === ',' && top?.kind === 'array') top.index++;
  }
  const top = stack.at(-1);
  // Inside a key: the key itself is broken, so the object holding it is what we can name.
  const frames = top?.kind === 'object' && top.atKey ? stack.slice(0, -1) : stack;
  const parts = frames.map((f) => (f.kind === 'array' ? String(f.index) : (f.key ?? '')));
  return parts.length === 0 ? 'body' : parts.join('.');
}

function safeJsonString(literal: string): string {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return literal.slice(1, -1);
  }
}
