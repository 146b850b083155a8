import {
  type ChannelCredentials,
  type Client,
  credentials,
  Metadata,
  type ServiceError,
} from '@grpc/grpc-js';
import type {
  ActivityEntryDto,
  BoardDto,
  BoardSearchDto,
  DueFilter,
  MyTaskDto,
  MyTasksDto,
  TaskDto,
  TaskHitDto,
  TaskSummaryDto,
} from '@taskomask/contracts';
import { queryServices } from './grpc-proto';

export type GrpcCallOptions = Readonly<{
  /** The caller's access token (sent as `authorization: Bearer <token>`). */
  token: string;
  /** A command's `position`: wait (bounded) until the read store has it. */
  minPosition?: number;
  /** 10 s by default. */
  deadlineMs?: number;
}>;

export type ReadInfo = Readonly<{
  /** The read store's position the answer reflects. */
  readPosition: number;
  /** True when `minPosition` was not reached within the server's wait. */
  stale: boolean;
}>;

export type SearchFilters = Readonly<{
  text?: string;
  label?: string;
  assigneeId?: string;
  due?: DueFilter;
  cursor?: string;
  limit?: number;
}>;

export type MyTasksFilters = Readonly<{ due?: DueFilter; cursor?: string; limit?: number }>;

/**
 * A typed client of BoardQueries and TaskQueries, answering the same shapes as the REST side
 * (absent optional fields become null). Failures reject with grpc-js's ServiceError: `code` is a
 * `status` (UNAUTHENTICATED, PERMISSION_DENIED, INVALID_ARGUMENT, NOT_FOUND, UNAVAILABLE).
 */
export type GrpcQueryClient = Readonly<{
  getBoard(boardId: string, options: GrpcCallOptions): Promise<ReadInfo & { board: BoardDto }>;
  searchBoard(
    boardId: string,
    filters: SearchFilters,
    options: GrpcCallOptions,
  ): Promise<ReadInfo & BoardSearchDto>;
  getTask(taskId: string, options: GrpcCallOptions): Promise<ReadInfo & { task: TaskDto }>;
  myTasks(filters: MyTasksFilters, options: GrpcCallOptions): Promise<ReadInfo & MyTasksDto>;
  close(): void;
}>;

// On the wire an absent `optional` field is missing rather than null.
type Wire<T, K extends keyof T> = Omit<T, K> & { [P in K]?: NonNullable<T[P]> | null };
type WireSummary = Wire<TaskSummaryDto, 'assigneeId' | 'dueDate'>;
type WireHit = Wire<TaskHitDto, 'assigneeId' | 'dueDate'>;
type WireActivity = Wire<ActivityEntryDto, 'workspaceId' | 'boardId' | 'taskId'>;
type WireCard = Omit<BoardDto['cards'][number], 'tasks'> & { tasks: WireSummary[] };
type WireBoard = Omit<Wire<BoardDto, 'updatedAt'>, 'cards'> & { cards: WireCard[] };
type WireTask = Omit<
  Wire<TaskDto, 'assigneeId' | 'dueDate' | 'updatedAt' | 'activityNextCursor'>,
  'comments' | 'activity'
> & {
  comments: Wire<TaskDto['comments'][number], 'editedAt'>[];
  activity: WireActivity[];
};
type WireMyTask = Wire<MyTaskDto, 'dueDate' | 'updatedAt'>;
type WirePage<T> = ReadInfo & { items: T[]; nextCursor?: string | null };

const orNull = <T>(value: T | null | undefined): T | null => value ?? null;

const summaryOf = (t: WireSummary): TaskSummaryDto => ({
  taskId: t.taskId,
  title: t.title,
  position: t.position,
  assigneeId: orNull(t.assigneeId),
  labels: t.labels,
  dueDate: orNull(t.dueDate),
  checklist: t.checklist ?? { done: 0, total: 0 },
  commentCount: t.commentCount,
});

