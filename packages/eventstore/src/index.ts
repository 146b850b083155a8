export { InvalidAppendError, WrongExpectedVersionError } from './errors';
export { eventStoreFromUrl } from './from-url';
export type {
  AppendResult,
  EventStore,
  ExpectedVersion,
  NewEvent,
  StreamAppend,
} from './port';
export { expectedFor } from './port';
export { redisEventStore, streamKey } from './redis/redis-event-store';
export { sqliteEventStore } from './sqlite/sqlite-event-store';
