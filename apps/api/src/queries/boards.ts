import type {
  ActivityPageDto,
  BoardDto,
  BoardSearchDto,
  BoardSearchQuery,
  PageQuery,
  TaskHitDto,
} from '@taskomask/contracts';
import {
  type BoardView,
  type CardView,
  comparePositions,
  nameKey,
  type TaskDetails,
  type TaskSummary,
} from '@taskomask/domain';
import type { Doc } from '@taskomask/readstore';
import { z } from 'zod';
import { notFound, type QueryContext, roleIn, visibleBoard } from './access';
import { scopeActivity } from './activity';
import type { Answer } from './answer';
import { cursorCodec, pageOf } from './cursor';
import { matchesDue } from './due';
import { compositeEtag, documentEtag } from './etag';

const taskDto = (task: TaskSummary) => ({
  taskId: task.taskId,
  title: task.title,
  position: task.position,
  assigneeId: task.assigneeId,
  labels: [...task.labels],
  dueDate: task.dueDate,
  checklist: { ...task.checklist },
  commentCount: task.commentCount,
});

/**
 * The board with its cards in order and each card's tasks in order. With an answer cache, a board
 * unchanged since it was last answered (same store, same position) is not read again: only its
 * position and the caller's membership are, and the cached bytes go out.
 */
export async function board(context: QueryContext, boardId: string): Promise<Answer<BoardDto>> {
  const cache = context.boards;
  if (cache !== undefined) {
    const position = await context.store.positionOf('boards', boardId);
    if (position === undefined) throw notFound('board', boardId);
    const hit = cache.get(context.store, boardId, position);
    if (hit !== undefined) {
      if ((await roleIn(context, hit.workspaceId)) === undefined) throw notFound('board', boardId);
      return { body: undefined as never, etag: hit.etag, serialised: hit };
    }
  }
  const doc = await visibleBoard(context, boardId);
  const answer = boardAnswer(doc);
  if (cache === undefined) return answer;
  const serialised = cache.put(boardId, {
    body: answer.body,
    store: context.store,
    position: doc.position,
    etag: answer.etag,
    workspaceId: doc.value.workspaceId,
  });
  return { ...answer, serialised };
}

/** The board's answer body from its view (live, or as it was at a moment). */
export function boardBody(view: BoardView, globalPosition: number): BoardDto {
  return {
    boardId: view.boardId,
    workspaceId: view.workspaceId,
    projectId: view.projectId,
    name: view.name,
    description: view.description,
    cards: view.cards.map((card) => ({
      cardId: card.cardId,
      name: card.name,
      type: card.type,
      position: card.position,
      tasks: card.tasks.map(taskDto),
    })),
    updatedAt: view.updatedAt,
    globalPosition,
  };
}

function boardAnswer(doc: Doc<BoardView>): Answer<BoardDto> {
  return { body: boardBody(doc.value, doc.position), etag: documentEtag(doc.position) };
}

export async function boardActivity(
  context: QueryContext,
  boardId: string,
  page: Pick<PageQuery, 'cursor' | 'limit'>,
): Promise<Answer<ActivityPageDto>> {
  await visibleBoard(context, boardId);
  return scopeActivity(context.store, 'board', boardId, page);
}

export type BoardSearch = Omit<BoardSearchQuery, 'minPosition'>;

/** A hit's place on the board: its card's order key, then its own. */
type Place = [string, string, string, string];
const placeCursor = cursorCodec(z.tuple([z.string(), z.string(), z.string(), z.string()]));
const comparePlaces = (a: Place, b: Place) =>
  comparePositions({ position: a[0], id: a[1] }, { position: b[0], id: b[1] }) ||
  comparePositions({ position: a[2], id: a[3] }, { position: b[2], id: b[3] });

type Hit = Readonly<{ card: CardView; task: TaskSummary }>;

const folded = (value: string) => value.normalize('NFC').toLowerCase();

function matcher(
  search: BoardSearch,
  now: number,
  inDetails: ReadonlySet<string>,
): (task: TaskSummary) => boolean {
  const text = search.text === undefined ? undefined : folded(search.text);
  const label = search.label === undefined ? undefined : nameKey(search.label);
  const assignee = search.assigneeId?.toLowerCase();
  const due = search.due;
  return (task) =>
    (text === undefined ||
      folded(task.title).includes(text) ||
      task.labels.some((l) => folded(l).includes(text)) ||
      inDetails.has(task.taskId)) &&
    (label === undefined || task.labels.some((l) => nameKey(l) === label)) &&
    (assignee === undefined || task.assigneeId?.toLowerCase() === assignee) &&
    (due === undefined || matchesDue(task.dueDate, due, now));
}

/** Tasks of the board matching every filter given (none: all of them), in board order. */
export function searchIn(
  view: BoardView,
  search: BoardSearch,
  now: number,
  inDetails: ReadonlySet<string> = new Set(),
) {
  const matches = matcher(search, now, inDetails);
  const hits: Hit[] = view.cards.flatMap((card) =>
    card.tasks.filter(matches).map((task) => ({ card, task })),
  );
  return pageOf(hits, {
    keyOf: ({ card, task }): Place => [card.position, card.cardId, task.position, task.taskId],
    compare: comparePlaces,
    after: placeCursor.decode(search.cursor),
    limit: search.limit,
    encode: placeCursor.encode,
  });
}

/**
 * The board's tasks whose description or a comment holds `text`: the board document carries
 * neither, so the search reads the board's task documents (only when it searches text). They
 * come back too, since the answer now depends on them.
 */
async function detailsHolding(context: QueryContext, boardId: string, text: string | undefined) {
  if (text === undefined) return { ids: new Set<string>(), docs: [] };
  const wanted = folded(text);
  const docs = await context.store.find<TaskDetails>('tasks', { boardId });
  const ids = new Set(
    docs
      .filter(({ value }) =>
        [value.description, ...value.comments.map((c) => c.text)].some((part) =>
          folded(part).includes(wanted),
        ),
      )
      .map((d) => d.value.taskId),
  );
  return { ids, docs };
}

export async function searchBoard(
  context: QueryContext,
  boardId: string,
  search: BoardSearch,
): Promise<Answer<BoardSearchDto>> {
  const doc = await visibleBoard(context, boardId);
  const details = await detailsHolding(context, boardId, search.text);
  const page = searchIn(doc.value, search, context.now, details.ids);
  const items = page.items.map(
    ({ card, task }): TaskHitDto => ({
      ...taskDto(task),
      cardId: card.cardId,
      cardName: card.name,
      cardType: card.type,
    }),
  );
  return {
    body: { boardId, items, nextCursor: page.nextCursor, globalPosition: doc.position },
    // Every hit is drawn from the board document; the ids say which matched (due filters move
    // with the clock, the document does not).
    etag: compositeEtag(
      [doc, ...details.docs],
      items.map((item) => item.taskId),
    ),
  };
}
