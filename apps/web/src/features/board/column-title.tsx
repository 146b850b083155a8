'use client';

import { type KeyboardEvent, useEffect, useRef, useState } from 'react';

/**
 * A card's name that editors rename in place: a click (or the menu's Rename) turns it into a
 * field; Enter saves, Escape cancels, leaving the field saves a changed name.
 */
export function ColumnTitle({
  name,
  editing,
  onEdit,
  onDone,
  onRename,
}: {
  name: string;
  editing: boolean;
  onEdit: () => void;
  onDone: () => void;
  /** Answers whether the rename was accepted (a refusal keeps the field open). */
  onRename: (name: string) => Promise<boolean>;
}) {
  const [value, setValue] = useState(name);
  const input = useRef<HTMLInputElement>(null);
  // Settled once per edit: Enter, Escape and the blur that follows them count once.
  const settled = useRef(false);
  useEffect(() => {
    if (!editing) return;
    setValue(name);
    settled.current = false;
    input.current?.select();
  }, [editing, name]);

  const save = async () => {
    if (settled.current) return;
    const next = value.trim();
    if (!next || next === name) {
      settled.current = true;
      onDone();
      return;
    }
    settled.current = true;
    if (await onRename(next)) onDone();
    else settled.current = false;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      settled.current = true;
      onDone();
    }
  };

  if (!editing)
    return (
      <button
        type="button"
        className="max-w-full truncate rounded text-left hover:underline focus-visible:outline-2 focus-visible:outline-brand-500"
        title="Click to rename"
        aria-label={`Rename card ${name}`}
        onClick={onEdit}
      >
        {name}
      </button>
    );
  return (
    <input
      ref={input}
      className="input h-7 px-1.5 py-0 text-sm font-semibold"
      aria-label={`New name for card ${name}`}
      maxLength={50}
      value={value}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={onKeyDown}
      onBlur={() => void save()}
    />
  );
}
