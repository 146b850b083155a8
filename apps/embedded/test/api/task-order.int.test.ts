// Where a new task lands on its card, read back from the board as a client sees it.
import { beforeAll, describe, expect, it } from 'vitest';
import { newUsers, usePipeline } from './support/pipeline';
import { buildTeam, type Team } from './support/team';

type BoardAnswer = { cards: { cardId: string; tasks: { taskId: string }[] }[] };

describe('task order on a card', () => {
  const p = usePipeline();
  const users = newUsers();
  let team: Team;

  beforeAll(async () => {
    team = await buildTeam(p(), users);
  });

  it('appends tasks created without neighbours at the bottom, in creation order', async () => {
    const { id: card } = await p().command('POST', `/boards/${team.board}/cards`, users.alice, {
      name: 'Ordered',
      type: 'ToDo',
    });
    const create = async (title: string, neighbours: object = {}) =>
      p().command('POST', `/boards/${team.board}/tasks`, users.alice, {
        cardId: card,
        title,
        ...neighbours,
      });
    // Placed by a client from neighbours: a key well past the start of the card.
    const placed = await create('Placed task', { after: 'a5', before: null });
    const first = await create('First default');
    const second = await create('Second default');
    const third = await create('Third default');
    const answer = await p().query(`/boards/${team.board}?minPosition=${third.position}`, {
      as: users.mia,
    });
    expect(answer.status).toBe(200);
    const tasks = (answer.body as BoardAnswer).cards.find((c) => c.cardId === card)?.tasks;
    expect(tasks?.map((t) => t.taskId)).toEqual([placed.id, first.id, second.id, third.id]);
  });
});
