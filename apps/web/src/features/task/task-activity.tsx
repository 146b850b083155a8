'use client';

import { splitMentions } from '@taskomask/contracts/mentions';
import type { Task } from '@/lib/api';
import { displayName } from '@/lib/people';

/**
 * People appear in activity lines as @<ownerId>, and quoted comments carry mention tokens
 * (`@[Name](ownerId)`): both read as names.
 */
export function withNames(text: string, names: ReadonlyMap<string, string>, me: string) {
  return splitMentions(text)
    .map((part) =>
      typeof part === 'string'
        ? part.replace(/@([0-9a-f-]{36})/gi, (_, id: string) => displayName(id, names, me))
        : `@${names.get(part.ownerId) ?? part.name}`,
    )
    .join('');
}

/** What happened to the task, oldest first, with who did it and when. */
export function TaskActivity({
  task,
  names,
  me,
}: {
  task: Task;
  names: ReadonlyMap<string, string>;
  me: string;
}) {
  return (
    <section aria-label="Activity">
      <h3 className="mb-2 text-sm font-semibold">Activity</h3>
      <ol className="space-y-2 border-l-2 border-slate-200 pl-4 dark:border-slate-800">
        {task.activity.map((a) => (
          <li
            key={`${a.streamName}:${a.streamVersion}`}
            className="text-xs text-slate-600 dark:text-slate-400"
          >
            <span className="font-medium text-slate-800 dark:text-slate-200">
              {displayName(a.actorId, names, me)}
            </span>{' '}
            {withNames(a.text, names, me)}
            <time className="block text-[11px] text-slate-400" dateTime={a.at}>
              {new Date(a.at).toLocaleString()}
            </time>
          </li>
        ))}
      </ol>
    </section>
  );
}
