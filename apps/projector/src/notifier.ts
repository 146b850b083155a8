import {
  boardNoticesChannel,
  type Committed,
  committedChannel,
  inboxNoticesChannel,
  memberNoticesChannel,
} from '@taskomask/contracts/realtime';
import type { RealtimeNotifier } from '@taskomask/read-models';
import { Redis } from 'ioredis';

/**
 * Distributed mode: the projector has no Socket.IO server of its own, so it publishes each
 * batch's notices on a Redis channel; every query-side instance subscribes and emits them to its
 * own sockets. A notice is a hint (clients refetch on a gap), so pub/sub's at-most-once is enough.
 */
export function redisNotifier(redis: {
  publish(channel: string, message: string): Promise<unknown>;
}): RealtimeNotifier {
  return {
    async boardChanged(notices) {
      await redis.publish(boardNoticesChannel, JSON.stringify(notices));
    },
    async membershipsChanged(changes) {
      await redis.publish(memberNoticesChannel, JSON.stringify(changes));
    },
    async inboxChanged(changed) {
      await redis.publish(inboxNoticesChannel, JSON.stringify(changed));
    },
    async committed(position) {
      const committed: Committed = { position };
      await redis.publish(committedChannel, JSON.stringify(committed));
    },
  };
}

/**
 * The Redis client notices go out on. Bounded, because a notice is only a hint and the projector
 * waits for it: during an outage a publish fails at once (no offline queue, no retries) instead of
 * holding the batch for ioredis' 20 reconnect-retries, and a hung server answers within
 * `commandTimeoutMs`. It reconnects by itself; the notices lost meanwhile are refetched by clients.
 */
export function noticesRedis(url: string, { commandTimeoutMs = 1_000 } = {}): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: 2_000,
  });
  // Without a listener ioredis prints every reconnect attempt of an outage as unhandled.
  redis.on('error', () => undefined);
  return redis;
}
