import type { BoardChanged, InboxChanged, MembershipChanged } from '@taskomask/contracts/realtime';
import type { RecordedEvent } from '@taskomask/domain';
import type { EventStore } from '@taskomask/eventstore';
import {
  type Context,
  currentTraceparent,
  inSpan,
  type Logger,
  linksTo,
  type Span,
  traceparentOfSpan,
} from '@taskomask/observability';
import {
  applyBatch,
  type BatchResult,
  type RealtimeNotifier,
  readModels,
} from '@taskomask/read-models';
import type { ReadStore } from '@taskomask/readstore';
import { findingCompletions, type TaskCompletion } from './completions';
import { findingMembershipChanges } from './membership-changes';
import { tellBatch } from './notices';

export type BatchApply = {
  /** Applies `events` to the read store in one transaction, then tells its notices. */
  apply(events: RecordedEvent[]): Promise<BatchResult<BoardChanged>>;
  /** The trace each delivered event arrived in (its bus `process` span), for its batch's span. */
  traced: WeakMap<RecordedEvent, Context>;
};

/**
 * One batch: applied with the read models (plus the completions and membership changes it reveals), timed
 * completions counted and notices told once it committed, in a write span that continues the
 * first event's trace and links the others'.
 */
export function batchApply({
  store,
  eventStore,
  notifier,
  onBatch,
  observeCompletion,
  logger,
  noticeTimeoutMs,
}: {
  /** The read store to write now (it changes when a rebuild switches generations). */
  store: () => ReadStore;
  eventStore: EventStore;
  notifier: RealtimeNotifier;
  onBatch?: (result: BatchResult<BoardChanged>) => void;
  observeCompletion?: (seconds: number) => void;
  logger?: Pick<Logger, 'warn'>;
  /** How long one notice may take before the batch goes on without it (tellBatch's default). */
  noticeTimeoutMs?: number;
}): BatchApply {
  // Completions found while a batch is applied count once it committed: a failed batch is
  // applied again, event by event. (Batches never overlap, so one list serves.)
  let pending: TaskCompletion[] = [];
  let memberships: MembershipChanged[] = [];
  let inbox: InboxChanged[] = [];
  const projectWithInbox: typeof readModels.project = (event, docs) =>
    readModels.project(event, docs, (changed) => inbox.push(changed));
  const project = findingMembershipChanges(
    findingCompletions(projectWithInbox, (c) => pending.push(c)),
    (m) => memberships.push(m),
  );
  const traced = new WeakMap<RecordedEvent, Context>();

  const applyNow = async (events: RecordedEvent[], span?: Span) => {
    pending = [];
    memberships = [];
    inbox = [];
    const result = await applyBatch(events, {
      readStore: store(),
      eventStore,
      ...readModels,
      project,
    });
    for (const completion of pending) observeCompletion?.(completion.seconds);
    pending = [];
    const changedMemberships = memberships;
    memberships = [];
    const inboxes = inbox;
    inbox = [];
    onBatch?.(result);
    const traceparent = span === undefined ? currentTraceparent() : traceparentOfSpan(span);
    await tellBatch(
      notifier,
      {
        memberships: changedMemberships,
        changed: result.notices,
        inbox: inboxes,
        position: result.applied > 0 ? result.position : 0,
        traceparent,
      },
      logger,
      noticeTimeoutMs,
    );
    return result;
  };

  // One read-store transaction serves many traces: its span continues the first and links the rest.
  const apply = (events: RecordedEvent[]) => {
    const contexts = events.flatMap((e) => traced.get(e) ?? []);
    const [parent, ...others] = contexts;
    if (parent === undefined) return applyNow(events);
    return inSpan(
      'projector write',
      {
        parent,
        links: linksTo(others),
        attributes: { 'taskomask.events': events.length },
      },
      (span) => applyNow(events, span),
    );
  };

  return { apply, traced };
}
