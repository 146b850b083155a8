export { ACTIVITY_CAP, type ActivityDoc, activityDocId } from './activity';
export { applyBatch, type BatchResult, type Prefetch, type Projection } from './apply-batch';
export { DocCache } from './doc-cache';
export { type FlowChunk, flowChunkId, flowReadModel, flowTasksOf, loadFlow } from './flow';
export {
  BOARD_SNAPSHOT_EVERY,
  BOARD_SNAPSHOT_WORK,
  type ChunkRange,
  HISTORY_CHUNK,
  type HistoryEvent,
  type HistoryHead,
  type HistoryIndex,
  type HistoryPage,
  type HistoryScope,
  type HistorySubject,
  historyPage,
  historySubject,
  type OpenedHistory,
  openHistory,
  positionAtTime,
  type StateAt,
  stateAt,
  subjectOf,
  TASK_SNAPSHOT_EVERY,
} from './history';
export {
  expired,
  INBOX_CAP,
  INBOX_RETENTION_MS,
  type InboxDoc,
  type InboxItem,
  type InboxKind,
  unreadOf,
} from './inbox';
export {
  addDays,
  aging,
  buckets,
  completionAt,
  cumulativeFlow,
  cycleTimes,
  dayOf,
  type FlowBoard,
  type FlowCard,
  type FlowTask,
  flowOf,
  percentile,
  type Range,
  rangeEnd,
  type Stay,
  settingsOf,
  startOfDay,
  stayAt,
  throughput,
} from './insights';
export type { InvitationDoc } from './invitations';
export { type Membership, membershipId } from './memberships';
export {
  mergeInboxNotices,
  mergeNotices,
  type RealtimeNotifier,
  recordingNotifier,
} from './notifier';
export { documentsOf, projectEvent, readModels } from './project-event';
export { projectInbox } from './project-inbox';
export { type RebuildProgress, type RebuildResult, rebuildReadModels } from './rebuild';
export { type ReadModelName, readSchema } from './schema';
export type { TaskDoc } from './tasks';
export {
  DELIVERY_LOG_CAP,
  deliveryDocId,
  deliveryKeys,
  isOpenDelivery,
  type WebhookDeliveryDoc,
  type WebhookDeliveryStatus,
  type WebhookDoc,
  webhookStoreSchema,
} from './webhook-log';
