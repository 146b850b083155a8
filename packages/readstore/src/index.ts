export { FIRST_GENERATION } from './catalog';
export { GenerationError, InvalidCommitError, InvalidQueryError } from './errors';
export { DEFAULT_MONGO_DATABASE, mongoDatabaseFromUrl, readStoreCatalogFromUrl } from './from-url';
export { mongoReadStoreCatalog } from './mongodb/mongo-catalog';
export { mongoReadStore } from './mongodb/mongo-read-store';
export type {
  Commit,
  Doc,
  FindOptions,
  Key,
  ReadSchema,
  ReadStore,
  ReadStoreCatalog,
} from './port';
export { sqliteReadStoreCatalog } from './sqlite/sqlite-catalog';
export { sqliteReadStore } from './sqlite/sqlite-read-store';
