import { createHash } from 'node:crypto';
import {
  isWebhookEventKind,
  parseStreamName,
  type RecordedEvent,
  type WebhookEvent,
} from '@taskomask/domain';
import type { EventStore } from '@taskomask/eventstore';
import {
  DELIVERY_LOG_CAP,
  deliveryDocId,
  deliveryKeys,
  isOpenDelivery,
  type WebhookDeliveryDoc,
  type WebhookDoc,
} from '@taskomask/read-models';
import type { Doc, ReadStore } from '@taskomask/readstore';

/** What a receiver sees: stable for one event and one hook, so it can drop repeats. */
export function deliveryIdOf(event: RecordedEvent, webhookId: string): string {
  return createHash('sha256')
    .update(`${event.streamName}@${event.streamVersion}/${webhookId}`)
    .digest('hex')
    .slice(0, 32);
}

/** The JSON body of a delivery: the event as it happened, and where. */
export function payloadOf(
  deliveryId: string,
  event: RecordedEvent,
  workspaceId: string,
  boardId: string | null,
): string {
  return JSON.stringify({
    deliveryId,
    type: event.type,
    workspaceId,
    boardId,
    occurredAt: event.occurredAt,
    position: event.globalPosition,
    stream: event.streamName,
    version: event.streamVersion,
    actorId: event.metadata.userId,
    data: event.data,
  });
}

/**
 * Which workspace and board an event belongs to. Board and task events name their board; the
 * board's workspace is in its first event (BoardCreated), read once from the event store and
 * remembered (a board never changes workspace).
 */
export function workspaceResolver(eventStore: Pick<EventStore, 'readStream'>) {
  const boards = new Map<string, string | null>();
  const workspaceOfBoard = async (boardId: string): Promise<string | null> => {
    const known = boards.get(boardId);
    if (known !== undefined) return known;
    const [first] = await eventStore.readStream(`board-${boardId}`, { limit: 1 });
    const workspaceId = (first?.data as { workspaceId?: unknown } | undefined)?.workspaceId;
    const found = typeof workspaceId === 'string' ? workspaceId : null;
    if (boards.size > 100_000) boards.clear();
    boards.set(boardId, found);
    return found;
  };
  return async (
    event: RecordedEvent,
  ): Promise<{ workspaceId: string; boardId: string | null } | null> => {
    const stream = parseStreamName(event.streamName);
    const data = event.data as { boardId?: unknown; workspaceId?: unknown };
    if (stream?.category === 'workspace') return { workspaceId: stream.id, boardId: null };
    const boardId =
      stream?.category === 'board'
        ? stream.id
        : typeof data.boardId === 'string'
          ? data.boardId
          : null;
    if (boardId === null) return null;
    if (typeof data.workspaceId === 'string') return { workspaceId: data.workspaceId, boardId };
    const workspaceId = await workspaceOfBoard(boardId);
    return workspaceId === null ? null : { workspaceId, boardId };
  };
}

/**
 * `stored`: false when the event needed nothing written (no hook wants it): its position was
 * not committed, the caller commits a later one (catch-up re-reads such events harmlessly).
 */
export type Enqueued = Readonly<{ deliveries: number; stored: boolean }>;

function newDelivery(
  fields: Pick<
    WebhookDeliveryDoc,
    | 'deliveryId'
    | 'webhookId'
    | 'workspaceId'
    | 'boardId'
    | 'eventType'
    | 'eventPosition'
    | 'body'
    | 'createdAt'
    | 'redelivery'
  >,
): WebhookDeliveryDoc {
  return {
    ...fields,
    queue: `${fields.webhookId}:${fields.boardId ?? 'workspace'}`,
    status: 'pending',
    attempts: 0,
    responseStatus: null,
    durationMs: null,
    error: null,
    firstAttemptAt: null,
    lastAttemptAt: null,
    nextAttemptAt: fields.createdAt,
  };
}

const put = (id: string, position: number, value: WebhookDeliveryDoc) => ({
  collection: 'deliveries',
  id,
  position,
  value,
  keys: deliveryKeys(value),
});

/**
 * Applies one event from the bus to the webhook store, exactly once per stream version for the
 * webhooks' own streams and idempotently (documents named by event and hook) for the rest.
 * Whatever it writes is committed before it returns: the bus acks only what is stored.
 */
