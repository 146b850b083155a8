'use client';

import {
  type KeyboardEvent,
  type TextareaHTMLAttributes,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { insertMention, matching, mentionAt } from './mention-query';
import { type Mentionable, useMentionables } from './use-mentionables';

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange'> & {
  workspaceId: string;
  me: string;
  value: string;
  onValueChange: (value: string) => void;
};

/**
 * A textarea where typing `@` and letters lists the workspace's members by name; Enter, Tab or
 * a click inserts `@[Name](id)`, Escape closes the list, arrows move in it.
 */
export function MentionTextarea({ workspaceId, me, value, onValueChange, ...rest }: Props) {
  const members = useMentionables(workspaceId, me);
  const ref = useRef<HTMLTextAreaElement>(null);
  const pendingCaret = useRef<number | null>(null);
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const listId = useId();
  const at = mentionAt(value, caret);
  const options = at && dismissed !== at.start ? matching(members, at.query) : [];
  const open = options.length > 0;
  const chosen = options[Math.min(active, options.length - 1)];

  const choose = (member: Mentionable) => {
    if (!at) return;
    const next = insertMention(value, at, member);
    onValueChange(next.text);
    setCaret(next.caret);
    pendingCaret.current = next.caret;
  };
  // The caret goes after the inserted mention as soon as the new value is in the DOM, before the
  // next key is handled (a frame later, keys typed meanwhile would land before it).
  useLayoutEffect(() => {
    if (pendingCaret.current === null) return;
    ref.current?.setSelectionRange(pendingCaret.current, pendingCaret.current);
    pendingCaret.current = null;
  });
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : options.length - 1;
      setActive((n) => (n + step) % options.length);
    } else if ((e.key === 'Enter' || e.key === 'Tab') && chosen) {
      e.preventDefault();
      choose(chosen);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setDismissed(at?.start ?? null);
    }
  };
  return (
    <div className="relative">
      <textarea
        {...rest}
        ref={ref}
        value={value}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && chosen ? `${listId}-${chosen.id}` : undefined}
        onChange={(e) => {
          onValueChange(e.target.value);
          setCaret(e.target.selectionStart);
          setActive(0);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
      />
      {open ? (
        <div
          id={listId}
          role="listbox"
          aria-label="Mention a member"
          className="absolute inset-x-0 top-full z-20 mt-1 max-h-56 overflow-y-auto rounded-lg border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          {options.map((m) => (
            <div
              key={m.id}
              id={`${listId}-${m.id}`}
              tabIndex={-1}
              role="option"
              aria-selected={m === chosen}
              className={`cursor-pointer truncate rounded px-2 py-1.5 text-sm ${m === chosen ? 'bg-brand-50 dark:bg-slate-700' : ''}`}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(m);
              }}
            >
              @{m.name}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
