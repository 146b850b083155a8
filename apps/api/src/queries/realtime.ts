import {
  boardNoticesChannel,
  committedChannel,
  decodeNoticeMessage,
  inboxNoticesChannel,
  memberNoticesChannel,
} from '@taskomask/contracts/realtime';
import type { Logger, Registry } from '@taskomask/observability';
import type { ReadStoreCatalog } from '@taskomask/readstore';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { deactivatedOwners } from '../http/account-status';
import type { BearerAuth } from '../http/auth';
import { attachRealtime, readStoreMemberships } from '../realtime/index';
import type { CommitSignal } from './commit-signal';
import type { QueryConfig } from './config';
import { followCurrentGeneration } from './current-generation';

/**
 * Socket.IO on the query side's port, when REALTIME_SECRET is set. With REALTIME_REDIS_URL the
 * rooms are shared between instances and the projectors' notices arrive over Redis; each
 * instance hands them to its own sockets, drops its own sockets of a removed member and tells
 * its own sockets of a member their new role.
 */
export async function startRealtime(
  app: FastifyInstance,
  config: Pick<QueryConfig, 'REALTIME_SECRET' | 'REALTIME_REDIS_URL' | 'REALTIME_CORS_ORIGINS'>,
  {
    catalog,
    auth,
    metrics,
    commits,
    log,
  }: {
    catalog: ReadStoreCatalog;
    auth: BearerAuth;
    metrics?: Registry;
    /** Told of each commit notice (the Redis channel), so minPosition waits wake on it. */
    commits?: CommitSignal;
    /** Where notice-handling and sweep failures go (they were swallowed). */
    log?: Pick<Logger, 'error' | 'warn'>;
  },
): Promise<{ close(): Promise<void>; ready(): Promise<void> } | undefined> {
  if (!config.REALTIME_SECRET) return undefined;
  const current = followCurrentGeneration(catalog);
  await app.ready();
  const realtime = attachRealtime(app.server, {
    auth,
    ticketSecret: config.REALTIME_SECRET,
    memberships: readStoreMemberships(() => current.store()),
    deactivated: async () => deactivatedOwners(await current.store()),
    onSweepError: (error) =>
      log?.warn({ err: error }, 'revoked-socket sweep failed; next one retries'),
    corsOrigins: config.REALTIME_CORS_ORIGINS,
    ...(config.REALTIME_REDIS_URL ? { redisUrl: config.REALTIME_REDIS_URL } : {}),
    ...(metrics === undefined ? {} : { metrics }),
  });
  let subscriber: Redis | undefined;
  if (config.REALTIME_REDIS_URL) {
    subscriber = new Redis(config.REALTIME_REDIS_URL);
    // ioredis reconnects and subscribes again by itself; without a listener it prints every
    // reconnect attempt of a Redis outage as an unhandled error.
    subscriber.on('error', () => undefined);
    // One at a time, in the order published: a removal is sent before the same batch's board
    // notices, and the removed member's sockets must have left before those are emitted.
    let handled: Promise<void> = Promise.resolve();
    // A message that is not a valid notice list is dropped, and logged: notices are hints
    // (clients refetch), but a projector writing what we cannot read deserves a line.
    const handle = async (channel: string, message: string) => {
      const decoded = decodeNoticeMessage(channel, message);
      if (decoded === undefined) throw new Error(`not a valid notice message on ${channel}`);
      if (decoded.channel === memberNoticesChannel) {
        await realtime.localNotifier.membershipsChanged(decoded.notices);
      } else if (decoded.channel === boardNoticesChannel) {
        await realtime.localNotifier.boardChanged(decoded.notices);
      } else if (decoded.channel === inboxNoticesChannel) {
        await realtime.localNotifier.inboxChanged(decoded.notices);
      } else if (decoded.channel === committedChannel) {
        commits?.committed(decoded.committed.position);
      }
    };
    subscriber.on('message', (channel: string, message: string) => {
      handled = handled
        .then(() => handle(channel, message))
        .catch((error: unknown) => {
          // The next notice is still handled; this one's sockets refetch on the next gap.
          log?.error({ err: error, channel }, 'realtime notice handling failed');
        });
    });
    await subscriber.subscribe(
      boardNoticesChannel,
      memberNoticesChannel,
      inboxNoticesChannel,
      ...(commits === undefined ? [] : [committedChannel]),
    );
  }
  return {
    // Without its Redis the instance misses other instances' rooms and every projector notice.
    async ready() {
      if (subscriber !== undefined && subscriber.status !== 'ready') {
        throw new Error(`realtime Redis is ${subscriber.status}`);
      }
    },
    async close() {
      subscriber?.disconnect();
      await realtime.close();
      await current.close();
    },
  };
}