export async function enqueueEvent(
  store: ReadStore,
  event: RecordedEvent,
  resolve: ReturnType<typeof workspaceResolver>,
  now: () => Date,
): Promise<Enqueued> {
  const stream = parseStreamName(event.streamName);
  if (stream?.category === 'webhooks') {
    const seen = (await store.streamVersions([event.streamName])).get(event.streamName) ?? 0;
    if (event.streamVersion <= seen) return { deliveries: 0, stored: false };
    const deliveries = await applyWebhookEvent(store, event as RecordedEvent<WebhookEvent>, now);
    return { deliveries, stored: true };
  }
  if (!isWebhookEventKind(event.type)) return { deliveries: 0, stored: false };
  const place = await resolve(event);
  const hooks =
    place === null
      ? []
      : (await store.find<WebhookDoc>('webhooks', { workspaceId: place.workspaceId })).filter(
          (hook) => hook.value.eventKinds.includes(event.type),
        );
  if (place === null || hooks.length === 0) return { deliveries: 0, stored: false };
  const ids = hooks.map((hook) => deliveryDocId(event.globalPosition, hook.id));
  const existing = new Set((await store.getMany('deliveries', ids)).map((d) => d.id));
  const createdAt = now().toISOString();
  const puts = hooks
    .filter((_, i) => !existing.has(ids[i]!))
    .map((hook) => {
      const deliveryId = deliveryIdOf(event, hook.id);
      const doc = newDelivery({
        deliveryId,
        webhookId: hook.id,
        workspaceId: place.workspaceId,
        boardId: place.boardId,
        eventType: event.type,
        eventPosition: event.globalPosition,
        body: payloadOf(deliveryId, event, place.workspaceId, place.boardId),
        createdAt,
        redelivery: false,
      });
      return put(deliveryDocId(event.globalPosition, hook.id), event.globalPosition, doc);
    });
  await store.commit({ puts, deletes: [], streams: [], position: event.globalPosition });
  return { deliveries: puts.length, stored: true };
}

async function applyWebhookEvent(
  store: ReadStore,
  event: RecordedEvent<WebhookEvent>,
  now: () => Date,
): Promise<number> {
  const position = event.globalPosition;
  const streams = [{ stream: event.streamName, version: event.streamVersion }];
  const commit = (puts: Doc[], deletes: { collection: string; id: string }[] = []) =>
    store.commit({ puts, deletes, streams, position });
  switch (event.type) {
    case 'WebhookCreated': {
      const { webhookId, workspaceId, url, eventKinds, secret, createdBy } = event.data;
      const value: WebhookDoc = {
        webhookId,
        workspaceId,
        url,
        eventKinds: [...eventKinds],
        secretHint: secret.slice(-4),
        createdBy,
        createdAt: event.occurredAt,
      };
      await commit([
        { collection: 'webhooks', id: webhookId, position, value, keys: { workspaceId } },
      ]);
      return 0;
    }
    case 'WebhookUpdated': {
      const before = await store.get<WebhookDoc>('webhooks', event.data.webhookId);
      if (before === undefined) {
        await commit([]);
        return 0;
      }
      const value = {
        ...before.value,
        url: event.data.url,
        eventKinds: [...event.data.eventKinds],
      };
      const keys = { workspaceId: value.workspaceId };
      await commit([{ collection: 'webhooks', id: value.webhookId, position, value, keys }]);
      return 0;
    }
    case 'WebhookDeleted': {
      const { webhookId } = event.data;
      const log = await store.find('deliveries', { webhookId });
      await commit(
        [],
        [
          { collection: 'webhooks', id: webhookId },
          ...log.map((d) => ({ collection: 'deliveries', id: d.id })),
        ],
      );
      return 0;
    }
    case 'WebhookRedeliveryRequested': {
      const { webhookId, deliveryId } = event.data;
      const [original] = await store.find<WebhookDeliveryDoc>('deliveries', { deliveryId });
      if (original === undefined || original.value.webhookId !== webhookId) {
        await commit([]);
        return 0;
      }
      const again = newDelivery({
        ...original.value,
        createdAt: now().toISOString(),
        redelivery: true,
      });
      await commit([put(deliveryDocId(position, webhookId), position, again)]);
      return 1;
    }
    default: {
      const _unknown: never = event;
      await commit([]);
      return 0;
    }
  }
}

/** Drops a hook's oldest finished deliveries beyond DELIVERY_LOG_CAP; open ones stay. */
export async function trimLog(store: ReadStore, webhookId: string): Promise<number> {
  const log = await store.find<WebhookDeliveryDoc>('deliveries', { webhookId });
  const done = log.filter((d) => !isOpenDelivery(d.value.status)); // ordered by id: oldest first
  const excess = done.length - DELIVERY_LOG_CAP;
  if (excess <= 0) return 0;
  const position = await store.position();
  await store.commit({
    puts: [],
    deletes: done.slice(0, excess).map((d) => ({ collection: 'deliveries', id: d.id })),
    streams: [],
    position,
  });
  return excess;
}
