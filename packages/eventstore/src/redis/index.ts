// @taskomask/eventstore/redis: the event store on Redis streams (loads ioredis).
export { type RedisEventStoreOptions, redisEventStore, streamKey } from './redis-event-store';
