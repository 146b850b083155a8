import type { ActivityEntry } from '@taskomask/domain';
import type { DocCache } from './doc-cache';

/**
 * How many lines a board's or workspace's activity document keeps. One document per board,
 * rewritten once per batch, instead of one row per event: rebuilds write far less. Older history
 * stays in the event store, where a fold of the board's streams reads it back exactly.
 */
export const ACTIVITY_CAP = 500;

export type ActivityDoc = { entries: readonly ActivityEntry[] };
export const activityDocId = (scope: 'board' | 'workspace', id: string) => `${scope}:${id}`;

/**
 * Inserts newest-first by global position (a gap fill may bring an older line late), in place:
 * the list belongs to the batch's document cache, and copying a 500-line list for every event
 * was most of a rebuild's garbage.
 */
export function addEntry(entries: ActivityEntry[], entry: ActivityEntry, cap = Infinity): void {
  const at = entries.findIndex((e) => e.globalPosition < entry.globalPosition);
  if (at === -1) entries.push(entry);
  else entries.splice(at, 0, entry);
  if (entries.length > cap) entries.length = cap;
}

/** Adds a line to the `activity` document `id` (a board's or a workspace's). */
export async function addActivity(id: string, entry: ActivityEntry, docs: DocCache) {
  const doc = (await docs.get<{ entries: ActivityEntry[] }>('activity', id)) ?? { entries: [] };
  addEntry(doc.entries, entry, ACTIVITY_CAP);
  docs.put('activity', id, doc, entry.globalPosition);
}
