import type { ReadSchema, ReadStoreCatalog } from './port';

export const DEFAULT_MONGO_DATABASE = 'taskomask';

/**
 * The database named by the path of a MongoDB connection string
 * (`mongodb://h1:27017,h2:27017/tasks?replicaSet=rs0` → `tasks`), or `taskomask` when it has none.
 * Parsed by hand: `new URL` refuses the comma-separated host lists MongoDB allows.
 */
export function mongoDatabaseFromUrl(url: string): string {
  const match = /^mongodb(?:\+srv)?:\/\/[^/?#]*(?:\/([^?#]*))?/.exec(url);
  if (!match) throw new Error(`not a MongoDB connection string: "${url}"`);
  const path = decodeURIComponent(match[1] ?? '');
  return path === '' ? DEFAULT_MONGO_DATABASE : path;
}

/**
 * `mongodb://…` / `mongodb+srv://…` (database from the path) or `sqlite:<path>` (relative to the
 * working directory). Only the chosen adapter is loaded: a process on SQLite never loads mongodb.
 */
export async function readStoreCatalogFromUrl(
  url: string,
  schema: ReadSchema,
): Promise<ReadStoreCatalog> {
  if (url.startsWith('mongodb://') || url.startsWith('mongodb+srv://')) {
    const database = mongoDatabaseFromUrl(url);
    const { mongoReadStoreCatalog } = await import('./mongodb/index');
    return mongoReadStoreCatalog({ url, database, schema });
  }
  if (url.startsWith('sqlite:')) {
    const { sqliteReadStoreCatalog } = await import('./sqlite/index');
    return sqliteReadStoreCatalog({ path: url.slice('sqlite:'.length), schema });
  }
  throw new Error(
    `READ_STORE_URL must start with mongodb://, mongodb+srv:// or sqlite:, got "${url}"`,
  );
}
