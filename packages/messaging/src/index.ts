export { PoisonMessageError, UnroutableMessageError } from './errors';
export { eventMessage, recordedEventFrom } from './event-envelope';
export { busFromUrl } from './from-url';
export { type InProcessBusOptions, inProcessBus } from './in-process/in-process-bus';
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
export {
  deadLetterQueueOf,
  type RabbitMqBusOptions,
  rabbitMqBus,
} from './rabbitmq/rabbit-mq-bus';
export { topicMatches } from './topic';
