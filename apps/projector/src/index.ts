export { applyBatch, type BatchResult, type Projection } from './apply-batch';
export type { TaskCompletion } from './completions';
export { type ProjectorConfig, projectorConfigSchema, readProjectorConfig } from './config';
export { type ProjectorCheck, projectorChecks } from './health';
export {
  type BoardChanged,
  boardNoticesChannel,
  type MemberRemoved,
  memberNoticesChannel,
  noticesRedis,
  type RealtimeNotifier,
  recordingNotifier,
  redisNotifier,
} from './notifier';
export { type Projector, type ProjectorOptions, startProjector } from './projector';
export {
  ACTIVITY_CAP,
  type ActivityDoc,
  activityDocId,
  type Membership,
  membershipId,
  readModels,
  readSchema,
  type TaskDoc,
} from './read-models';
export { type RebuildProgress, type RebuildResult, rebuildReadModels } from './rebuild';
