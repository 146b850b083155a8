export {
  checkContinues,
  type DumpedEvent,
  type EventLogDump,
  eventLogDumpFromUrl,
  type KeyedState,
  StoreNotEmptyError,
} from './dump';
export { ConditionFailedError, InvalidAppendError, WrongExpectedVersionError } from './errors';
export { eventStoreFromUrl } from './from-url';
export type {
  AppendCondition,
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadShape,
  StreamAppend,
  StreamCheck,
} from './port';
export { expectedFor, raw } from './port';
