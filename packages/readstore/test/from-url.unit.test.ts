import { describe, expect, it } from 'vitest';
import { mongoDatabaseFromUrl, readStoreCatalogFromUrl } from '../src/from-url';

describe('mongoDatabaseFromUrl', () => {
  it.each([
    ['mongodb://127.0.0.1:27017', 'taskomask'],
    ['mongodb://127.0.0.1:27017/', 'taskomask'],
    ['mongodb://127.0.0.1:27017/?replicaSet=rs0', 'taskomask'],
    ['mongodb://127.0.0.1:27017/tasks', 'tasks'],
    ['mongodb://user:p%40ss@h1:27017,h2:27018/tasks?replicaSet=rs0&authSource=admin', 'tasks'],
    ['mongodb+srv://cluster0.example.net/read_model?retryWrites=true', 'read_model'],
  ])('reads %s as database %s', (url, database) => {
    expect(mongoDatabaseFromUrl(url)).toBe(database);
  });

  it('refuses what is not a MongoDB connection string', () => {
    expect(() => mongoDatabaseFromUrl('http://example.net/tasks')).toThrow(/MongoDB/);
  });
});

describe('readStoreCatalogFromUrl', () => {
  it('refuses an unknown scheme, naming the ones it knows', async () => {
    await expect(readStoreCatalogFromUrl('redis://127.0.0.1', {})).rejects.toThrow(
      /mongodb:\/\/, mongodb\+srv:\/\/ or sqlite:/,
    );
  });

  it('refuses a MongoDB database name that cannot hold generations', async () => {
    await expect(readStoreCatalogFromUrl('mongodb://127.0.0.1/a.b', {})).rejects.toThrow(
      /database name/,
    );
  });
});
