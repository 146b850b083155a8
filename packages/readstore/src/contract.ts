import { randomUUID } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { GenerationError, InvalidCommitError, InvalidQueryError } from './errors';
import type { Commit, Doc, Key, ReadSchema, ReadStore, ReadStoreCatalog } from './port';

/** The schema every contract test runs with. */
export const contractSchema = {
  tasks: { keys: ['boardId', 'cardId', 'assigneeId'] },
  boards: { keys: ['workspaceId'] },
  notes: { keys: [] },
} as const satisfies ReadSchema;

type TaskKeys = Partial<Record<'boardId' | 'cardId' | 'assigneeId', Key>>;

const commitOf = (parts: Partial<Commit>): Commit => ({
  puts: [],
  deletes: [],
  streams: [],
  position: 0,
  ...parts,
});
const task = (
  id: string,
  keys: TaskKeys | undefined,
  value: unknown = { title: id },
  position = 1,
) => ({ collection: 'tasks', id, position, value, ...(keys ? { keys } : {}) }) satisfies Doc;
const ids = (docs: readonly Doc[]) => docs.map((d) => d.id);
const allKeys = (keys: TaskKeys) => ({ boardId: null, cardId: null, assigneeId: null, ...keys });

/**
 * The behaviour every ReadStore adapter must show. `openFresh` gives a new, empty store each
 * time; `catalogAt(place)` gives a catalog at `place` — the same place again reaches the same
 * data (after the first catalog was closed), a new place is empty.
 */
