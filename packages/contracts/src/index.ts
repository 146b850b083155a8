// zod schemas of what the HTTP APIs accept and answer; the OpenAPI documents are generated from
// the schemas registered in `apiSchemas`.

// The domain's names for roles and card types, so clients need not redefine them.
export type { CardType, Role, WebhookEventKind } from '@taskomask/domain';
export * from './admin';
export * from './board';
export * from './commands';
export * from './fields';
export * from './imports';
export * from './inbox';
export * from './parse';
export * from './personal-tokens';
export * from './queries';
export * from './realtime';
export * from './registry';
export * from './responses';
export * from './scopes';
export * from './task';
export * from './webhooks';
export * from './workspace';
