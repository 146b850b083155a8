import { ValidationError } from './errors';
import { limits } from './limits';

/** Counts characters as people see them (code points), so an emoji counts once. */
export function charCount(text: string): number {
  return [...text].length;
}

/** The key under which sibling names must be unique: trimmed, case-insensitive. */
export function nameKey(name: string): string {
  return name.normalize('NFC').trim().toLowerCase();
}

function requireString(field: string, value: unknown): string {
  if (typeof value !== 'string') throw new ValidationError(field, 'must be a string');
  return value;
}

/** Returns the trimmed text, or throws when its length is outside [min, max]. */
export function requireText(field: string, value: unknown, min: number, max: number): string {
  const text = requireString(field, value).trim();
  const length = charCount(text);
  if (length < min) {
    throw new ValidationError(
      field,
      min === 1 ? 'must not be blank' : `must be at least ${min} characters`,
    );
  }
  if (length > max) throw new ValidationError(field, `must be at most ${max} characters`);
  return text;
}

/** Names of workspaces, projects, boards, cards and task titles: 3–50 characters, trimmed. */
export function requireName(field: string, value: unknown): string {
  return requireText(field, value, limits.nameMin, limits.nameMax);
}

/** An optional description (missing means empty), trimmed, at most `max` characters. */
export function requireDescription(
  field: string,
  value: unknown,
  max: number = limits.descriptionMax,
): string {
  return requireText(field, value ?? '', 0, max);
}

/** The original refused a description that merely repeats the name; so do we. */
export function requireDistinct(name: string, description: string, field = 'description'): void {
  if (description !== '' && nameKey(name) === nameKey(description)) {
    throw new ValidationError(field, 'must differ from the name');
  }
}

/** Ids come from the shell or the client; the domain only refuses empty ones. */
export function requireId(field: string, value: unknown): string {
  const id = requireString(field, value);
  if (id.trim() === '') throw new ValidationError(field, 'must not be empty');
  return id;
}

/** True when another sibling (not `exceptId`) already uses `name`, compared by `nameKey`. */
export function isNameTaken(
  siblings: Iterable<Readonly<{ id: string; name: string }>>,
  name: string,
  exceptId?: string,
): boolean {
  const key = nameKey(name);
  for (const sibling of siblings) {
    if (sibling.id !== exceptId && nameKey(sibling.name) === key) return true;
  }
  return false;
}
