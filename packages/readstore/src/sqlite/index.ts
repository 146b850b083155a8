// @taskomask/readstore/sqlite: read models in SQLite files (loads better-sqlite3).
export { sqliteReadStoreCatalog } from './sqlite-catalog';
export { sqliteReadStore } from './sqlite-read-store';
