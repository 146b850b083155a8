export type { Handled, HandleOptions, Loaded } from './command-handler';
export { expectedFor, handleCommand, loadAggregate } from './command-handler';
export { InvalidAppendError, WrongExpectedVersionError } from './errors';
export { eventStoreFromUrl } from './from-url';
export type {
  AppendResult,
  EventStore,
  ExpectedVersion,
  NewEvent,
  StreamAppend,
} from './port';
