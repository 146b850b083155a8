export type { TaskCompletion } from './completions';
export { type ProjectorConfig, projectorConfigSchema, readProjectorConfig } from './config';
export { type ProjectorCheck, projectorChecks } from './health';
export { noticesRedis, redisNotifier } from './notifier';
export { type Projector, type ProjectorOptions, startProjector } from './projector';
