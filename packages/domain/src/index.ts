// The public surface of @taskomask/domain: pure deciders, their commands, events and states,
// the cross-stream decisions the shell appends atomically, permissions, and projections' evolve.

export * from './board';
export type * from './conditions';
export * from './errors';
export type * from './event';
export * from './fold';
export * from './inbox';
export * from './limits';
export type * from './messages';
export * from './owner';
export * from './personal-token';
export * from './position';
export * from './streams';
export * from './task';
export * from './upcasting';
export * from './validation';
export * from './views';
export * from './webhook';
export * from './workspace';
export * from './write-models';
