export type * from './commands';
export * from './decide';
export type * from './events';
export * from './state';
