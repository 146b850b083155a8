// Board and card commands: validation, rules and conflicts, on SQLite and Redis.
import { randomUUID } from 'node:crypto';
import { unavailable } from '@taskomask/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectInvalid, expectProblem } from './support/expect';
import { buildWorld, type StoreKind, useApi, type World } from './support/harness';

function boardSuite(kind: StoreKind) {
  const api = useApi(kind);
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(api());
  });
  const alice = () => api().users.alice;
  const post = (url: string, body?: unknown, as = alice()) => api().send('POST', url, { as, body });
  const patch = (url: string, body?: unknown, as = alice()) =>
    api().send('PATCH', url, { as, body });
  const del = (url: string, as = alice()) => api().send('DELETE', url, { as });
  const newBoard = () =>
    api().ok('POST', `/workspaces/${w.workspace}/projects/${w.project}/boards`, alice(), {
      name: api().unique('Board'),
    });
  const positionOfCard = async (board: string, cardId: string) => {
    const events = await api().store.readStream(`board-${board}`);
    const moves = events.filter(
      (e) =>
        (e.type === 'CardAdded' || e.type === 'CardMoved') &&
        (e.data as { cardId: string }).cardId === cardId,
    );
    return (moves.at(-1)!.data as { position: string }).position;
  };

  describe('boards', () => {
    it.each([
      [{}, [{ field: 'name', reason: 'is required' }]],
      [
        { name: 'Board', description: 'x'.repeat(101), archived: true },
        [
          { field: 'description', reason: 'must be at most 100 characters' },
          { field: 'archived', reason: 'is not a known field' },
        ],
      ],
    ])('POST boards refuses %j', async (body, errors) => {
      await expectInvalid(
        api(),
        () => post(`/workspaces/${w.workspace}/projects/${w.project}/boards`, body),
        errors,
      );
    });

    it('POST boards refuses malformed path ids, naming each', async () => {
      await expectInvalid(api(), () => post('/workspaces/1/projects/2/boards', { name: 'Board' }), [
        { field: 'workspaceId', reason: 'must be a UUID' },
        { field: 'projectId', reason: 'must be a UUID' },
      ]);
    });

    it('answers 404 naming an unknown project of my workspace', async () => {
      const project = randomUUID();
      await expectProblem(
        api(),
        () => post(`/workspaces/${w.workspace}/projects/${project}/boards`, { name: 'Lost' }),
        404,
        { detail: `project ${project} not found` },
      );
    });

    it('refuses a duplicate board name in the project, on create and on rename (422)', async () => {
      const name = api().unique('Roadmap');
      await api().ok('POST', `/workspaces/${w.workspace}/projects/${w.project}/boards`, alice(), {
        name,
      });
      await expectProblem(
        api(),
        () => post(`/workspaces/${w.workspace}/projects/${w.project}/boards`, { name }),
        422,
        { rule: 'name_taken' },
      );
      const other = await newBoard();
      await expectProblem(api(), () => patch(`/boards/${other}`, { name }), 422, {
        rule: 'name_taken',
      });
    });

    it('refuses an empty PATCH and a too long name', async () => {
      const board = await newBoard();
      await expectInvalid(api(), () => patch(`/boards/${board}`, {}), [
        { field: 'body', reason: 'must change at least one field' },
      ]);
      await expectInvalid(api(), () => patch(`/boards/${board}`, { name: 'n'.repeat(51) }), [
        { field: 'name', reason: 'must be at most 50 characters' },
      ]);
    });

    it('answers 404 for a deleted board, as for an unknown one', async () => {
      const board = await newBoard();
      await api().ok('DELETE', `/boards/${board}`, alice());
      await expectProblem(api(), () => patch(`/boards/${board}`, { name: 'Back again' }), 404, {
        detail: `board ${board} not found`,
      });
    });
  });

  describe('cards', () => {
    it.each([
      [
        { name: 'Later', type: 'Someday' },
        [{ field: 'type', reason: 'must be one of Backlog, ToDo, Doing, Done' }],
      ],
      [{ type: 'ToDo' }, [{ field: 'name', reason: 'is required' }]],
      [
        { name: 'Later', type: 'ToDo', after: 'a-1' },
        [{ field: 'after', reason: 'must be a position key (letters and digits only)' }],
      ],
      [
        { name: 'Later', type: 'ToDo', before: 'a'.repeat(1025) },
        [{ field: 'before', reason: 'must be at most 1024 characters' }],
      ],
      [
        { name: 'Later', type: 'ToDo', after: 5 },
        [{ field: 'after', reason: 'must be a position key' }],
      ],
    ])('POST cards refuses %j', async (body, errors) => {
      await expectInvalid(api(), () => post(`/boards/${w.board}/cards`, body), errors);
    });

    it('refuses the 11th card (422 card_limit) and a duplicate card name (422)', async () => {
      const board = await newBoard();
      for (let i = 1; i <= 10; i++) {
        await api().ok('POST', `/boards/${board}/cards`, alice(), {
          name: `Column ${i}`,
          type: 'ToDo',
        });
      }
      await expectProblem(
        api(),
        () => post(`/boards/${board}/cards`, { name: 'Column 11', type: 'Done' }),
        422,
        {
          rule: 'card_limit',
        },
      );
      const other = await newBoard();
      await api().ok('POST', `/boards/${other}/cards`, alice(), { name: 'Review', type: 'Doing' });
      await expectProblem(
        api(),
        () => post(`/boards/${other}/cards`, { name: 'REVIEW', type: 'Done' }),
        422,
        {
          rule: 'name_taken',
        },
      );
    });

    it('places a card between neighbours and refuses neighbours in the wrong order (400)', async () => {
      const board = await newBoard();
      const a = await api().ok('POST', `/boards/${board}/cards`, alice(), {
        name: 'First',
        type: 'ToDo',
      });
      const b = await api().ok('POST', `/boards/${board}/cards`, alice(), {
        name: 'Second',
        type: 'ToDo',
      });
      const [pa, pb] = [await positionOfCard(board, a), await positionOfCard(board, b)];
      const between = await post(`/boards/${board}/cards`, {
        name: 'Between',
        type: 'Doing',
        after: pa,
        before: pb,
      });
      expect(between.status).toBe(201);
      const position = await positionOfCard(board, between.body.id);
      expect(pa < position && position < pb).toBe(true);
      await expectInvalid(
        api(),
        () => post(`/boards/${board}/cards/${a}/move`, { after: pb, before: pa }),
        [{ field: 'position', reason: 'after must sort before before' }],
      );
    });

    it('refuses deleting a card with tasks (422 card_not_empty)', async () => {
      await expectProblem(api(), () => del(`/boards/${w.board}/cards/${w.todo}`), 422, {
        rule: 'card_not_empty',
      });
    });

    it('answers 404 for a card of another board of mine', async () => {
      const other = await newBoard();
      await expectProblem(
        api(),
        () => patch(`/boards/${other}/cards/${w.todo}`, { name: 'Moved?' }),
        404,
        {
          detail: `card ${w.todo} not found`,
        },
      );
    });

    it('refuses an empty card PATCH', async () => {
      await expectInvalid(api(), () => patch(`/boards/${w.board}/cards/${w.todo}`, {}), [
        { field: 'body', reason: 'must change at least one field' },
      ]);
    });

    it('answers a type change to the same type with 200 and no write', async () => {
      const before = await api().head();
      const response = await patch(`/boards/${w.board}/cards/${w.doing}`, { type: 'Doing' });
      expect(response.status).toBe(200);
      expect(await api().head()).toBe(before);
    });
  });
}

describe('board commands on SQLite', () => boardSuite('sqlite'));
describe.skipIf(unavailable('redis'))('board commands on Redis', () => boardSuite('redis'));
