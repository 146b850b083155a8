import { randomUUID } from 'node:crypto';
import { boardView, nameKey, type RecordedEvent } from '@taskomask/domain';
import { unavailable } from '@taskomask/testkit';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, type StoreKind, storeKinds, useApi, type World } from './support/harness';

// Issue 20: commands on different tasks of one board never conflict, and the board's rules
// (unique titles, ≤ 1000 tasks, tasks only on existing cards, no deleting a card with tasks)
// still hold, checked atomically with each task's append.
describe.each(storeKinds)('many hands on one board (%s)', (kind: StoreKind) => {
  describe.skipIf(kind === 'redis' && unavailable('redis'))('', () => {
    const api = useApi(kind);
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(api());
    });

    const newBoard = async () => {
      const { alice } = api().users;
      const board = await api().ok(
        'POST',
        `/workspaces/${w.workspace}/projects/${w.project}/boards`,
        alice,
        { name: api().unique('Planning') },
      );
      const cards = [];
      for (const name of ['One', 'Two', 'Three']) {
        cards.push(await api().ok('POST', `/boards/${board}/cards`, alice, { name, type: 'ToDo' }));
      }
      return { board, cards };
    };

    it('acknowledges every create and move of distinct tasks by concurrent clients', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 2, max: 16 }),
          fc.array(fc.array(fc.nat(2), { minLength: 1, maxLength: 4 }), {
            minLength: 2,
            maxLength: 16,
          }),
          async (tasksPerClient, clientMoves) => {
            const { mia, alice, adam } = api().users;
            const { board, cards } = await newBoard();
            const boardVersion = await api().store.streamVersion(`board-${board}`);
            const start = await api().head();
            const users = [mia, alice, adam];
            // Each client creates its tasks, then moves each to the cards it drew, in turn.
            const clients = clientMoves.map(async (moves, c) => {
              const as = users[c % users.length]!;
              const mine: { id: string; card: string }[] = [];
              const answers: number[] = [];
              let moved = 0;
              for (let t = 0; t < tasksPerClient; t++) {
                const card = cards[(c + t) % cards.length]!;
                const a = await api().send('POST', `/boards/${board}/tasks`, {
                  as,
                  body: { cardId: card, title: `Client ${c} task ${t}` },
                });
                answers.push(a.status);
                mine.push({ id: a.body.id as string, card });
              }
              for (const target of moves) {
                for (const task of mine) {
                  const toCardId = cards[target]!;
                  const a = await api().send('POST', `/tasks/${task.id}/move`, {
                    as,
                    body: { toCardId },
                  });
                  answers.push(a.status);
                  // A move onto the card it is on, without neighbours, changes nothing.
                  if (toCardId !== task.card) moved++;
                  task.card = toCardId;
                }
              }
              return { answers, mine, moved };
            });
            const results = await Promise.all(clients);
            for (const { answers } of results) {
              for (const status of answers) expect([200, 201]).toContain(status);
            }
            const tasks = results.flatMap((r) => r.mine);
            // The log is exactly the acknowledged commands: one TaskCreated per create, one
            // TaskMoved per move, and the board stream untouched by any of them.
            const events = await api().eventsAfter(start);
            const moves = results.reduce((sum, r) => sum + r.moved, 0);
            expect(events.filter((e) => e.type === 'TaskCreated')).toHaveLength(tasks.length);
            expect(events.filter((e) => e.type === 'TaskMoved')).toHaveLength(moves);
            expect(events).toHaveLength(tasks.length + moves);
            expect(await api().store.streamVersion(`board-${board}`)).toBe(boardVersion);
            // Invariants of the board as the read model folds it.
            const view = boardView(board, await boardEvents(board));
            const onCards = view.cards.flatMap((card) =>
              card.tasks.map((t) => ({ id: t.taskId, card: card.cardId, title: t.title })),
            );
            expect(onCards).toHaveLength(tasks.length);
            expect(new Set(onCards.map((t) => nameKey(t.title))).size).toBe(tasks.length);
            const where = new Map(onCards.map((t) => [t.id, t.card]));
            for (const task of tasks) expect(where.get(task.id)).toBe(task.card);
          },
        ),
        { numRuns: 4, seed: 20261204 },
      );
    });

    async function boardEvents(board: string): Promise<RecordedEvent[]> {
      const events: RecordedEvent[] = [];
      for (let from = 1; ; from += 1000) {
        const page = await api().store.readAll({ fromPosition: from, limit: 1000 });
        events.push(
          ...page.filter(
            (e) =>
              e.streamName === `board-${board}` ||
              (e.data as { boardId?: string }).boardId === board,
          ),
        );
        if (page.length < 1000) return events;
      }
    }

    it('lets exactly one of many concurrent creates with one title through', async () => {
      const { mia } = api().users;
      const { board, cards } = await newBoard();
      const answers = await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          api().send('POST', `/boards/${board}/tasks`, {
            as: mia,
            body: { cardId: cards[i % 3], title: i % 2 === 0 ? 'Same title' : 'SAME title ' },
          }),
        ),
      );
      expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
      for (const a of answers.filter((x) => x.status !== 201)) {
        expect(a.status).toBe(422);
        expect(a.body.rule).toBe('name_taken');
      }
    });

    it('refuses to delete a card a task was just created or moved onto', async () => {
      const { alice } = api().users;
      const { board, cards } = await newBoard();
      const task = await api().ok('POST', `/boards/${board}/tasks`, alice, {
        cardId: cards[0],
        title: 'Keep me',
      });
      const refused = await api().send('DELETE', `/boards/${board}/cards/${cards[0]}`, {
        as: alice,
      });
      expect([refused.status, refused.body.rule]).toEqual([422, 'card_not_empty']);
      await api().ok('POST', `/tasks/${task}/move`, alice, { toCardId: cards[1] });
      await api().ok('DELETE', `/boards/${board}/cards/${cards[0]}`, alice);
      // Racing a move onto the card with its deletion: either the move wins (and the card
      // stays) or the deletion does (and the move finds no card) — never a task on no card.
      const [moved, deleted] = await Promise.all([
        api().send('POST', `/tasks/${task}/move`, { as: alice, body: { toCardId: cards[2] } }),
        api().send('DELETE', `/boards/${board}/cards/${cards[2]}`, { as: alice }),
      ]);
      expect([moved.status, deleted.status].sort()).toEqual(
        moved.status === 200 ? [200, 422] : [200, 404],
      );
    });

    it('keeps an older board’s registry (BoardTask* events in its stream) as the keys’ start', async () => {
      const { alice } = api().users;
      const { board, cards } = await newBoard();
      const store = api().store;
      const taskId = randomUUID();
      const metadata = { userId: alice, correlationId: 'legacy', causationId: 'legacy' };
      const version = await store.streamVersion(`board-${board}`);
      // What the previous write path appended for a CreateTask: the task and the board registry.
      await store.appendToStreams([
        {
          stream: `task-${taskId}`,
          expectedVersion: 'no_stream',
          events: [
            {
              type: 'TaskCreated',
              data: {
                taskId,
                workspaceId: w.workspace,
                boardId: board,
                cardId: cards[0],
                title: 'Legacy task',
                description: '',
                position: 'a0',
                createdBy: alice,
                createdAt: new Date().toISOString(),
              },
              metadata,
            },
          ],
        },
        {
          stream: `board-${board}`,
          expectedVersion: version,
          events: [
            {
              type: 'BoardTaskAdded',
              data: { boardId: board, taskId, cardId: cards[0], title: 'Legacy task' },
              metadata,
            },
          ],
        },
      ]);
      const taken = await api().send('POST', `/boards/${board}/tasks`, {
        as: alice,
        body: { cardId: cards[1], title: 'legacy TASK' },
      });
      expect([taken.status, taken.body.rule]).toEqual([422, 'name_taken']);
      const full = await api().send('DELETE', `/boards/${board}/cards/${cards[0]}`, { as: alice });
      expect([full.status, full.body.rule]).toEqual([422, 'card_not_empty']);
      // Renamed under the new scheme, its old title is free and its new one taken.
      await api().ok('PATCH', `/tasks/${taskId}`, alice, { title: 'Renamed legacy' });
      await api().ok('POST', `/boards/${board}/tasks`, alice, {
        cardId: cards[1],
        title: 'Legacy task',
      });
      const again = await api().send('POST', `/boards/${board}/tasks`, {
        as: alice,
        body: { cardId: cards[1], title: 'renamed LEGACY' },
      });
      expect(again.status).toBe(422);
      // Moved off its card, the card can go: the seeded count followed the move.
      await api().ok('POST', `/tasks/${taskId}/move`, alice, { toCardId: cards[2] });
      await api().ok('DELETE', `/boards/${board}/cards/${cards[0]}`, alice);
    });
  });
});