export function readStoreContract(
  adapter: string,
  openFresh: (schema: ReadSchema) => Promise<ReadStore>,
  catalogAt: (place: string, schema: ReadSchema) => Promise<ReadStoreCatalog>,
): void {
  describe(`ReadStore contract: ${adapter}`, () => {
    let store: ReadStore;
    const opened: ReadStore[] = [];
    beforeEach(async () => {
      store = await openFresh(contractSchema);
      opened.push(store);
    });
    afterAll(async () => {
      await Promise.all(opened.map((s) => s.close()));
    });

    it('starts empty at position 0', async () => {
      expect(await store.position()).toBe(0);
      expect(await store.get('tasks', 't-1')).toBeUndefined();
      expect(await store.all('tasks')).toEqual([]);
      expect(await store.find('tasks', { boardId: 'b-1' })).toEqual([]);
      expect(await store.streamVersions(['board-1'])).toEqual(new Map());
    });

    it('puts and gets a document with its value intact', async () => {
      const value = {
        title: 'Zoë 🚀 مرحبا 中文 \u0000 "quoted" \\ \n\t <script>',
        nested: { list: ['a', 1, 2.5, null, true, { deep: [[]] }], empty: {} },
        count: -0.125,
      };
      await store.commit(
        commitOf({
          puts: [
            task('t-1', { boardId: 'b-1', cardId: 'c-1', assigneeId: null }, value, 7),
            { collection: 'notes', id: 't-1', position: 7, value: ['a list', 1] },
          ],
          position: 7,
        }),
      );
      expect(await store.get('tasks', 't-1')).toEqual({
        collection: 'tasks',
        id: 't-1',
        position: 7,
        value,
        keys: { boardId: 'b-1', cardId: 'c-1', assigneeId: null },
      });
      // Collections are separate name spaces; a collection without keys reads back `{}`.
      expect(await store.get('notes', 't-1')).toEqual({
        collection: 'notes',
        id: 't-1',
        position: 7,
        value: ['a list', 1],
        keys: {},
      });
      expect(await store.get('boards', 't-1')).toBeUndefined();
    });

    it('answers a document’s position alone, and follows later puts and deletes', async () => {
      expect(await store.positionOf('tasks', 't-1')).toBeUndefined();
      await store.commit(commitOf({ puts: [task('t-1', { boardId: 'b-1' }, { v: 1 }, 3)] }));
      expect(await store.positionOf('tasks', 't-1')).toBe(3);
      expect(await store.positionOf('notes', 't-1')).toBeUndefined();
      await store.commit(commitOf({ puts: [task('t-1', { boardId: 'b-1' }, { v: 2 }, 9)] }));
      expect(await store.positionOf('tasks', 't-1')).toBe(9);
      await store.commit(commitOf({ deletes: [{ collection: 'tasks', id: 't-1' }] }));
      expect(await store.positionOf('tasks', 't-1')).toBeUndefined();
      await expect(store.positionOf('nope', 't-1')).rejects.toThrow(InvalidQueryError);
    });

    it('keeps ids with quotes, backslashes and unicode', async () => {
      const odd = ['Zoë "🚀" \\ \n end', "it's/ü", '中文'];
      await store.commit(commitOf({ puts: odd.map((id) => task(id, { boardId: id })) }));
      for (const id of odd) {
        expect(await store.get('tasks', id)).toMatchObject({ id, keys: { boardId: id } });
        expect(ids(await store.find('tasks', { boardId: id }))).toEqual([id]);
      }
      expect(ids(await store.getMany('tasks', odd))).toEqual(odd);
      expect(ids(await store.all('tasks'))).toEqual([...odd].sort());
    });

    it('stores a declared key that a put leaves out as null', async () => {
      await store.commit(
        commitOf({ puts: [task('t-1', { boardId: 'b-1' }), task('t-2', undefined)] }),
      );
      expect((await store.get('tasks', 't-1'))?.keys).toEqual(allKeys({ boardId: 'b-1' }));
      expect((await store.get('tasks', 't-2'))?.keys).toEqual(allKeys({}));
    });

    it('gets many documents in the order asked, leaving out missing ones', async () => {
      await store.commit(
        commitOf({ puts: ['t-a', 't-b', 't-c'].map((id) => task(id, { boardId: 'b-1' })) }),
      );
      const found = await store.getMany('tasks', ['t-c', 'missing', 't-a']);
      expect(ids(found)).toEqual(['t-c', 't-a']);
      expect(found[0]!.value).toEqual({ title: 't-c' });
      expect(await store.getMany('tasks', [])).toEqual([]);
      expect(await store.getMany('boards', ['t-a'])).toEqual([]);
    });

    it('finds by one key and by several, ordered by id', async () => {
      await store.commit(
        commitOf({
          puts: [
            task('t-3', { boardId: 'b-1', cardId: 'c-1', assigneeId: 'u-1' }),
            task('t-1', { boardId: 'b-1', cardId: 'c-2', assigneeId: 'u-1' }),
            task('t-2', { boardId: 'b-1', cardId: 'c-1', assigneeId: 'u-2' }),
            task('t-4', { boardId: 'b-2', cardId: 'c-1', assigneeId: 'u-1' }),
          ],
        }),
      );
      expect(ids(await store.find('tasks', { boardId: 'b-1' }))).toEqual(['t-1', 't-2', 't-3']);
      expect(ids(await store.find('tasks', { boardId: 'b-1', cardId: 'c-1' }))).toEqual([
        't-2',
        't-3',
      ]);
      expect(ids(await store.find('tasks', { cardId: 'c-1', boardId: 'b-2' }))).toEqual(['t-4']);
      expect(
        ids(await store.find('tasks', { boardId: 'b-1', cardId: 'c-1', assigneeId: 'u-1' })),
      ).toEqual(['t-3']);
      expect(await store.find('tasks', { boardId: 'b-3' })).toEqual([]);
      expect(await store.find('tasks', { boardId: 'b-2', cardId: 'c-2' })).toEqual([]);
      expect(ids(await store.find('tasks', {}))).toEqual(['t-1', 't-2', 't-3', 't-4']);
      const [first] = await store.find('tasks', { cardId: 'c-2' });
      expect(first).toEqual({
        collection: 'tasks',
        id: 't-1',
        position: 1,
        value: { title: 't-1' },
        keys: { boardId: 'b-1', cardId: 'c-2', assigneeId: 'u-1' },
      });
    });

    it('finds null key values, given or left out', async () => {
      await store.commit(
        commitOf({
          puts: [
            task('t-1', { boardId: 'b-1', assigneeId: null }),
            task('t-2', { boardId: 'b-1' }),
            task('t-3', { boardId: 'b-1', assigneeId: 'u-1' }),
            task('t-4', { boardId: 'b-2' }),
          ],
        }),
      );
      expect(ids(await store.find('tasks', { assigneeId: null }))).toEqual(['t-1', 't-2', 't-4']);
      expect(ids(await store.find('tasks', { boardId: 'b-1', assigneeId: null }))).toEqual([
        't-1',
        't-2',
      ]);
      expect(ids(await store.find('tasks', { assigneeId: 'null' }))).toEqual([]);
    });

    it('compares key values with their type', async () => {
      const values: [string, Key][] = [
        ['t-num', 1],
        ['t-str', '1'],
        ['t-bool', true],
        ['t-strtrue', 'true'],
        ['t-zero', 0],
        ['t-false', false],
        ['t-empty', ''],
        ['t-null', null],
        ['t-float', 2.5],
      ];
      await store.commit(
        commitOf({ puts: values.map(([id, assigneeId]) => task(id, { assigneeId })) }),
      );
      for (const [id, assigneeId] of values) {
        expect(ids(await store.find('tasks', { assigneeId }))).toEqual([id]);
        expect((await store.get('tasks', id))?.keys?.assigneeId).toBe(assigneeId);
      }
      expect(ids(await store.find('tasks', { assigneeId: 1.0 }))).toEqual(['t-num']);
      expect(await store.find('tasks', { assigneeId: 2 })).toEqual([]);
    });

    it('limits what find returns, keeping the id order', async () => {
      await store.commit(
        commitOf({ puts: ['t-4', 't-2', 't-1', 't-3'].map((id) => task(id, { boardId: 'b-1' })) }),
      );
      expect(ids(await store.find('tasks', { boardId: 'b-1' }, { limit: 2 }))).toEqual([
        't-1',
        't-2',
      ]);
      expect(await store.find('tasks', { boardId: 'b-1' }, { limit: 0 })).toEqual([]);
      expect(await store.find('tasks', { boardId: 'b-1' }, { limit: 10 })).toHaveLength(4);
      expect(ids(await store.find('tasks', {}, { limit: 1 }))).toEqual(['t-1']);
    });

    it('replaces value, position and keys on a later put', async () => {
      await store.commit(
        commitOf({ puts: [task('t-1', { boardId: 'b-1', cardId: 'c-1' }, { v: 1 }, 1)] }),
      );
      await store.commit(
        commitOf({ puts: [task('t-1', { boardId: 'b-1', cardId: 'c-2' }, { v: 2 }, 5)] }),
      );
      expect(await store.find('tasks', { cardId: 'c-1' })).toEqual([]);
      expect(ids(await store.find('tasks', { cardId: 'c-2' }))).toEqual(['t-1']);
      expect(await store.get('tasks', 't-1')).toMatchObject({ position: 5, value: { v: 2 } });
      // Same keys again: still found once.
      await store.commit(
        commitOf({ puts: [task('t-1', { boardId: 'b-1', cardId: 'c-2' }, { v: 3 }, 6)] }),
      );
      expect(await store.find('tasks', { boardId: 'b-1', cardId: 'c-2' })).toHaveLength(1);
      // A put without keys clears them.
      await store.commit(commitOf({ puts: [task('t-1', undefined, { v: 4 }, 7)] }));
      expect(await store.find('tasks', { boardId: 'b-1' })).toEqual([]);
      expect(ids(await store.find('tasks', { cardId: null }))).toEqual(['t-1']);
    });

    it('deletes documents and their keys', async () => {
      await store.commit(
        commitOf({ puts: [task('t-1', { boardId: 'b-1' }), task('t-2', { boardId: 'b-1' })] }),
      );
      await store.commit(
        commitOf({
          deletes: [
            { collection: 'tasks', id: 't-1' },
            { collection: 'tasks', id: 'never-existed' },
          ],
        }),
      );
      expect(await store.get('tasks', 't-1')).toBeUndefined();
      expect(ids(await store.find('tasks', { boardId: 'b-1' }))).toEqual(['t-2']);
      expect(ids(await store.all('tasks'))).toEqual(['t-2']);
      await store.commit(commitOf({ puts: [task('t-1', { boardId: 'b-2' }, { again: true })] }));
      expect(await store.get('tasks', 't-1')).toMatchObject({ value: { again: true } });
      expect(ids(await store.find('tasks', { boardId: 'b-1' }))).toEqual(['t-2']);
      expect(ids(await store.find('tasks', { boardId: 'b-2' }))).toEqual(['t-1']);
    });

    it('commits all or nothing: an unserialisable value leaves everything as it was', async () => {
      await store.commit(
        commitOf({
          puts: [
            task('t-1', { boardId: 'b-1', cardId: 'c-1' }, { v: 1 }, 10),
            task('t-2', { boardId: 'b-1', cardId: 'c-1' }, { v: 1 }, 10),
          ],
          streams: [{ stream: 'board-1', version: 3 }],
          position: 10,
        }),
      );
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      for (const bad of [{ big: 10n }, circular]) {
        const attempt = store.commit(
          commitOf({
            puts: [
              task('t-1', { boardId: 'b-1', cardId: 'c-2' }, { v: 2 }, 20),
              task('t-3', { boardId: 'b-1', cardId: 'c-1' }, { v: 2 }, 20),
              task('t-bad', { boardId: 'b-1' }, bad, 20),
            ],
            deletes: [{ collection: 'tasks', id: 't-2' }],
            streams: [
              { stream: 'board-1', version: 5 },
              { stream: 'task-9', version: 1 },
            ],
            position: 20,
          }),
        );
        await expect(attempt).rejects.toBeInstanceOf(InvalidCommitError);
        await expect(attempt).rejects.toMatchObject({ field: 'puts[2].value' });
        expect(await store.get('tasks', 't-1')).toMatchObject({ position: 10, value: { v: 1 } });
        expect(ids(await store.find('tasks', { cardId: 'c-1' }))).toEqual(['t-1', 't-2']);
        expect(await store.find('tasks', { cardId: 'c-2' })).toEqual([]);
        expect(await store.get('tasks', 't-3')).toBeUndefined();
        expect(await store.get('tasks', 't-bad')).toBeUndefined();
        expect(await store.streamVersions(['board-1', 'task-9'])).toEqual(
          new Map([['board-1', 3]]),
        );
        expect(await store.position()).toBe(10);
      }
    });

    it.each<[string, Partial<Commit>, string]>([
      [
        'an unknown collection',
        { puts: [{ collection: 'nope', id: 'x', position: 1, value: {} }] },
        'puts[0].collection',
      ],
      [
        'an undeclared key',
        { puts: [task('t-1', { colour: 'red' } as TaskKeys)] },
        'puts[0].keys.colour',
      ],
      [
        'an object as a key value',
        { puts: [task('t-1', { boardId: { id: 'b' } as unknown as Key })] },
        'puts[0].keys.boardId',
      ],
      ['a NaN key value', { puts: [task('t-1', { boardId: Number.NaN })] }, 'puts[0].keys.boardId'],
      ['an empty id', { puts: [task('', { boardId: 'b-1' })] }, 'puts[0].id'],
      [
        'an undefined value',
        { puts: [{ collection: 'tasks', id: 't-1', position: 1, value: undefined }] },
        'puts[0].value',
      ],
      [
        'a document put and deleted in one commit',
        { puts: [task('t-1', {})], deletes: [{ collection: 'tasks', id: 't-1' }] },
        'deletes[0]',
      ],
      ['a document put twice', { puts: [task('t-1', {}), task('t-1', {})] }, 'puts[1]'],
      [
        'a delete in an unknown collection',
        { deletes: [{ collection: 'nope', id: 't-1' }] },
        'deletes[0].collection',
      ],
      ['a negative position', { puts: [task('t-1', {})], position: -1 }, 'position'],
      ['a fractional document position', { puts: [task('t-1', {}, {}, 1.5)] }, 'puts[0].position'],
      [
        'a fractional stream version',
        { puts: [task('t-1', {})], streams: [{ stream: 'board-1', version: 1.5 }] },
        'streams[0].version',
      ],
    ])('refuses a commit with %s and writes nothing', async (_, parts, field) => {
      const commit = commitOf(parts);
      const attempt = store.commit(commit);
      await expect(attempt).rejects.toBeInstanceOf(InvalidCommitError);
      await expect(attempt).rejects.toMatchObject({ field });
      expect(await store.all('tasks')).toEqual([]);
      expect(await store.position()).toBe(0);
      expect(await store.streamVersions(['board-1'])).toEqual(new Map());
    });

    it('refuses reads the schema does not allow', async () => {
      const refusals: [Promise<unknown>, string][] = [
        [store.get('nope', 'x'), 'collection'],
        [store.getMany('nope', ['x']), 'collection'],
        [store.all('nope'), 'collection'],
        [store.find('nope', {}), 'collection'],
        [store.find('tasks', { colour: 'red' }), 'where.colour'],
        [store.find('tasks', { boardId: ['b-1'] as unknown as Key }), 'where.boardId'],
        [store.find('tasks', { boardId: 'b-1' }, { limit: -1 }), 'limit'],
        [store.find('tasks', { boardId: 'b-1' }, { limit: 1.5 }), 'limit'],
      ];
      for (const [attempt, field] of refusals) {
        await expect(attempt).rejects.toBeInstanceOf(InvalidQueryError);
        await expect(attempt).rejects.toMatchObject({ field });
      }
    });

    it('keeps stream versions of known streams only, never going backwards', async () => {
      await store.commit(
        commitOf({
          streams: [
            { stream: 'board-1', version: 2 },
            { stream: 'task-1', version: 5 },
          ],
          position: 7,
        }),
      );
      expect(await store.streamVersions(['board-1', 'task-1', 'task-404'])).toEqual(
        new Map([
          ['board-1', 2],
          ['task-1', 5],
        ]),
      );
      await store.commit(commitOf({ streams: [{ stream: 'board-1', version: 1 }], position: 8 }));
      expect(await store.streamVersions(['board-1'])).toEqual(new Map([['board-1', 2]]));
      await store.commit(
        commitOf({
          streams: [
            { stream: 'board-1', version: 4 },
            { stream: 'board-1', version: 3 },
          ],
          position: 9,
        }),
      );
      expect(await store.streamVersions(['board-1'])).toEqual(new Map([['board-1', 4]]));
      expect(await store.streamVersions([])).toEqual(new Map());
    });

    it('never moves the position backwards', async () => {
      await store.commit(commitOf({ puts: [task('t-1', {})], position: 5 }));
      expect(await store.position()).toBe(5);
      await store.commit(commitOf({ puts: [task('t-2', {})], position: 3 }));
      expect(await store.position()).toBe(5);
      expect(await store.get('tasks', 't-2')).toBeDefined();
      await store.commit(commitOf({ position: 9 }));
      expect(await store.position()).toBe(9);
    });

    it('lists all documents of a collection ordered by id', async () => {
      const names = ['b', 'a10', 'a2', 'A', '_x', 'a', 'a-1'];
      await store.commit(
        commitOf({
          puts: [
            ...names.map((id) => task(id, {})),
            { collection: 'boards', id: 'board', position: 1, value: {} },
          ],
        }),
      );
      expect(ids(await store.all('tasks'))).toEqual([...names].sort());
      expect(ids(await store.all('boards'))).toEqual(['board']);
    });

    it('finds 5,000 documents of one board among others', async () => {
      const pad = (n: number) => String(n).padStart(5, '0');
      const big = Array.from({ length: 5000 }, (_, i) =>
        task(
          `t-${pad(i)}`,
          { boardId: 'board-big', cardId: `c-${i % 10}`, assigneeId: i % 3 === 0 ? null : 'u-1' },
          { title: `Task ${i}`, description: 'x'.repeat(200), labels: ['a', 'b'], position: i },
          i + 1,
        ),
      );
      const other = Array.from({ length: 100 }, (_, i) =>
        task(`t-${pad(i)}-other`, { boardId: 'board-other', cardId: 'c-0' }),
      );
      await store.commit(commitOf({ puts: [...other, ...big], position: 5000 }));

      const found = await store.find('tasks', { boardId: 'board-big' });
      expect(found).toHaveLength(5000);
      expect(ids(found)).toEqual(big.map((d) => d.id));
      expect(found[4321]).toEqual(big[4321]);
      expect(await store.find('tasks', { boardId: 'board-big', cardId: 'c-3' })).toHaveLength(500);
      expect(ids(await store.find('tasks', { boardId: 'board-big' }, { limit: 3 }))).toEqual([
        't-00000',
        't-00001',
        't-00002',
      ]);
      expect(await store.find('tasks', { boardId: 'board-other' })).toHaveLength(100);
    });
  });

  describe(`ReadStoreCatalog contract: ${adapter}`, () => {
    const catalogs: ReadStoreCatalog[] = [];
    const open = async (place = randomUUID().slice(0, 8)) => {
      const catalog = await catalogAt(place, contractSchema);
      catalogs.push(catalog);
      return catalog;
    };
    afterAll(async () => {
      await Promise.all(catalogs.map((c) => c.close()));
    });
    const put = (id: string, position: number) =>
      commitOf({
        puts: [task(id, { boardId: 'b-1' }, { title: id }, position)],
        streams: [{ stream: 'board-1', version: position }],
        position,
      });

    it('starts at g1 with no generations', async () => {
      const catalog = await open();
      expect(await catalog.current()).toBe('g1');
      expect(await catalog.generations()).toEqual([]);
      expect(await catalog.nextGeneration()).toBe('g2');
    });

    it('builds a new generation while the current one serves, then switches to it', async () => {
      const catalog = await open();
      const serving = await catalog.open(await catalog.current());
      await serving.commit(put('t-old', 10));

      const next = await catalog.nextGeneration();
      expect(next).toBe('g2');
      const building = await catalog.open(next);
      expect(await building.position()).toBe(0);
      await building.commit(put('t-new', 12));
      expect(await catalog.generations()).toEqual(['g1', 'g2']);
      expect(await serving.get('tasks', 't-new')).toBeUndefined();
      expect(await catalog.current()).toBe('g1');

      await catalog.switchTo('g2');
      expect(await catalog.current()).toBe('g2');
      // The old generation keeps answering until it is dropped.
      expect(ids(await serving.find('tasks', { boardId: 'b-1' }))).toEqual(['t-old']);
      expect(await serving.position()).toBe(10);
      await expect(catalog.drop('g2')).rejects.toBeInstanceOf(GenerationError);
      expect(await building.position()).toBe(12);

      await catalog.drop('g1');
      expect(await catalog.generations()).toEqual(['g2']);
      // Stores the catalog opened on a dropped generation are closed, not left reading ghosts.
      await expect(serving.get('tasks', 't-old')).rejects.toThrow();
      expect(await catalog.nextGeneration()).toBe('g3');
      const reopened = await catalog.open('g1');
      expect(await reopened.all('tasks')).toEqual([]);
      expect(await reopened.position()).toBe(0);
    });

    it('keeps generations and the current one across close and reopen', async () => {
      const place = randomUUID().slice(0, 8);
      const first = await open(place);
      await (await first.open('g1')).commit(put('t-1', 3));
      await (await first.open('g2')).commit(put('t-2', 4));
      await first.open('g10');
      await first.switchTo('g2');
      await first.close();

      const again = await open(place);
      expect(await again.current()).toBe('g2');
      expect(await again.generations()).toEqual(['g1', 'g2', 'g10']);
      expect(await again.nextGeneration()).toBe('g11');
      const g2 = await again.open('g2');
      expect(await g2.get('tasks', 't-2')).toMatchObject({ position: 4, value: { title: 't-2' } });
      expect(ids(await g2.find('tasks', { boardId: 'b-1' }))).toEqual(['t-2']);
      expect(await g2.streamVersions(['board-1'])).toEqual(new Map([['board-1', 4]]));
      expect(await g2.position()).toBe(4);
      expect(ids(await (await again.open('g1')).all('tasks'))).toEqual(['t-1']);
    });

    it('refuses bad generation names and switching to a generation never opened', async () => {
      const catalog = await open();
      for (const name of ['G1', '../g1', 'g 1', '', 'meta', 'x'.repeat(33)]) {
        await expect(catalog.open(name)).rejects.toBeInstanceOf(GenerationError);
      }
      await expect(catalog.switchTo('g9')).rejects.toBeInstanceOf(GenerationError);
      await expect(catalog.drop('g1')).rejects.toBeInstanceOf(GenerationError);
      expect(await catalog.current()).toBe('g1');
      expect(await catalog.generations()).toEqual([]);
    });
  });
}
