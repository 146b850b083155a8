// The query side's contracts: what its URLs accept and what it answers.

export * from './answers';
export * from './exports';
export * from './insights';
export * from './params';
