'use client';

import { useEffect, useRef, useState } from 'react';
import { InboxPanel } from './inbox-panel';
import { useInboxState } from './use-inbox-state';

function BellIcon() {
  return (
    <svg aria-hidden viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor">
      <path
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
        d="M6 16V11a6 6 0 1 1 12 0v5l1.5 2h-15L6 16Zm4 4a2 2 0 0 0 4 0"
      />
    </svg>
  );
}

// Inbox items carry their actor's name as projected; no member list is needed here.
const noNames: ReadonlyMap<string, string> = new Map();

/** The top bar's bell: the live unread count, and the inbox panel it opens. */
export function InboxBell() {
  const { inbox, unread, markRead } = useInboxState();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: KeyboardEvent | MouseEvent) => {
      if (
        e instanceof KeyboardEvent ? e.key === 'Escape' : !box.current?.contains(e.target as Node)
      )
        setOpen(false);
    };
    document.addEventListener('keydown', close);
    document.addEventListener('mousedown', close);
    return () => {
      document.removeEventListener('keydown', close);
      document.removeEventListener('mousedown', close);
    };
  }, [open]);
  return (
    <div ref={box} className="relative">
      <button
        type="button"
        className="btn-ghost relative"
        aria-label={`Notifications, ${unread} unread`}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        <BellIcon />
        {unread > 0 ? (
          <span
            data-testid="inbox-count"
            className="absolute -top-0.5 -right-0.5 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] leading-4 font-semibold text-white"
          >
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <InboxPanel
          items={inbox.data?.items ?? []}
          unread={unread}
          loading={inbox.isPending}
          names={noNames}
          onOpen={(item) => {
            setOpen(false);
            if (!item.read) void markRead([item.id]);
          }}
          onReadAll={() => void markRead('all')}
        />
      ) : null}
    </div>
  );
}
