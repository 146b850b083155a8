// Pure import planners: a source file → the domain commands (in steps) that rebuild it, with
// deterministic ids and a report. The shell (apps/api/src/imports) runs the steps through the
// command side's write loop.

export { truncate } from './fitting';
export { uuidV5 } from './ids';
export * from './plan';
export { ImportSourceError } from './source-error';
export { isWorkspaceExport, planExportImport } from './taskomask/plan-export';
export { cardTypeOfList } from './trello/card-types';
export { TrelloBoard } from './trello/format';
export {
  importProjectName,
  planTrelloImport,
  type TrelloSiblings,
  type TrelloTarget,
} from './trello/plan-trello';
