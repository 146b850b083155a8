import {
  ActivityPageDto,
  AgingDto,
  BoardCsvDto,
  BoardDto,
  BoardHistoryDto,
  BoardParams,
  BoardSearchDto,
  BoardSearchQuery,
  CfdDto,
  CfdQuery,
  CycleTimesDto,
  HistoryQuery,
  InboxDto,
  InboxQuery,
  InsightsQuery,
  MomentQuery,
  MyInvitationsDto,
  MyTasksDto,
  MyTasksQuery,
  MyWorkspacesDto,
  PageQuery,
  ProjectBoardsDto,
  ProjectParams,
  ReadQuery,
  type Scope,
  TaskDto,
  TaskParams,
  ThroughputDto,
  ThroughputQuery,
  WebhookDeliveryListDto,
  WebhookListDto,
  WebhookParams,
  WorkspaceDto,
  WorkspaceExportDto,
  WorkspaceParams,
} from '@taskomask/contracts';
import { z } from 'zod';
import type { QueryContext } from './access';
import type { Answer } from './answer';
import { board, boardActivity, searchBoard } from './boards';
import { boardCsv, workspaceExport } from './exports';
import { boardAt, boardHistory, taskAt } from './history';
import { myInbox } from './inbox';
import { agingOf, cfd, cycleTimesOf, throughputOf } from './insights';
import { myTasks, task, taskActivity } from './tasks';
import { listWebhookDeliveries, listWebhooks } from './webhooks';
import {
  myInvitations,
  myWorkspaces,
  projectBoards,
  workspace,
  workspaceActivity,
} from './workspaces';

/** One GET endpoint of the query side: what it parses, what it needs, what it answers. */
export type QueryRoute = Readonly<{
  url: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: 'workspaces' | 'boards' | 'tasks' | 'inbox' | 'webhooks';
  scope: Scope;
  params: z.ZodObject;
  query: z.ZodObject;
  response: z.ZodType;
  /** The media type of a download's body (its schema is `response`); JSON when absent. */
  contentType?: string;
  /** Also answers CSV with a header row when the request prefers `text/csv` (Accept). */
  csv?: boolean;
  run: (context: QueryContext, params: never, query: never) => Promise<Answer<unknown>>;
}>;

/** Keeps `run` typed by the schemas it is given, then forgets the types for the route table. */
function route<P extends z.ZodObject, Q extends z.ZodObject>(
  definition: Omit<QueryRoute, 'params' | 'query' | 'run'> & {
    params: P;
    query: Q;
    run: (context: QueryContext, params: z.infer<P>, query: z.infer<Q>) => Promise<Answer<unknown>>;
  },
): QueryRoute {
  return definition as unknown as QueryRoute;
}

const NoParams = z.strictObject({});

const insightsDescription =
  "Exact from the board's events, in the board's time zone. A card counts as waiting, started or done as an owner or admin set it, else as its type says (Doing: started, Done: done). A task is done while it is on a done card, done at its last arrival there; it started at its first arrival on a started or done card. Deleted tasks leave the charts from their deletion. With `Accept: text/csv` the answer is CSV with a header row.";

