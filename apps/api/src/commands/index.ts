export { buildCommandApi, type CommandApiOptions, commandApiDocument } from './api';
export { type CommandConfig, readCommandConfig } from './config';
export { commandAcceptedType, idempotencyStream } from './idempotency';
export { type CommandRoute, commandRoutes } from './routes';
