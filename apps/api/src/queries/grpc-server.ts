import {
  Server,
  ServerCredentials,
  type ServerUnaryCall,
  type sendUnaryData,
  status,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import {
  BoardParams,
  BoardSearchQuery,
  MyTasksQuery,
  type Scope,
  TaskParams,
} from '@taskomask/contracts';
import type { ReadStoreCatalog } from '@taskomask/readstore';
import type { FastifyBaseLogger } from 'fastify';
import {
  type BearerAuth,
  type BearerAuthOptions,
  bearerAuth,
  insufficientScope,
} from '../http/auth';
import { problemOf } from '../http/error-handler';
import { parseOrThrow } from '../http/parse';
import type { ProblemKind } from '../http/problem';
import type { QueryContext } from './access';
import { board, searchBoard } from './boards';
import { followCurrentGeneration } from './current-generation';
import { queryServices } from './grpc-proto';
import { readAt } from './read-position';
import { myTasks, task } from './tasks';

export type GrpcQueriesOptions = Readonly<{
  /** 0 picks a free port. */
  port: number;
  /** Interface to listen on; 127.0.0.1 by default. */
  host?: string;
  catalog: ReadStoreCatalog;
  auth: BearerAuth | BearerAuthOptions;
  /** Insecure (plaintext, for inside the cluster) unless given. */
  credentials?: ServerCredentials;
  logger?: FastifyBaseLogger;
  minPositionWaitMs?: number;
  switchCheckMs?: number;
  now?: () => number;
}>;

export type GrpcQueries = Readonly<{
  port: number;
  /** Waits for calls in flight, then stops. */
  close(): Promise<void>;
}>;

type ReadReply = Readonly<{ readPosition: number; stale: boolean }>;

const statusOfProblem: Partial<Record<ProblemKind, status>> = {
  unauthorized: status.UNAUTHENTICATED,
  'insufficient-scope': status.PERMISSION_DENIED,
  forbidden: status.PERMISSION_DENIED,
  validation: status.INVALID_ARGUMENT,
  'not-found': status.NOT_FOUND,
  unavailable: status.UNAVAILABLE,
};

/** Numbers that mean "not given" in proto3 (0) become undefined. */
const given = (value: number | undefined) =>
  value === undefined || value === 0 ? undefined : value;

/**
 * BoardQueries and TaskQueries over gRPC, with the same token, scopes, membership checks and
 * read-your-writes wait as the REST side. Errors map to status codes: UNAUTHENTICATED,
 * PERMISSION_DENIED (scope), INVALID_ARGUMENT, NOT_FOUND (unknown or another workspace's id),
 * UNAVAILABLE (read store or identity provider down), INTERNAL.
 */
export async function startGrpcQueries(options: GrpcQueriesOptions): Promise<GrpcQueries> {
  const services = queryServices();
  const auth = 'verify' in options.auth ? options.auth : bearerAuth(options.auth);
  const generation = followCurrentGeneration(
    options.catalog,
    options.switchCheckMs === undefined ? {} : { switchCheckMs: options.switchCheckMs },
  );
  const waitMs = options.minPositionWaitMs;
  const now = options.now ?? Date.now;
  const logger = options.logger;

  function unary<Request extends { minPosition?: number }>(
    scope: Scope,
    answer: (context: QueryContext, request: Request) => Promise<object>,
  ) {
    return (call: ServerUnaryCall<Request, unknown>, callback: sendUnaryData<unknown>) => {
      const started = performance.now();
      let userId: string | undefined;
      // One line per call, as the REST side writes one per request.
      const logged = (code: status) => {
        const correlationId = call.metadata.get('x-correlation-id')[0];
        logger?.[code === status.INTERNAL ? 'error' : 'info'](
          {
            method: 'gRPC',
            route: call.getPath(),
            grpcCode: status[code],
            durationMs: Math.round((performance.now() - started) * 1000) / 1000,
            ...(typeof correlationId === 'string' ? { correlationId } : {}),
            ...(userId === undefined ? {} : { userId }),
          },
          'request completed',
        );
      };
      void (async () => {
        const header = call.metadata.get('authorization')[0];
        const principal = await auth.verify(typeof header === 'string' ? header : undefined);
        userId = principal.userId;
        if (!principal.scopes.has(scope)) throw insufficientScope(scope);
        const read = await readAt(
          generation,
          given(call.request.minPosition),
          waitMs === undefined ? {} : { waitMs },
        );
        const reply = await answer(
          { store: read.store, userId: principal.userId, now: now() },
          call.request,
        );
        const info: ReadReply = { readPosition: read.position, stale: read.stale };
        callback(null, { ...reply, ...info });
        logged(status.OK);
      })().catch((error: unknown) => {
        const problem = problemOf(error);
        const code = statusOfProblem[problem.kind] ?? status.INTERNAL;
        if (code === status.INTERNAL) {
          logger?.error({ err: problem.cause ?? error, path: call.getPath() }, 'gRPC call failed');
        }
        callback({ code, details: problem.message });
        logged(code);
      });
    };
  }

  type BoardRequest = { boardId: string; minPosition?: number };
  type SearchRequest = BoardRequest & {
    text?: string;
    label?: string;
    assigneeId?: string;
    due?: string;
    cursor?: string;
    limit?: number;
  };
  type TaskRequest = { taskId: string; minPosition?: number };
  type MyTasksRequest = { due?: string; cursor?: string; limit?: number; minPosition?: number };

  const boardQueries: UntypedServiceImplementation = {
    GetBoard: unary<BoardRequest>('boards:read', async (context, request) => {
      const { boardId } = parseOrThrow(BoardParams, { boardId: request.boardId }, 'request');
      return { board: (await board(context, boardId)).body };
    }),
    SearchBoard: unary<SearchRequest>('boards:read', async (context, request) => {
      const { boardId } = parseOrThrow(BoardParams, { boardId: request.boardId }, 'request');
      const { minPosition: _, ...search } = parseOrThrow(
        BoardSearchQuery,
        {
          text: request.text,
          label: request.label,
          assigneeId: request.assigneeId,
          due: request.due,
          cursor: request.cursor,
          limit: given(request.limit),
        },
        'request',
      );
      return (await searchBoard(context, boardId, search)).body;
    }),
  };
  const taskQueries: UntypedServiceImplementation = {
    GetTask: unary<TaskRequest>('tasks:read', async (context, request) => {
      const { taskId } = parseOrThrow(TaskParams, { taskId: request.taskId }, 'request');
      return { task: (await task(context, taskId)).body };
    }),
    MyTasks: unary<MyTasksRequest>('tasks:read', async (context, request) => {
      const { minPosition: _, ...options } = parseOrThrow(
        MyTasksQuery,
        { due: request.due, cursor: request.cursor, limit: given(request.limit) },
        'request',
      );
      return (await myTasks(context, options)).body;
    }),
  };

  const server = new Server();
  server.addService(services.BoardQueries.service, boardQueries);
  server.addService(services.TaskQueries.service, taskQueries);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(
      `${options.host ?? '127.0.0.1'}:${options.port}`,
      options.credentials ?? ServerCredentials.createInsecure(),
      (error, bound) => (error ? reject(error) : resolve(bound)),
    );
  });
  return {
    port,
    async close() {
      await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
      await generation.close();
    },
  };
}