export const queryRoutes: readonly QueryRoute[] = [
  route({
    url: '/workspaces',
    operationId: 'listMyWorkspaces',
    summary: 'The caller’s workspaces, with their role in each',
    tag: 'workspaces',
    scope: 'workspaces:read',
    params: NoParams,
    query: PageQuery,
    response: MyWorkspacesDto,
    run: (context, _, query) => myWorkspaces(context, query),
  }),
  route({
    url: '/me/invitations',
    operationId: 'listMyInvitations',
    summary: 'Invitations pending for the caller’s account email',
    description:
      'Matched by the account’s current email. Registering with an invited address accepts its invitations; an existing account accepts or declines each.',
    tag: 'workspaces',
    scope: 'workspaces:read',
    params: NoParams,
    query: ReadQuery,
    response: MyInvitationsDto,
    run: (context) => myInvitations(context),
  }),
  route({
    url: '/workspaces/:workspaceId',
    operationId: 'getWorkspace',
    summary: 'A workspace: projects, their boards, members with roles',
    tag: 'workspaces',
    scope: 'workspaces:read',
    params: WorkspaceParams,
    query: ReadQuery,
    response: WorkspaceDto,
    run: (context, { workspaceId }) => workspace(context, workspaceId),
  }),
  route({
    url: '/workspaces/:workspaceId/activity',
    operationId: 'getWorkspaceActivity',
    summary: 'A workspace’s latest activity, newest first',
    tag: 'workspaces',
    scope: 'workspaces:read',
    params: WorkspaceParams,
    query: PageQuery,
    response: ActivityPageDto,
    run: (context, { workspaceId }, query) => workspaceActivity(context, workspaceId, query),
  }),
  route({
    url: '/workspaces/:workspaceId/export',
    operationId: 'exportWorkspace',
    summary: 'The whole workspace as one versioned JSON document, to save or import elsewhere',
    description:
      'Projects, boards, cards, tasks with checklists, comments and labels, members with their names and roles — as a file (`Content-Disposition: attachment`). Any member, viewers too. The same data exports to the same bytes.',
    tag: 'workspaces',
    scope: 'workspaces:read',
    params: WorkspaceParams,
    query: ReadQuery,
    response: WorkspaceExportDto,
    run: (context, { workspaceId }) => workspaceExport(context, workspaceId),
  }),
  route({
    url: '/workspaces/:workspaceId/projects/:projectId/boards',
    operationId: 'listProjectBoards',
    summary: 'The live boards of a project, in the order they were added',
    tag: 'boards',
    scope: 'boards:read',
    params: ProjectParams,
    query: ReadQuery,
    response: ProjectBoardsDto,
    run: (context, { workspaceId, projectId }) => projectBoards(context, workspaceId, projectId),
  }),
  route({
    url: '/boards/:boardId',
    operationId: 'getBoard',
    summary: 'A board: its cards in order, each with its tasks in order',
    description:
      'With `at`: the board exactly as it was at that global position or time (read-only), plus `asOf`. Membership is checked against today; a deleted board answers at a moment it was live; a moment before it existed answers 404.',
    tag: 'boards',
    scope: 'boards:read',
    params: BoardParams,
    query: MomentQuery,
    response: BoardDto,
    run: (context, { boardId }, { at }) =>
      at === undefined ? board(context, boardId) : boardAt(context, boardId, at),
  }),
  route({
    url: '/boards/:boardId/history',
    operationId: 'getBoardHistory',
    summary: 'A board’s change points, newest first: position, time, actor, summary, command id',
    description:
      'Every change of the board or of its tasks; pass an item’s `position` as `at` to GET /boards/{boardId} to see the board right after it. Pages with `before` (`nextBefore`). A deleted board’s history stays readable to members.',
    tag: 'boards',
    scope: 'boards:read',
    params: BoardParams,
    query: HistoryQuery,
    response: BoardHistoryDto,
    run: (context, { boardId }, query) => boardHistory(context, boardId, query),
  }),
  route({
    url: '/boards/:boardId/activity',
    operationId: 'getBoardActivity',
    summary: 'A board’s latest activity (its tasks’ included), newest first',
    tag: 'boards',
    scope: 'boards:read',
    params: BoardParams,
    query: PageQuery,
    response: ActivityPageDto,
    run: (context, { boardId }, query) => boardActivity(context, boardId, query),
  }),
  route({
    url: '/boards/:boardId/search',
    operationId: 'searchBoard',
    summary: 'Tasks of a board by title text, label, assignee and due date',
    description:
      'Every filter given must hold; without filters every task of the board is listed. Hits come in board order: by card, then by position in the card.',
    tag: 'boards',
    scope: 'boards:read',
    params: BoardParams,
    query: BoardSearchQuery,
    response: BoardSearchDto,
    run: (context, { boardId }, { minPosition: _, ...search }) =>
      searchBoard(context, boardId, search),
  }),
  route({
    url: '/boards/:boardId/export.csv',
    operationId: 'exportBoardCsv',
    summary: 'A board as CSV for spreadsheet programs, one row per task in board order',
    description:
      'UTF-8 with a byte order mark, RFC 4180 quoting; cells that would start a formula are prefixed with an apostrophe. Sent as a file (`Content-Disposition: attachment`).',
    tag: 'boards',
    scope: 'boards:read',
    params: BoardParams,
    query: ReadQuery,
    response: BoardCsvDto,
    contentType: 'text/csv',
    run: (context, { boardId }) => boardCsv(context, boardId),
  }),
  route({
    url: '/boards/:boardId/insights/cfd',
    operationId: 'getBoardCumulativeFlow',
    summary: 'Cumulative flow: per day (or hour), the tasks on each card at its end',
    description: insightsDescription,
    tag: 'boards',
    scope: 'boards:read',
    params: BoardParams,
    query: CfdQuery,
    response: CfdDto,
    csv: true,
    run: (context, { boardId }, { minPosition: _, ...query }) => cfd(context, boardId, query),
  }),
  route({
    url: '/boards/:boardId/insights/cycle-times',
    operationId: 'getBoardCycleTimes',
    summary: 'Cycle and lead time of each task done in the range, with percentiles',
    description: insightsDescription,
    tag: 'boards',
    scope: 'boards:read',
    params: BoardParams,
    query: InsightsQuery,
    response: CycleTimesDto,
    csv: true,
    run: (context, { boardId }, query) => cycleTimesOf(context, boardId, query),
  }),
  route({
    url: '/boards/:boardId/insights/throughput',
    operationId: 'getBoardThroughput',
    summary: 'Tasks done per week (or day)',
    description: insightsDescription,
    tag: 'boards',
    scope: 'boards:read',
    params: BoardParams,
    query: ThroughputQuery,
    response: ThroughputDto,
    csv: true,
    run: (context, { boardId }, { minPosition: _, ...query }) =>
      throughputOf(context, boardId, query),
  }),
  route({
    url: '/boards/:boardId/insights/aging',
    operationId: 'getBoardAgingWork',
    summary: 'Work in progress by age since it started, against the 85th-percentile cycle time',
    description: insightsDescription,
    tag: 'boards',
    scope: 'boards:read',
    params: BoardParams,
    query: InsightsQuery,
    response: AgingDto,
    csv: true,
    run: (context, { boardId }, query) => agingOf(context, boardId, query),
  }),
  route({
    url: '/tasks/:taskId',
    operationId: 'getTask',
    summary: 'A task: details, checklist, comments and the first page of its history',
    description:
      'With `at`: the task exactly as it was at that global position or time (comments and checklist then, history up to then), plus `asOf`.',
    tag: 'tasks',
    scope: 'tasks:read',
    params: TaskParams,
    query: MomentQuery,
    response: TaskDto,
    run: (context, { taskId }, { at }) =>
      at === undefined ? task(context, taskId) : taskAt(context, taskId, at),
  }),
  route({
    url: '/tasks/:taskId/activity',
    operationId: 'getTaskActivity',
    summary: 'A task’s whole history, newest first',
    tag: 'tasks',
    scope: 'tasks:read',
    params: TaskParams,
    query: PageQuery,
    response: ActivityPageDto,
    run: (context, { taskId }, query) => taskActivity(context, taskId, query),
  }),
  route({
    url: '/me/tasks',
    operationId: 'listMyTasks',
    summary: 'Tasks assigned to the caller across boards, soonest due first',
    description:
      'Only from workspaces the caller is still a member of, on boards not deleted; deleted tasks never show.',
    tag: 'tasks',
    scope: 'tasks:read',
    params: NoParams,
    query: MyTasksQuery,
    response: MyTasksDto,
    run: (context, _, query) => myTasks(context, query),
  }),
  route({
    url: '/me/inbox',
    operationId: 'getMyInbox',
    summary: 'The caller’s notifications, newest first, with the unread count',
    description:
      'Assignments, mentions, comments on their tasks, their tasks moved to Done and invitations, of the last 90 days; only from workspaces the caller is still a member of (invitations excepted).',
    tag: 'inbox',
    scope: 'tasks:read',
    params: NoParams,
    query: InboxQuery,
    response: InboxDto,
    run: (context, _, query) => myInbox(context, query),
  }),
  route({
    url: '/workspaces/:workspaceId/webhooks',
    operationId: 'listWebhooks',
    summary: 'A workspace’s webhooks (owners and admins; secrets masked)',
    tag: 'webhooks',
    scope: 'workspaces:read',
    params: WorkspaceParams,
    query: ReadQuery,
    response: WebhookListDto,
    run: (context, { workspaceId }) => listWebhooks(context, workspaceId),
  }),
  route({
    url: '/workspaces/:workspaceId/webhooks/:webhookId/deliveries',
    operationId: 'listWebhookDeliveries',
    summary: 'A webhook’s delivery log, newest first: status, response, duration, next try',
    tag: 'webhooks',
    scope: 'workspaces:read',
    params: WebhookParams,
    query: ReadQuery,
    response: WebhookDeliveryListDto,
    run: (context, { workspaceId, webhookId }) =>
      listWebhookDeliveries(context, workspaceId, webhookId),
  }),
];
