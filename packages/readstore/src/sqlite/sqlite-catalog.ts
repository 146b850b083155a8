import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import {
  checkGeneration,
  FIRST_GENERATION,
  nextGenerationAfter,
  sortGenerations,
} from '../catalog';
import { GenerationError } from '../errors';
import type { ReadSchema, ReadStore, ReadStoreCatalog } from '../port';
import { checkSchema } from '../validation';
import { sqliteReadStore } from './sqlite-read-store';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function fsyncPath(path: string, flags: 'r' | 'r+'): void {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Generations of an SQLite read store configured at `path` (e.g. `./data/read.db`): generation g
 * lives in `./data/read.<g>.db`, and `./data/read.current` names the current one. The pointer is
 * replaced by write-to-temp + rename, which is atomic: a reader sees the old name or the new one.
 */
export function sqliteReadStoreCatalog({
  path,
  schema,
}: {
  path: string;
  schema: ReadSchema;
}): ReadStoreCatalog {
  if (path === ':memory:') throw new Error('an SQLite read store catalog needs a file path');
  checkSchema(schema);
  const dir = dirname(path);
  const base = basename(path, extname(path));
  const pointer = join(dir, `${base}.current`);
  const fileOf = (generation: string) => join(dir, `${base}.${generation}.db`);
  const fileName = new RegExp(`^${escapeRegExp(base)}\\.([a-z0-9][a-z0-9-]*)\\.db$`);
  mkdirSync(dir, { recursive: true });

  const opened = new Map<string, Set<ReadStore>>();

  function readPointer(): string {
    try {
      return checkGeneration(readFileSync(pointer, 'utf8').trim());
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return FIRST_GENERATION;
      throw error;
    }
  }

  function listGenerations(): string[] {
    return sortGenerations(
      readdirSync(dir).flatMap((name) => {
        const generation = fileName.exec(name)?.[1];
        return generation && generation !== 'meta' ? [generation] : [];
      }),
    );
  }

  function writePointer(generation: string): void {
    const temp = `${pointer}.${process.pid}.${Date.now()}.tmp`;
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, `${generation}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, pointer);
    // The rename itself is durable only once the directory is synced.
    fsyncPath(dir, 'r');
  }

  async function closeOpened(generation: string) {
    const stores = [...(opened.get(generation) ?? [])];
    await Promise.all(stores.map((store) => store.close()));
  }

  return {
    async current() {
      return readPointer();
    },

    async open(generation) {
      checkGeneration(generation);
      const store = sqliteReadStore({ path: fileOf(generation), schema });
      const stores = opened.get(generation) ?? new Set<ReadStore>();
      opened.set(generation, stores);
      const tracked: ReadStore = {
        ...store,
        async close() {
          stores.delete(tracked);
          await store.close();
        },
      };
      stores.add(tracked);
      return tracked;
    },

    async switchTo(generation) {
      checkGeneration(generation);
      if (!listGenerations().includes(generation)) {
        throw new GenerationError(generation, 'does not exist; open it and fill it first');
      }
      writePointer(generation);
    },

    async drop(generation) {
      checkGeneration(generation);
      if (generation === readPointer()) {
        throw new GenerationError(generation, 'is the current generation and cannot be dropped');
      }
      await closeOpened(generation);
      const file = fileOf(generation);
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    },

    async generations() {
      return listGenerations();
    },

    async nextGeneration() {
      return nextGenerationAfter([...listGenerations(), readPointer()]);
    },

    async close() {
      await Promise.all([...opened.keys()].map(closeOpened));
    },
  };
}
