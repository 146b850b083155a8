// Test support for anything that projects events: a seeded team history, a steady appender, and
// the check that a live read store equals a rebuild. Imported as `@taskomask/read-models/testing`.
export { type Appender, startAppending } from './appender';
export * from './compare';
export * from './generate-history';
export * from './read-model-checks';
