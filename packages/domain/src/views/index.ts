export * from './activity';
export * from './board-view';
export * from './owner-view';
export * from './task-details';
export * from './workspace-view';
