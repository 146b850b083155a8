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
