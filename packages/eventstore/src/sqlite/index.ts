// @taskomask/eventstore/sqlite: the event store in one SQLite file (loads better-sqlite3).
export { sqliteEventStore } from './sqlite-event-store';
