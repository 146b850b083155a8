'use client';

import { useQueryClient } from '@tanstack/react-query';
import type { CfdDto } from '@taskomask/contracts';
import { useState } from 'react';
import { ApiError, sendCommand } from '@/lib/api';
import { problemMessage } from '@/lib/problem-messages';
import { wrote } from '@/lib/queries';

type Flow = 'waiting' | 'started' | 'done';

/**
 * Owners and admins: what each card counts as in these charts (its type's default, or set), and
 * the time zone days are counted in.
 */
export function FlowSettings({ boardId, data }: { boardId: string; data: CfdDto }) {
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const zones =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const run = async (send: () => Promise<unknown>) => {
    setError(null);
    try {
      await send();
      await client.invalidateQueries({ queryKey: ['insights', boardId] });
    } catch (e) {
      setError(e instanceof ApiError ? problemMessage(e.problem) : 'That did not work. Try again.');
    }
  };
  return (
    <details className="panel p-3 text-sm" data-testid="flow-settings">
      <summary className="cursor-pointer font-medium">What counts as started and done</summary>
      <p className="mt-2 text-xs text-slate-500">
        A task starts when it first reaches a started or done card, and is done while it is on a
        done card. By default Doing cards count as started and Done cards as done.
      </p>
      <ul className="mt-2 space-y-1.5">
        {data.cards
          .filter((c) => !c.deleted)
          .map((card) => (
            <li key={card.cardId} className="flex flex-wrap items-center gap-2">
              <span className="min-w-0 flex-1 truncate">{card.name}</span>
              <select
                aria-label={`${card.name} counts as`}
                className="input w-auto"
                value={card.flowSet ? card.flow : 'auto'}
                onChange={(e) => {
                  const value = e.target.value;
                  void run(async () =>
                    wrote(
                      await sendCommand(
                        'updateCard',
                        { boardId, cardId: card.cardId },
                        { flow: value === 'auto' ? null : (value as Flow) },
                      ),
                    ),
                  );
                }}
              >
                <option value="auto">As its type ({card.type})</option>
                <option value="waiting">Not started</option>
                <option value="started">Started</option>
                <option value="done">Done</option>
              </select>
            </li>
          ))}
      </ul>
      <label className="mt-3 flex flex-wrap items-center gap-2">
        <span className="flex-1">Time zone</span>
        <select
          aria-label="Time zone"
          className="input w-auto max-w-full"
          value={data.timeZone}
          onChange={(e) => {
            const timeZone = e.target.value;
            void run(async () =>
              wrote(await sendCommand('updateBoard', { boardId }, { timeZone })),
            );
          }}
        >
          {[...new Set(['UTC', data.timeZone, ...zones])].map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </label>
      {error ? (
        <p role="alert" className="mt-2 text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </details>
  );
}