const activityOf = (a: WireActivity): ActivityEntryDto => ({
  ...a,
  workspaceId: orNull(a.workspaceId),
  boardId: orNull(a.boardId),
  taskId: orNull(a.taskId),
});

const boardOf = (b: WireBoard): BoardDto => ({
  ...b,
  cards: b.cards.map((card) => ({ ...card, tasks: card.tasks.map(summaryOf) })),
  updatedAt: orNull(b.updatedAt),
});

const taskOf = (t: WireTask): TaskDto => ({
  ...t,
  assigneeId: orNull(t.assigneeId),
  dueDate: orNull(t.dueDate),
  updatedAt: orNull(t.updatedAt),
  comments: t.comments.map((c) => ({ ...c, editedAt: orNull(c.editedAt) })),
  activity: t.activity.map(activityOf),
  activityNextCursor: orNull(t.activityNextCursor),
});

type Unary = (
  request: object,
  metadata: Metadata,
  options: { deadline: number },
  callback: (error: ServiceError | null, reply: unknown) => void,
) => void;

function invoke<T>(client: Client, method: string, request: object, options: GrpcCallOptions) {
  const metadata = new Metadata();
  metadata.set('authorization', `Bearer ${options.token}`);
  const deadline = Date.now() + (options.deadlineMs ?? 10_000);
  const rpc = (client as unknown as Record<string, Unary>)[method]!.bind(client);
  return new Promise<T>((resolve, reject) => {
    rpc({ ...request, minPosition: options.minPosition ?? 0 }, metadata, { deadline }, (e, r) =>
      e ? reject(e) : resolve(r as T),
    );
  });
}

/** A client for the query side's gRPC services at `address` (`host:port`). */
export function grpcQueryClient(
  address: string,
  {
    channelCredentials = credentials.createInsecure(),
  }: { channelCredentials?: ChannelCredentials } = {},
): GrpcQueryClient {
  const services = queryServices();
  const boards = new services.BoardQueries(address, channelCredentials);
  const tasks = new services.TaskQueries(address, channelCredentials);
  return {
    async getBoard(boardId, options) {
      const reply = await invoke<ReadInfo & { board: WireBoard }>(
        boards,
        'GetBoard',
        { boardId },
        options,
      );
      return { board: boardOf(reply.board), readPosition: reply.readPosition, stale: reply.stale };
    },
    async searchBoard(boardId, filters, options) {
      const reply = await invoke<WirePage<WireHit> & { boardId: string; globalPosition: number }>(
        boards,
        'SearchBoard',
        { boardId, ...filters },
        options,
      );
      return {
        boardId: reply.boardId,
        items: reply.items.map((hit) => ({
          ...summaryOf(hit),
          cardId: hit.cardId,
          cardName: hit.cardName,
          cardType: hit.cardType,
        })),
        nextCursor: orNull(reply.nextCursor),
        globalPosition: reply.globalPosition,
        readPosition: reply.readPosition,
        stale: reply.stale,
      };
    },
    async getTask(taskId, options) {
      const reply = await invoke<ReadInfo & { task: WireTask }>(
        tasks,
        'GetTask',
        { taskId },
        options,
      );
      return { task: taskOf(reply.task), readPosition: reply.readPosition, stale: reply.stale };
    },
    async myTasks(filters, options) {
      const reply = await invoke<WirePage<WireMyTask>>(tasks, 'MyTasks', filters, options);
      return {
        items: reply.items.map((t) => ({
          ...t,
          dueDate: orNull(t.dueDate),
          updatedAt: orNull(t.updatedAt),
          checklist: t.checklist ?? { done: 0, total: 0 },
        })),
        nextCursor: orNull(reply.nextCursor),
        readPosition: reply.readPosition,
        stale: reply.stale,
      };
    },
    close() {
      boards.close();
      tasks.close();
    },
  };
}
