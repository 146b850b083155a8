'use client';

import Link from 'next/link';
import { displayName } from '@/lib/people';
import type { InboxItem } from './inbox-queries';

const says: Record<InboxItem['kind'], (who: string, what: string) => string> = {
  assigned: (who, what) => `${who} assigned you “${what}”`,
  mentioned: (who, what) => `${who} mentioned you on “${what}”`,
  commented: (who, what) => `${who} commented on “${what}”`,
  done: (who, what) => `${who} moved “${what}” to Done`,
  invited: (who, what) => `${who} invited you to ${what}`,
};

function InboxRow({
  item,
  names,
  onOpen,
}: {
  item: InboxItem;
  names: ReadonlyMap<string, string>;
  onOpen: (item: InboxItem) => void;
}) {
  const who = item.actorName || displayName(item.actorId, names);
  return (
    <li>
      <Link
        href={item.link}
        onClick={() => onOpen(item)}
        data-testid="inbox-item"
        data-read={item.read}
        className={`flex gap-2 rounded-lg px-3 py-2 text-sm hover:bg-slate-100 dark:hover:bg-slate-800 ${item.read ? 'text-slate-500' : 'font-medium'}`}
      >
        <span
          aria-hidden
          className={`mt-1.5 size-2 shrink-0 rounded-full ${item.read ? 'bg-transparent' : 'bg-brand-600'}`}
        />
        <span className="min-w-0 flex-1">
          <span className="block break-words">{says[item.kind](who, item.title)}</span>
          <span className="block text-xs font-normal text-slate-500">
            {item.workspaceName} · {new Date(item.at).toLocaleString()}
            {item.read ? '' : ' · unread'}
          </span>
        </span>
      </Link>
    </li>
  );
}

/** The list of notifications, newest first, with "Mark all read". */
export function InboxPanel({
  items,
  unread,
  loading,
  names,
  onOpen,
  onReadAll,
}: {
  items: readonly InboxItem[];
  unread: number;
  loading: boolean;
  names: ReadonlyMap<string, string>;
  onOpen: (item: InboxItem) => void;
  onReadAll: () => void;
}) {
  return (
    <section
      aria-label="Inbox"
      className="fixed inset-x-2 top-14 z-40 max-h-[70dvh] overflow-y-auto rounded-xl border border-slate-200 bg-white p-2 shadow-xl sm:absolute sm:inset-x-auto sm:top-full sm:right-0 sm:mt-2 sm:w-96 dark:border-slate-700 dark:bg-slate-900"
    >
      <div className="flex items-center gap-2 px-3 py-1">
        <h2 className="flex-1 text-sm font-semibold">Inbox</h2>
        <button
          type="button"
          className="btn-ghost text-xs"
          disabled={unread === 0}
          onClick={onReadAll}
        >
          Mark all read
        </button>
      </div>
      {items.length === 0 ? (
        <p className="px-3 py-4 text-sm text-slate-500">
          {loading ? 'Loading…' : 'Nothing new. Mentions, assignments and comments land here.'}
        </p>
      ) : (
        <ul className="space-y-0.5">
          {items.map((item) => (
            <InboxRow key={item.id} item={item} names={names} onOpen={onOpen} />
          ))}
        </ul>
      )}
    </section>
  );
}
