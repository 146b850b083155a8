'use client';

import { Button } from '@taskomask/ui/button';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { BoardChange } from '@/lib/api';
import { displayName } from '@/lib/people';
import { useBoardHistory } from '@/lib/queries';
import { withNames } from '../task/task-activity';

// Time travel on the board: the moment shown is the URL's `?at=<position>` (shareable); the
// History panel lists the change points, newest first; arrow keys step from one to the next.

const momentPattern = /^\d{1,16}$/;

/** The moment in the URL (a global position), or null for the live board; and how to change it. */
export function useBoardMoment() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const raw = params.get('at');
  const at = raw !== null && momentPattern.test(raw) ? raw : null;
  const setAt = useCallback(
    (position: number | null) => {
      router.replace(position === null ? pathname : `${pathname}?at=${position}`, {
        scroll: false,
      });
    },
    [router, pathname],
  );
  return { at, setAt };
}

export const formatMoment = (time: string) =>
  new Date(time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** "Viewing <date time> — Back to live", above a board shown as it was. */
export function HistoryBanner({ time, onBack }: { time: string | undefined; onBack: () => void }) {
  return (
    <output
      className="mt-2 flex flex-wrap items-center gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
      data-testid="history-banner"
    >
      <span>
        Viewing {time === undefined ? '…' : formatMoment(time)} — read-only. Use ← → to step through
        changes.
      </span>
      <Button variant="primary" onClick={onBack}>
        Back to live
      </Button>
    </output>
  );
}

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * The board's change points (newest first) to pick a moment from. `at`: the moment shown (null:
 * live); `livePosition` refreshes the list when the live board moves on.
 */
export function HistoryPanel({
  boardId,
  at,
  onPick,
  onClose,
  names,
  me,
  livePosition,
}: {
  boardId: string;
  at: string | null;
  onPick: (position: number) => void;
  onClose: () => void;
  names: ReadonlyMap<string, string>;
  me: string;
  livePosition: number | undefined;
}) {
  const history = useBoardHistory(boardId, true);
  const { refetch } = history;
  const changes = useMemo(
    () => history.data?.pages.flatMap((page) => page.items) ?? [],
    [history.data],
  );
  const people = useMemo(() => {
    const all = new Map(names);
    for (const page of history.data?.pages ?? []) {
      for (const [id, name] of Object.entries(page.people)) if (!all.has(id)) all.set(id, name);
    }
    return all;
  }, [history.data, names]);
  useEffect(() => {
    if (livePosition !== undefined) void refetch();
  }, [livePosition, refetch]);

  // The change shown: the newest at or before the moment.
  const current = at === null ? -1 : changes.findIndex((c) => c.position <= Number(at));
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (current < 0) return;
    list.current
      ?.querySelector<HTMLElement>(`[data-position="${changes[current]?.position}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [current, changes]);

  // ← / ↑: one change back; → / ↓: one forward (from the newest: nothing newer than live).
  const step = useRef<(key: string) => void>(() => {});
  const showing = useRef(at);
  showing.current = at;
  step.current = (key) => {
    if (changes.length === 0) return;
    const older = key === 'ArrowLeft' || key === 'ArrowUp';
    const from = current < 0 ? (older ? -1 : 0) : current;
    const next = older ? from + 1 : from - 1;
    if (next >= changes.length) {
      if (history.hasNextPage && !history.isFetchingNextPage) void history.fetchNextPage();
      return;
    }
    if (next >= 0) onPick(changes[next]!.position);
  };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(event.key)) return;
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (typing(event.target)) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      // Menus use the arrows themselves; so do keyboard drags on the live board: there, the
      // arrows step only from the page itself or the History list.
      if (target?.closest('[role="menu"]')) return;
      if (
        showing.current === null &&
        target !== null &&
        target !== document.body &&
        !target.closest('[data-testid="history-panel"]')
      )
        return;
      if (document.querySelector('[role="dialog"]')) return;
      event.preventDefault();
      step.current(event.key);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <section
      aria-label="History"
      className="mt-2 rounded-md border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900"
      data-testid="history-panel"
    >
      <header className="flex items-center gap-2 border-b border-slate-200 px-3 py-1.5 dark:border-slate-700">
        <h2 className="text-sm font-semibold">History</h2>
        <span className="text-xs text-slate-500">pick a change to see the board as it was</span>
        <span className="flex-1" />
        <Button onClick={onClose} aria-label="Close history">
          ✕
        </Button>
      </header>
      {history.isPending ? (
        <p className="px-3 py-2 text-sm text-slate-500">Loading history…</p>
      ) : history.isError ? (
        <p className="px-3 py-2 text-sm text-red-600">The history could not be loaded.</p>
      ) : (
        <ol ref={list} className="max-h-48 overflow-y-auto text-sm" data-testid="history-list">
          {changes.map((change, i) => (
            <ChangeItem
              key={change.position}
              change={change}
              selected={i === current}
              onPick={onPick}
              names={people}
              me={me}
            />
          ))}
          {history.hasNextPage ? (
            <li className="px-3 py-1.5">
              <Button
                onClick={() => void history.fetchNextPage()}
                disabled={history.isFetchingNextPage}
              >
                Older changes
              </Button>
            </li>
          ) : null}
        </ol>
      )}
    </section>
  );
}

function ChangeItem({
  change,
  selected,
  onPick,
  names,
  me,
}: {
  change: BoardChange;
  selected: boolean;
  onPick: (position: number) => void;
  names: ReadonlyMap<string, string>;
  me: string;
}) {
  return (
    <li data-position={change.position}>
      <button
        type="button"
        onClick={() => onPick(change.position)}
        aria-current={selected ? 'true' : undefined}
        className={`flex w-full flex-wrap items-baseline gap-x-2 px-3 py-1.5 text-left hover:bg-slate-100 dark:hover:bg-slate-800 ${selected ? 'bg-sky-100 dark:bg-sky-900' : ''}`}
        data-testid="history-change"
      >
        <time dateTime={change.time} className="shrink-0 text-xs text-slate-500">
          {formatMoment(change.time)}
        </time>
        <span className="min-w-0 break-words">
          <strong className="font-medium">{displayName(change.actorId, names, me)}</strong>{' '}
          {withNames(change.summary, names, me)}
        </span>
      </button>
    </li>
  );
}
