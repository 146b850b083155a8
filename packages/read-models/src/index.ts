export { ACTIVITY_CAP, type ActivityDoc, activityDocId } from './activity';
export { applyBatch, type BatchResult, type Prefetch, type Projection } from './apply-batch';
export { DocCache } from './doc-cache';
export { type Membership, membershipId } from './memberships';
export { mergeNotices, type RealtimeNotifier, recordingNotifier } from './notifier';
export { documentsOf, projectEvent, readModels } from './project-event';
export { type RebuildProgress, type RebuildResult, rebuildReadModels } from './rebuild';
export { type ReadModelName, readSchema } from './schema';
export type { TaskDoc } from './tasks';
