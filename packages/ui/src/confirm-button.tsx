'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * A button that asks before it acts: the first click shows the question with Confirm and Cancel
 * (focus moves to Confirm; Escape cancels).
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  tone = 'ghost',
  disabled,
  onConfirm,
  initiallyAsking = false,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  tone?: 'ghost' | 'danger';
  disabled?: boolean;
  onConfirm: () => void;
  /** Open with the question showing (server rendering, stories). */
  initiallyAsking?: boolean;
}) {
  const [asking, setAsking] = useState(initiallyAsking);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  const cancel = () => {
    setAsking(false);
    requestAnimationFrame(() => openerRef.current?.focus());
  };
  if (!asking) {
    return (
      <button
        ref={openerRef}
        type="button"
        className={
          tone === 'danger' ? 'btn-danger px-2 py-1 text-xs' : 'btn-ghost px-2 py-1 text-xs'
        }
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <fieldset
      aria-label={question}
      className="m-0 inline-flex border-0 flex-wrap items-center gap-1 rounded-lg bg-amber-50 px-2 py-1 text-xs dark:bg-amber-950/60"
      onKeyDown={(e) => {
        if (e.key === 'Escape') cancel();
      }}
    >
      <span>{question}</span>
      <button
        ref={confirmRef}
        type="button"
        className={
          tone === 'danger' ? 'btn-danger px-2 py-1 text-xs' : 'btn-primary px-2 py-1 text-xs'
        }
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="btn-ghost px-2 py-1 text-xs" onClick={cancel}>
        Cancel
      </button>
    </fieldset>
  );
}
