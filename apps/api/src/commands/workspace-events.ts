import { Readable } from 'node:stream';
import { WorkspaceEventsNdjsonDto, WorkspaceParams } from '@taskomask/contracts';
import {
  can,
  evolveWorkspaceView,
  initialWorkspaceView,
  parseStreamName,
  type RecordedEvent,
  type Role,
  streamName,
} from '@taskomask/domain';
import type { FastifyInstance } from 'fastify';
import type { BearerAuth } from '../http/auth';
import { principalOf } from '../http/auth';
import { attachment, slugOf } from '../http/file-name';
import type { RouteDoc } from '../http/openapi';
import { parseOrThrow } from '../http/parse';
import { Problem } from '../http/problem';
import type { GuardedStore } from './event-store-guard';

// The event history is in the event store, which only the command side reads (the query side
// reads the read store alone), so this one GET lives here. Membership is checked against the
// event-sourced workspace, like every command.

const url = '/workspaces/:workspaceId/events.ndjson';
const scope = 'workspaces:read' as const;

/** The route, for tables of the command API's endpoints. */
export const workspaceEventsRoute = { method: 'GET', url, scope } as const;
const pageSize = 500;

type Store = Pick<GuardedStore, 'readStream' | 'readAll' | 'headPosition'>;

/** The caller's role in the live workspace, from its own stream; undefined for outsiders. */
async function roleIn(store: Store, workspaceId: string, userId: string) {
  const events = await store.readStream(streamName.workspace(workspaceId));
  const view = events.reduce(evolveWorkspaceView, initialWorkspaceView(workspaceId));
  if (view.status !== 'active') return undefined;
  return { name: view.name, role: view.members.find((m) => m.ownerId === userId)?.role as Role };
}

/** One line: the envelope without tracing internals; invitation addresses only for managers. */
function line(event: RecordedEvent, showEmails: boolean): string {
  const { email: _email, ...withoutEmail } = (event.data ?? {}) as Record<string, unknown>;
  const data = showEmails ? event.data : withoutEmail;
  return `${JSON.stringify({
    position: event.globalPosition,
    stream: event.streamName,
    version: event.streamVersion,
    type: event.type,
    occurredAt: event.occurredAt,
    data,
    metadata: {
      userId: event.metadata.userId,
      correlationId: event.metadata.correlationId,
      causationId: event.metadata.causationId,
    },
  })}\n`;
}

/**
 * The events of a workspace's streams in global order, up to `head`: its own stream, and every
 * board and task stream whose first event says it belongs to the workspace (BoardCreated,
 * TaskCreated carry `workspaceId`). Personal streams (owner, inbox) are not the workspace's.
 * The whole log is read, page by page, so deleted boards and tasks are found too.
 */
export async function* workspaceEvents(
  store: Pick<Store, 'readAll'>,
  workspaceId: string,
  head: number,
  showEmails: boolean,
): AsyncGenerator<string> {
  const streams = new Set([streamName.workspace(workspaceId)]);
  for (let from = 1; from <= head; ) {
    const page = await store.readAll({ fromPosition: from, limit: pageSize });
    if (page.length === 0) return;
    for (const event of page) {
      if (event.globalPosition > head) return;
      if (!streams.has(event.streamName) && event.streamVersion === 1) {
        const category = parseStreamName(event.streamName)?.category;
        const owner = (event.data as { workspaceId?: unknown } | null)?.workspaceId;
        if ((category === 'board' || category === 'task') && owner === workspaceId) {
          streams.add(event.streamName);
        }
      }
      if (streams.has(event.streamName)) yield line(event, showEmails);
    }
    from = page.at(-1)!.globalPosition + 1;
  }
}

export const workspaceEventsRouteDoc: RouteDoc = {
  method: 'GET',
  url,
  operationId: 'exportWorkspaceEvents',
  summary:
    'A workspace’s whole event history as NDJSON, in global order (served by the command API)',
  description:
    'One event per line — position, stream, version, type, occurredAt, data, metadata (userId, correlationId, causationId) — of the workspace’s own stream and of its boards’ and tasks’ streams, deleted ones included, up to the log’s head when the request came. Any member, viewers too; invitation addresses only for owners and admins. Streamed as a file (`Content-Disposition: attachment`).',
  tags: ['workspaces'],
  scope,
  params: WorkspaceParams,
  responses: {
    200: {
      description: 'the history',
      schema: WorkspaceEventsNdjsonDto,
      contentType: 'application/x-ndjson',
      headers: {
        'X-Head-Position': {
          description: 'The log’s head when the request came: the history goes up to it.',
          schema: { type: 'integer' },
        },
        'Content-Disposition': {
          description: '`attachment; filename="<workspace>.events.ndjson"`',
          schema: { type: 'string' },
        },
      },
    },
  },
  problems: [400, 401, 403, 404, 503],
};

export function registerWorkspaceEvents(
  app: FastifyInstance,
  { auth, store }: { auth: BearerAuth; store: Store },
): void {
  app.route({
    method: 'GET',
    url,
    onRequest: auth.require(scope),
    handler: async (request, reply) => {
      const { userId } = principalOf(request);
      const { workspaceId } = parseOrThrow(WorkspaceParams, request.params ?? {}, 'path');
      const found = await roleIn(store, workspaceId, userId);
      if (found?.role === undefined) {
        throw new Problem('not-found', `workspace ${workspaceId} not found`);
      }
      const head = await store.headPosition();
      reply.header('content-type', 'application/x-ndjson; charset=utf-8');
      reply.header(
        'content-disposition',
        attachment(`${slugOf(found.name, 'workspace')}.events.ndjson`),
      );
      reply.header('cache-control', 'private, no-store');
      reply.header('x-head-position', String(head));
      const showEmails = can(found.role, 'members:manage');
      return reply.send(Readable.from(workspaceEvents(store, workspaceId, head, showEmails)));
    },
  });
}
