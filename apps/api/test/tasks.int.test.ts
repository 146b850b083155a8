// Task, label, checklist and comment commands: validation, rules and conflicts, on SQLite and Redis.
import { randomUUID } from 'node:crypto';
import { unavailable } from '@taskomask/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectInvalid, expectProblem } from './support/expect';
import { buildWorld, type StoreKind, useApi, type World } from './support/harness';

function taskSuite(kind: StoreKind) {
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
  const newTask = (as = alice()) =>
    api().ok('POST', `/boards/${w.board}/tasks`, as, {
      cardId: w.todo,
      title: api().unique('Task'),
    });
  const typesAfter = async (position: number) =>
    (await api().eventsAfter(position)).map((e) => e.type);

  describe('creating', () => {
    it.each([
      [{ title: 'No card' }, [{ field: 'cardId', reason: 'is required' }]],
      [{ cardId: 'todo', title: 'Bad card' }, [{ field: 'cardId', reason: 'must be a UUID' }]],
      [
        { cardId: randomUUID(), title: 'ab' },
        [{ field: 'title', reason: 'must be at least 3 characters' }],
      ],
      [
        { cardId: randomUUID(), title: 'Long one', description: 'd'.repeat(2049) },
        [{ field: 'description', reason: 'must be at most 2048 characters' }],
      ],
      [
        { cardId: randomUUID(), title: 'Sneaky', assigneeId: randomUUID() },
        [{ field: 'assigneeId', reason: 'is not a known field' }],
      ],
    ])('POST tasks refuses %j', async (body, errors) => {
      await expectInvalid(api(), () => post(`/boards/${w.board}/tasks`, body), errors);
    });

    it('accepts a 2048-character markdown description', async () => {
      const response = await post(`/boards/${w.board}/tasks`, {
        cardId: w.todo,
        title: api().unique('Spec'),
        description: '#'.repeat(2048),
      });
      expect(response.status).toBe(201);
    });

    it('answers 404 naming an unknown card, or a card of another board', async () => {
      const card = randomUUID();
      await expectProblem(
        api(),
        () => post(`/boards/${w.board}/tasks`, { cardId: card, title: 'Lost task' }),
        404,
        {
          detail: `card ${card} not found`,
        },
      );
      await expectProblem(
        api(),
        () => post(`/boards/${w.board}/tasks`, { cardId: w.foreign.card, title: 'Lost task' }),
        404,
        { detail: `card ${w.foreign.card} not found` },
      );
    });

    it('refuses a duplicate title on the board (422 name_taken)', async () => {
      const title = api().unique('Same title');
      await api().ok('POST', `/boards/${w.board}/tasks`, alice(), { cardId: w.todo, title });
      await expectProblem(
        api(),
        () => post(`/boards/${w.board}/tasks`, { cardId: w.doing, title: title.toUpperCase() }),
        422,
        { rule: 'name_taken' },
      );
    });

    it('answers 404 for a task on a deleted board, as for an unknown task', async () => {
      const board = await api().ok(
        'POST',
        `/workspaces/${w.workspace}/projects/${w.project}/boards`,
        alice(),
        {
          name: api().unique('Short-lived'),
        },
      );
      const card = await api().ok('POST', `/boards/${board}/cards`, alice(), {
        name: 'Only',
        type: 'ToDo',
      });
      const task = await api().ok('POST', `/boards/${board}/tasks`, alice(), {
        cardId: card,
        title: 'Orphan',
      });
      await api().ok('DELETE', `/boards/${board}`, alice());
      await expectProblem(api(), () => patch(`/tasks/${task}`, { title: 'Adopted' }), 404, {
        detail: `task ${task} not found`,
      });
    });
  });

  describe('updating', () => {
    it.each([
      [{}, [{ field: 'body', reason: 'must change at least one field' }]],
      [
        { dueDate: '2025-02-30' },
        [{ field: 'dueDate', reason: 'must be an ISO date (2025-03-01) or date-time with offset' }],
      ],
      [
        { dueDate: '2025-03-01T10:00:00' },
        [{ field: 'dueDate', reason: 'must be an ISO date (2025-03-01) or date-time with offset' }],
      ],
      [{ assigneeId: 'mia' }, [{ field: 'assigneeId', reason: 'must be a UUID' }]],
      [{ title: null }, [{ field: 'title', reason: 'must be a string' }]],
    ])('PATCH task refuses %j', async (body, errors) => {
      await expectInvalid(api(), () => patch(`/tasks/${w.task}`, body), errors);
    });

    it('assigns, unassigns, sets and clears the due date', async () => {
      const task = await newTask();
      let before = await api().head();
      expect(
        (
          await patch(`/tasks/${task}`, {
            assigneeId: api().users.mia,
            dueDate: '2025-03-01T17:00:00+01:00',
          })
        ).status,
      ).toBe(200);
      expect(await typesAfter(before)).toEqual(['TaskAssigned', 'TaskDueDateSet']);
      before = await api().head();
      expect((await patch(`/tasks/${task}`, { assigneeId: null, dueDate: null })).status).toBe(200);
      expect(await typesAfter(before)).toEqual(['TaskUnassigned', 'TaskDueDateCleared']);
    });

    it('refuses an assignee who is no member or only a viewer (422)', async () => {
      await expectProblem(
        api(),
        () => patch(`/tasks/${w.task}`, { assigneeId: api().users.bob }),
        422,
        {
          rule: 'assignee_not_member',
        },
      );
      await expectProblem(
        api(),
        () => patch(`/tasks/${w.task}`, { assigneeId: api().users.val }),
        422,
        {
          rule: 'assignee_read_only',
        },
      );
    });

    it('writes nothing of a PATCH when one of its changes is refused', async () => {
      await expectProblem(
        api(),
        () =>
          patch(`/tasks/${w.task}`, { title: api().unique('Fresh'), assigneeId: api().users.bob }),
        422,
      );
    });

    it('answers an unchanged title with 200 and no write', async () => {
      const task = await newTask();
      const [created] = await api().store.readStream(`task-${task}`);
      const before = await api().head();
      const response = await patch(`/tasks/${task}`, {
        title: (created!.data as { title: string }).title,
      });
      expect(response.status).toBe(200);
      expect(response.body.version).toBe(1);
      expect(await api().head()).toBe(before);
    });

    it('lets a member edit, not a viewer', async () => {
      const task = await newTask(api().users.mia);
      expect(
        (await patch(`/tasks/${task}`, { description: 'by mia' }, api().users.mia)).status,
      ).toBe(200);
      await expectProblem(
        api(),
        () => patch(`/tasks/${task}`, { description: 'by val' }, api().users.val),
        403,
      );
    });
  });

  describe('moving and deleting', () => {
    it('refuses a move without a card and to an unknown card', async () => {
      await expectInvalid(api(), () => post(`/tasks/${w.task}/move`, { after: 'a0' }), [
        { field: 'toCardId', reason: 'is required' },
      ]);
      const card = randomUUID();
      await expectProblem(api(), () => post(`/tasks/${w.task}/move`, { toCardId: card }), 404, {
        detail: `card ${card} not found`,
      });
    });

    it('reorders within a card touching the task stream only', async () => {
      const task = await newTask();
      const before = await api().head();
      const response = await post(`/tasks/${task}/move`, { toCardId: w.todo, after: 'a5' });
      expect(response.status).toBe(200);
      expect(await typesAfter(before)).toEqual(['TaskMoved']);
    });

    it('answers 404 for a deleted task', async () => {
      const task = await newTask();
      await api().ok('DELETE', `/tasks/${task}`, alice());
      await expectProblem(api(), () => del(`/tasks/${task}`), 404, {
        detail: `task ${task} not found`,
      });
    });
  });

  describe('labels', () => {
    it('refuses a blank or too long label', async () => {
      await expectInvalid(api(), () => post(`/tasks/${w.task}/labels`, { label: '  ' }), [
        { field: 'label', reason: 'must not be blank' },
      ]);
      await expectInvalid(api(), () => post(`/tasks/${w.task}/labels`, { label: 'l'.repeat(31) }), [
        { field: 'label', reason: 'must be at most 30 characters' },
      ]);
      await expectInvalid(api(), () => del(`/tasks/${w.task}/labels/${'l'.repeat(31)}`), [
        { field: 'label', reason: 'must be at most 30 characters' },
      ]);
    });

    it('adds a label once (a repeat in other case is 200, no write) and refuses the 21st (422)', async () => {
      const task = await newTask();
      for (let i = 1; i <= 20; i++)
        await api().ok('POST', `/tasks/${task}/labels`, alice(), { label: `label ${i}` });
      const before = await api().head();
      const again = await post(`/tasks/${task}/labels`, { label: 'LABEL 1' });
      expect(again.status).toBe(200);
      expect(await api().head()).toBe(before);
      await expectProblem(api(), () => post(`/tasks/${task}/labels`, { label: 'label 21' }), 422, {
        rule: 'label_limit',
      });
    });

    it('removing a label the task does not have changes nothing (200)', async () => {
      const before = await api().head();
      const response = await del(`/tasks/${w.task}/labels/${encodeURIComponent('not there')}`);
      expect(response.status).toBe(200);
      expect(await api().head()).toBe(before);
    });
  });

  describe('checklist', () => {
    it('refuses blank text and a non-boolean done', async () => {
      await expectInvalid(api(), () => post(`/tasks/${w.task}/checklist`, { text: ' ' }), [
        { field: 'text', reason: 'must not be blank' },
      ]);
      const item = await api().ok('POST', `/tasks/${w.task}/checklist`, alice(), { text: 'Step' });
      await expectInvalid(
        api(),
        () => patch(`/tasks/${w.task}/checklist/${item}`, { done: 'yes' }),
        [{ field: 'done', reason: 'must be true or false' }],
      );
    });

    it('answers 404 naming an unknown item', async () => {
      const item = randomUUID();
      await expectProblem(
        api(),
        () => patch(`/tasks/${w.task}/checklist/${item}`, { done: true }),
        404,
        {
          detail: `checklist item ${item} not found`,
        },
      );
    });

    it('checks and unchecks', async () => {
      const item = await api().ok('POST', `/tasks/${w.task}/checklist`, alice(), {
        text: 'Toggle me',
      });
      const before = await api().head();
      await api().ok('PATCH', `/tasks/${w.task}/checklist/${item}`, alice(), { done: true });
      await api().ok('PATCH', `/tasks/${w.task}/checklist/${item}`, alice(), { done: false });
      expect(await typesAfter(before)).toEqual(['ChecklistItemChecked', 'ChecklistItemUnchecked']);
    });
  });

  describe('comments', () => {
    it('refuses blank and too long text', async () => {
      await expectInvalid(api(), () => post(`/tasks/${w.task}/comments`, { text: '' }), [
        { field: 'text', reason: 'must not be blank' },
      ]);
      await expectInvalid(
        api(),
        () => post(`/tasks/${w.task}/comments`, { text: 'c'.repeat(513) }),
        [{ field: 'text', reason: 'must be at most 512 characters' }],
      );
    });

    it('lets only the author edit, and the author or a moderator delete', async () => {
      const comment = await api().ok('POST', `/tasks/${w.task}/comments`, alice(), {
        text: 'Mine',
      });
      const url = `/tasks/${w.task}/comments/${comment}`;
      await expectProblem(api(), () => patch(url, { text: 'Edited by mia' }, api().users.mia), 403);
      await expectProblem(api(), () => del(url, api().users.mia), 403);
      expect((await patch(url, { text: 'Edited by me' })).status).toBe(200);
      expect((await del(url, api().users.adam)).status).toBe(200);
      await expectProblem(api(), () => del(url), 404, { detail: `comment ${comment} not found` });
    });
  });
}

describe('task commands on SQLite', () => taskSuite('sqlite'));
describe.skipIf(unavailable('redis'))('task commands on Redis', () => taskSuite('redis'));
