export { FIRST_GENERATION } from './catalog';
export { GenerationError, InvalidCommitError, InvalidQueryError } from './errors';
export { DEFAULT_MONGO_DATABASE, mongoDatabaseFromUrl, readStoreCatalogFromUrl } from './from-url';
export type {
  Commit,
  Doc,
  FindOptions,
  Key,
  ReadSchema,
  ReadStore,
  ReadStoreCatalog,
} from './port';
