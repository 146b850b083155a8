import type { OwnerView } from '@taskomask/domain';
import type { Doc } from '@taskomask/readstore';
import type { QueryStore } from './read-store-guard';

/** What a person is called when no account document names them (an id from before identity). */
export const unknownPerson = 'Unknown person';

export type People = Readonly<{
  /** ownerId → current display name; every id asked for has an entry. */
  names: ReadonlyMap<string, string>;
  /** The owners documents read: part of an answer's ETag, so a rename changes it. */
  docs: readonly Doc<OwnerView>[];
}>;

/**
 * The current display names of people, joined at query time from the owners read model, so an
 * answer follows renames (OwnerProfileUpdated) without rewriting the documents that name them.
 */
export async function peopleNamed(store: QueryStore, ids: Iterable<string>): Promise<People> {
  const wanted = [...new Set(ids)].filter((id) => id !== '');
  const docs = wanted.length === 0 ? [] : await store.getMany<OwnerView>('owners', wanted);
  const names = new Map(wanted.map((id) => [id, unknownPerson]));
  for (const doc of docs) {
    if (doc.value.displayName !== '') names.set(doc.id, doc.value.displayName);
  }
  return { names, docs };
}

/** The ids of people an activity line names: its actor and its `@<ownerId>` mentions. */
export function idsInActivity(
  entries: Iterable<Readonly<{ actorId: string; text: string }>>,
): string[] {
  const ids: string[] = [];
  for (const entry of entries) {
    ids.push(entry.actorId);
    for (const match of entry.text.matchAll(/@([0-9a-f-]{36})/gi)) ids.push(match[1]!);
  }
  return ids;
}

/** An answer's `people` map, and the documents it was read from (for the answer's ETag). */
export async function peopleMap(
  store: QueryStore,
  ids: Iterable<string>,
): Promise<{ people: Record<string, string>; docs: readonly Doc<OwnerView>[] }> {
  const { names, docs } = await peopleNamed(store, ids);
  return { people: Object.fromEntries(names), docs };
}
