import type {
  ActivityPageDto,
  DueFilter,
  MyTaskDto,
  MyTasksDto,
  PageQuery,
  TaskDto,
} from '@taskomask/contracts';
import type { BoardView, CardView, WorkspaceView } from '@taskomask/domain';
import type { Membership, TaskDoc } from '@taskomask/read-models';
import type { Doc } from '@taskomask/readstore';
import { z } from 'zod';
import { type QueryContext, visibleTask } from './access';
import { activityPage } from './activity';
import type { Answer } from './answer';
import { compareText, cursorCodec, pageOf } from './cursor';
import { dueInstant, matchesDue } from './due';
import { compositeEtag } from './etag';
import { idsInActivity, peopleMap } from './people';

/** How many lines of its history a task's answer carries; /tasks/:id/activity pages on. */
export const taskActivityFirstPage = 50;

type PageOptions = Pick<PageQuery, 'cursor' | 'limit'>;

export async function task(context: QueryContext, taskId: string): Promise<Answer<TaskDto>> {
  const doc = await visibleTask(context, taskId);
  const { activity, status: _status, lastGlobalPosition: _last, ...details } = doc.value;
  const first = activityPage(activity, { cursor: undefined, limit: taskActivityFirstPage });
  const { people, docs } = await peopleMap(context.store, [
    details.createdBy,
    ...(details.assigneeId === null ? [] : [details.assigneeId]),
    ...details.comments.map((c) => c.authorId),
    ...idsInActivity(first.items),
  ]);
  return {
    body: {
      ...details,
      labels: [...details.labels],
      checklist: [...details.checklist],
      comments: [...details.comments],
      globalPosition: doc.position,
      activity: first.items,
      activityNextCursor: first.nextCursor,
      people,
    },
    // The names come from the owners documents: a rename changes the tag too.
    etag: compositeEtag([doc, ...docs], []),
  };
}

export async function taskActivity(
  context: QueryContext,
  taskId: string,
  page: PageOptions,
): Promise<Answer<ActivityPageDto>> {
  const doc = await visibleTask(context, taskId);
  const { items, nextCursor } = activityPage(doc.value.activity, page);
  const { people, docs } = await peopleMap(context.store, idsInActivity(items));
  return {
    body: { items, nextCursor, globalPosition: doc.position, people },
    etag: compositeEtag([doc, ...docs], []),
  };
}

export type MyTasksOptions = PageOptions & Readonly<{ due?: DueFilter | undefined }>;

// Soonest due first, undated last, then by id. `Infinity` does not survive JSON: null stands for
// "no due date" in the cursor.
type DueKey = [number | null, string];
const dueCursor = cursorCodec(z.tuple([z.number().nullable(), z.string()]));
const dueOrder = (key: DueKey) => key[0] ?? Number.POSITIVE_INFINITY;
function compareDueKeys(a: DueKey, b: DueKey): number {
  const [x, y] = [dueOrder(a), dueOrder(b)];
  return x < y ? -1 : x > y ? 1 : compareText(a[1], b[1]);
}

function cardOf(board: BoardView, taskId: string): CardView | undefined {
  return board.cards.find((card) => card.tasks.some((t) => t.taskId === taskId));
}

/**
 * Tasks assigned to the caller, only in workspaces they are still a member of, on boards that
 * were not deleted, and not deleted themselves.
 */
export async function myTasks(
  context: QueryContext,
  { due, cursor, limit }: MyTasksOptions,
): Promise<Answer<MyTasksDto>> {
  const { store, userId, now } = context;
  const [memberships, assigned] = await Promise.all([
    store.find<Membership>('memberships', { ownerId: userId }),
    store.find<TaskDoc>('tasks', { assigneeId: userId }),
  ]);
  const workspaceIds = new Set(memberships.map((m) => m.value.workspaceId));
  const live = assigned.filter(
    (t) =>
      t.value.status === 'active' &&
      workspaceIds.has(t.value.workspaceId) &&
      (due === undefined || matchesDue(t.value.dueDate, due, now)),
  );
  const [boards, workspaces] = await Promise.all([
    store.getMany<BoardView>('boards', [...new Set(live.map((t) => t.value.boardId))]),
    store.getMany<WorkspaceView>('workspaces', [...new Set(live.map((t) => t.value.workspaceId))]),
  ]);
  const boardsById = new Map(boards.map((b) => [b.id, b]));
  const workspacesById = new Map(workspaces.map((w) => [w.id, w]));
  const items = live
    .flatMap((doc: Doc<TaskDoc>): MyTaskDto[] => {
      const t = doc.value;
      const board = boardsById.get(t.boardId)?.value;
      const ws = workspacesById.get(t.workspaceId)?.value;
      if (board?.status !== 'active' || ws?.status !== 'active') return [];
      const card = cardOf(board, t.taskId);
      if (card === undefined) return [];
      return [
        {
          taskId: t.taskId,
          title: t.title,
          workspaceId: t.workspaceId,
          workspaceName: ws.name,
          boardId: t.boardId,
          boardName: board.name,
          cardId: card.cardId,
          cardName: card.name,
          cardType: card.type,
          position: t.position,
          labels: [...t.labels],
          dueDate: t.dueDate,
          checklist: {
            done: t.checklist.filter((item) => item.done).length,
            total: t.checklist.length,
          },
          commentCount: t.comments.length,
          updatedAt: t.updatedAt,
          globalPosition: doc.position,
        },
      ];
    })
    .map((item) => ({
      item,
      key: [item.dueDate === null ? null : dueInstant(item.dueDate), item.taskId] as DueKey,
    }))
    .sort((a, b) => compareDueKeys(a.key, b.key));
  const page = pageOf(items, {
    keyOf: ({ key }) => key,
    compare: compareDueKeys,
    after: dueCursor.decode(cursor),
    limit,
    encode: dueCursor.encode,
  });
  const shown = page.items.map(({ item }) => item);
  return {
    body: { items: shown, nextCursor: page.nextCursor },
    etag: compositeEtag(
      [...memberships, ...live, ...boards, ...workspaces],
      shown.map((item) => item.taskId),
    ),
  };
}
