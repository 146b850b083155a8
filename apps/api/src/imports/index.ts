// Imports: the command side's shell around the pure planners of @taskomask/importing — who may
// import, whom a file's people are, and the run of a plan through the write loop.

export { peopleOf, requireImporter, siblingsOf, workspaceState } from './people';
export {
  type ImportProgress,
  type ImportRun,
  ImportStepError,
  type RunOptions,
  runImport,
} from './run-import';
export { registerTrelloImport, trelloImportRoute, trelloImportRouteDoc } from './trello-route';
