// The board's keyboard shortcuts, apart from React and the DOM: which key means what, and when
// a key is someone typing rather than a shortcut.

export type Shortcut = 'new-task' | 'edit-title' | 'delete-task' | 'focus-filter' | 'show-help';

/** What a shortcut needs of a keydown (a KeyboardEvent fits). */
export type KeyInput = Readonly<{
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: unknown;
}>;

const keys: Readonly<Record<string, { shortcut: Shortcut; writes: boolean }>> = {
  n: { shortcut: 'new-task', writes: true },
  e: { shortcut: 'edit-title', writes: true },
  Delete: { shortcut: 'delete-task', writes: true },
  '/': { shortcut: 'focus-filter', writes: false },
  '?': { shortcut: 'show-help', writes: false },
};

/** The list the help dialog shows, writes only for editors. */
export const shortcutHelp = (editor: boolean) =>
  [
    { keys: 'n', what: 'New task in the focused column', writes: true },
    { keys: 'e', what: 'Edit the title of the open or focused task', writes: true },
    { keys: 'Del', what: 'Delete the open or focused task (asks first)', writes: true },
    { keys: '/', what: 'Filter the board', writes: false },
    { keys: '?', what: 'Show these shortcuts', writes: false },
  ].filter((s) => editor || !s.writes);

type Typed = { tagName?: unknown; isContentEditable?: unknown; type?: unknown };

// Inputs where a letter is just a letter; buttons, checkboxes and the like are not typing.
const nonText = new Set([
  'button',
  'checkbox',
  'radio',
  'submit',
  'reset',
  'file',
  'range',
  'color',
]);

/** Whether the key goes into a text field, a select or editable content. */
export function isTyping(target: unknown): boolean {
  if (!target || typeof target !== 'object') return false;
  const t = target as Typed;
  if (t.isContentEditable === true) return true;
  const tag = typeof t.tagName === 'string' ? t.tagName.toUpperCase() : '';
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  return !nonText.has(typeof t.type === 'string' ? t.type.toLowerCase() : 'text');
}

/** The shortcut a keydown means, or null (typing, a modifier held, a write for a viewer). */
export function shortcutFor(event: KeyInput, editor: boolean): Shortcut | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (isTyping(event.target)) return null;
  const bound = keys[event.key];
  if (!bound || (bound.writes && !editor)) return null;
  return bound.shortcut;
}
