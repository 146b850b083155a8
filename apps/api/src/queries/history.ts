import {
  type BoardDto,
  type BoardHistoryDto,
  type HistoryQuery,
  type Moment,
  parseMoment,
  type TaskDto,
} from '@taskomask/contracts';
import {
  activityEntry,
  evolveBoardView,
  evolveTaskDetails,
  initialBoardView,
  initialTaskDetails,
} from '@taskomask/domain';
import {
  type HistoryScope,
  historyPage,
  historySubject,
  type OpenedHistory,
  openHistory,
  positionAtTime,
  stateAt,
  subjectOf,
  type TaskDoc,
} from '@taskomask/read-models';
import { invalidFields } from '../http/problem';
import { notFound, type QueryContext, roleIn } from './access';
import { activityPage } from './activity';
import type { Answer } from './answer';
import { boardBody } from './boards';
import { compositeEtag } from './etag';
import { idsInActivity, peopleMap } from './people';
import { taskActivityFirstPage } from './tasks';

// Time travel: a board or a task as it was at a moment, from the history read model (nearest
// snapshot + the events after it). Never through the board answer cache: that one holds the
// live board. Membership is today's; the subject must have been live at the moment asked.

function momentOf(at: string): Moment {
  const moment = parseMoment(at);
  // The route's schema refused anything else; this guards a caller that skipped it.
  if (moment === undefined) {
    throw invalidFields([{ field: 'at', reason: 'must be a global position or an ISO-8601 time' }]);
  }
  return moment;
}

async function positionFor(
  context: QueryContext,
  scope: HistoryScope,
  id: string,
  moment: Moment,
  opened?: OpenedHistory,
): Promise<number | undefined> {
  if ('position' in moment) return moment.position;
  return positionAtTime(context.store, scope, id, moment.time, opened);
}

/** The subject's history, if the caller is a member of its workspace today. */
async function visibleHistory(context: QueryContext, scope: HistoryScope, id: string) {
  const opened = await openHistory(context.store, scope, id);
  if (opened === undefined || (await roleIn(context, opened.head.workspaceId)) === undefined) {
    throw notFound(scope, id);
  }
  return opened;
}

const momentEtag = (position: number) => `"${position}-at"`;

export async function boardAt(
  context: QueryContext,
  boardId: string,
  at: string,
): Promise<Answer<BoardDto>> {
  const moment = momentOf(at);
  const opened = await visibleHistory(context, 'board', boardId);
  const position = await positionFor(context, 'board', boardId, moment, opened);
  if (position === undefined) throw notFound('board', boardId);
  const found = await stateAt(
    context.store,
    'board',
    boardId,
    position,
    initialBoardView(boardId),
    evolveBoardView,
    opened,
  );
  const view = found?.state;
  if (view === undefined || view.status !== 'active') throw notFound('board', boardId);
  return {
    body: {
      ...boardBody(view, view.lastGlobalPosition),
      asOf: { position: view.lastGlobalPosition, time: view.updatedAt ?? '' },
    },
    etag: momentEtag(view.lastGlobalPosition),
  };
}

export async function taskAt(
  context: QueryContext,
  taskId: string,
  at: string,
): Promise<Answer<TaskDto>> {
  const moment = momentOf(at);
  const opened = await visibleHistory(context, 'task', taskId);
  const subject = subjectOf(opened.head);
  const position = await positionFor(context, 'task', taskId, moment, opened);
  if (position === undefined) throw notFound('task', taskId);
  const [found, board, live] = await Promise.all([
    stateAt(context.store, 'task', taskId, position, initialTaskDetails(taskId), evolveTaskDetails),
    historySubject(context.store, 'board', subject.boardId),
    context.store.get<TaskDoc>('tasks', taskId),
  ]);
  const details = found?.state;
  if (details === undefined || details.status !== 'active') throw notFound('task', taskId);
  // The board must have been live then too: deleted at or before the moment, the task went.
  if (board?.deletedAt != null) {
    const boardPosition = await positionFor(context, 'board', subject.boardId, moment);
    if (boardPosition === undefined || board.deletedAt <= boardPosition) {
      throw notFound('task', taskId);
    }
  }
  const { status: _status, lastGlobalPosition, ...rest } = details;
  // The task document keeps its whole activity: the lines up to the moment are its history then.
  const activity = (live?.value.activity ?? []).filter((e) => e.globalPosition <= position);
  const first = activityPage(activity, { cursor: undefined, limit: taskActivityFirstPage });
  const { people, docs } = await peopleMap(context.store, [
    rest.createdBy,
    ...(rest.assigneeId === null ? [] : [rest.assigneeId]),
    ...rest.comments.map((c) => c.authorId),
    ...idsInActivity(first.items),
  ]);
  return {
    body: {
      ...rest,
      labels: [...rest.labels],
      checklist: [...rest.checklist],
      comments: [...rest.comments],
      globalPosition: lastGlobalPosition,
      activity: first.items,
      activityNextCursor: first.nextCursor,
      people,
      asOf: { position: lastGlobalPosition, time: rest.updatedAt ?? '' },
    },
    etag: compositeEtag([{ id: `at-${taskId}`, position: lastGlobalPosition }, ...docs], []),
  };
}

/**
 * A board's change points, newest first: every event of the board or its tasks that has an
 * activity line (the registry events repeating a task's own are folded, not listed). Members
 * only; a deleted board's history stays readable, as its past moments do.
 */
export async function boardHistory(
  context: QueryContext,
  boardId: string,
  { before, limit }: Pick<HistoryQuery, 'before' | 'limit'>,
): Promise<Answer<BoardHistoryDto>> {
  const opened = await visibleHistory(context, 'board', boardId);
  const page = await historyPage(
    context.store,
    'board',
    boardId,
    {
      ...(before === undefined ? {} : { before }),
      limit,
      keep: (event) => activityEntry(event) !== null,
    },
    opened,
  );
  if (page === undefined) throw notFound('board', boardId);
  const lines = page.events.map((event) => ({ event, entry: activityEntry(event)! }));
  const { people, docs } = await peopleMap(context.store, idsInActivity(lines.map((l) => l.entry)));
  const items = lines.map(({ event, entry }) => ({
    position: event.globalPosition,
    time: event.occurredAt,
    actorId: entry.actorId,
    actorName: people[entry.actorId] ?? '',
    kind: entry.kind,
    summary: entry.text,
    taskId: entry.taskId,
    commandId: event.metadata.causationId,
  }));
  return {
    body: { boardId, items, nextBefore: page.nextBefore, people },
    etag: compositeEtag(docs, [
      ...items.map((i) => String(i.position)),
      `before:${before ?? ''}`,
      `next:${page.nextBefore}`,
    ]),
  };
}
