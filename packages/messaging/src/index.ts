export { PoisonMessageError, UnroutableMessageError } from './errors';
export { eventMessage, recordedEventFrom } from './event-envelope';
export { busFromUrl } from './from-url';
export type {
  ConsumeOptions,
  Consumer,
  DeadLetter,
  IncomingMessage,
  MessageBus,
  OutgoingMessage,
  QueueStats,
  ReadOptions,
} from './port';
export { topicMatches } from './topic';
