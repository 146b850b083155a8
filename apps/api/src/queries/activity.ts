import type { ActivityPageDto, PageQuery } from '@taskomask/contracts';
import type { ActivityEntry } from '@taskomask/domain';
import { type ActivityDoc, activityDocId } from '@taskomask/read-models';
import type { Answer } from './answer';
import { type Page, pageOf, positionCursor } from './cursor';
import { compositeEtag } from './etag';
import { idsInActivity, peopleMap } from './people';
import type { QueryStore } from './read-store-guard';

type PageOptions = Pick<PageQuery, 'cursor' | 'limit'>;

/** A page of history, newest first; the cursor is the global position of the last line shown. */
export function activityPage(
  entries: readonly ActivityEntry[],
  { cursor, limit }: PageOptions,
): Page<ActivityEntry> {
  return pageOf(entries, {
    keyOf: (entry) => [entry.globalPosition] as [number],
    // Newest first: "after" the cursor means a lower position.
    compare: (a, b) => b[0] - a[0],
    after: positionCursor.decode(cursor),
    limit,
    encode: positionCursor.encode,
  });
}

/** The latest lines of a board's or workspace's activity document. */
export async function scopeActivity(
  store: QueryStore,
  scope: 'board' | 'workspace',
  id: string,
  page: PageOptions,
): Promise<Answer<ActivityPageDto>> {
  const doc = await store.get<ActivityDoc>('activity', activityDocId(scope, id));
  const position = doc?.position ?? 0;
  const { items, nextCursor } = activityPage(doc?.value.entries ?? [], page);
  const { people, docs } = await peopleMap(store, idsInActivity(items));
  return {
    body: { items: [...items], nextCursor, globalPosition: position, people },
    etag: compositeEtag([{ id: activityDocId(scope, id), position }, ...docs], []),
  };
}
