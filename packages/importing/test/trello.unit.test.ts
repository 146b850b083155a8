// The Trello planner against a hand-written export (test/fixtures/trello-board.json, written from
// Trello's documented format); every expectation below was worked out by reading the fixture.
import { readFileSync } from 'node:fs';
import type { Step } from '@taskomask/importing';
import {
  ImportSourceError,
  importProjectName,
  isRunnable,
  nobody,
  planTrelloImport,
  uuidV5,
} from '@taskomask/importing';
import { describe, expect, it } from 'vitest';

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/trello-board.json', import.meta.url), 'utf8'),
);
const workspaceId = '0b6f3a52-2d0c-4c4e-9a43-6f0d2f5b7e01';
const alice = '7d1c9a80-4b7e-4f0e-8a55-2c3e4f5a6b7c';
const people = { writers: new Set([alice]), byEmail: new Map([['alice@example.com', alice]]) };
const trelloId = (n: number) => `6${n.toString(16).padStart(23, '0')}`;
const idOf = (kind: string, n: number) => uuidV5(workspaceId, `trello:${kind}:${trelloId(n)}`);
const longTitle =
  'Investigate why the nightly export job sometimes times out for very large workspaces';

const plan = (fix = true) => planTrelloImport(fixture, { workspaceId }, { fix, people });
const taskStep = (steps: readonly Step[], n: number) =>
  steps.find((s) => s.creates.entity === 'task' && s.id === idOf('card', n))!;

describe('planning a Trello board import', () => {
  it('makes a project, the board with its open lists in order as typed cards', () => {
    const { steps, report } = plan();
    const projectId = uuidV5(workspaceId, 'trello:project:imports');
    expect(steps[0]).toMatchObject({
      aggregate: 'workspace',
      creates: { entity: 'project', id: projectId },
      commands: [{ type: 'AddProject', data: { workspaceId, projectId, name: importProjectName } }],
    });
    const board = steps[1]!;
    const boardId = uuidV5(workspaceId, 'trello:board:5f1a2b3c4d5e6f7a8b9c0d1e');
    expect(board.creates).toEqual({ entity: 'board', id: boardId });
    expect(board.commands[0]).toEqual({
      type: 'CreateBoard',
      data: {
        boardId,
        workspaceId,
        projectId,
        name: 'Product Roadmap 🚀',
        description: 'What we ship this quarter',
      },
    });
    const added = board.commands.slice(1) as {
      data: { cardId: string; name: string; type: string };
    }[];
    expect(added.map((c) => [c.data.cardId, c.data.name, c.data.type])).toEqual([
      [idOf('list', 101), 'Backlog', 'Backlog'],
      [idOf('list', 102), 'To Do', 'ToDo'],
      [idOf('list', 103), 'QA (list)', 'ToDo'],
      [idOf('list', 104), 'In Progress', 'Doing'],
      [idOf('list', 105), 'Done', 'Done'],
    ]);
    expect(report.boards).toEqual([{ id: boardId, name: 'Product Roadmap 🚀', projectId }]);
  });

  it('turns open cards into tasks in board order, skipping and counting closed ones', () => {
    const { steps, report } = plan();
    const tasks = steps.filter((s) => s.creates.entity === 'task');
    expect(tasks.map((s) => s.commands[0]!.data)).toMatchObject([
      { taskId: idOf('card', 303), cardId: idOf('list', 101), title: `${longTitle.slice(0, 48)}…` },
      { taskId: idOf('card', 301), cardId: idOf('list', 102), title: 'Write the onboarding guide' },
      { taskId: idOf('card', 309), cardId: idOf('list', 102), title: 'Pick a font' },
      { taskId: idOf('card', 308), cardId: idOf('list', 103), title: 'Test on Android' },
      {
        taskId: idOf('card', 302),
        cardId: idOf('list', 104),
        title: 'Fix login 🐛 on Safari — ünïcödé',
      },
      { taskId: idOf('card', 306), cardId: idOf('list', 105), title: 'Ship v1' },
      { taskId: idOf('card', 307), cardId: idOf('list', 105), title: 'Ship v1 (2)' },
    ]);
    expect(tasks.every((s) => s.cards === 1)).toBe(true);
    expect(report.skipped).toEqual({
      closedLists: 1,
      closedCards: 2,
      overLimitCards: 0,
      blankLabels: 1,
    });
    expect(report.counts).toEqual({
      projects: 1,
      boards: 1,
      cards: 5,
      tasks: 7,
      labels: 4,
      checklistItems: 3,
      comments: 3,
      assigned: 1,
      members: 0,
    });
  });

  it('keeps a cut title whole at the top of the description', () => {
    const step = taskStep(plan().steps, 303);
    expect(step.commands[0]!.data).toMatchObject({
      description: `${longTitle}\n\nSeen on 3 nights out of 10.`,
    });
  });

  it('carries description, due date, labels by name or colour, assignee and checklist state', () => {
    const c1 = taskStep(plan().steps, 301);
    const item = (n: number) => idOf('checkItem', n);
    const taskId = idOf('card', 301);
    expect(c1.actor).toEqual({ kind: 'importer' });
    expect(c1.commands).toEqual([
      {
        type: 'CreateTask',
        data: {
          taskId,
          boardId: uuidV5(workspaceId, 'trello:board:5f1a2b3c4d5e6f7a8b9c0d1e'),
          cardId: idOf('list', 102),
          title: 'Write the onboarding guide',
          description: 'Covers **sign-up**, first board and invites.\n\n- keep it short',
        },
      },
      { type: 'SetDueDate', data: { taskId, dueDate: '2026-01-15T12:00:00.000Z' } },
      { type: 'AssignTask', data: { taskId, assigneeId: alice } },
      { type: 'AddLabel', data: { taskId, label: 'Frontend' } },
      { type: 'AddChecklistItem', data: { taskId, itemId: item(411), text: 'Outline' } },
      { type: 'AddChecklistItem', data: { taskId, itemId: item(412), text: 'Draft' } },
      { type: 'CheckChecklistItem', data: { taskId, itemId: item(411) } },
    ]);
    const c2 = taskStep(plan().steps, 302);
    expect(c2.commands.filter((c) => c.type === 'AddLabel').map((c) => c.data.label)).toEqual([
      'Bug',
      'green',
    ]);
  });

  it('writes comments oldest first, as the member whose email matches, else naming the author', () => {
    const { steps, report } = plan();
    const taskId = idOf('card', 301);
    const comments = steps.filter((s) => s.creates.entity === 'comment' && s.id === taskId);
    expect(comments).toEqual([
      {
        aggregate: 'task',
        id: taskId,
        actor: { kind: 'member', ownerId: alice },
        creates: { entity: 'comment', id: idOf('action', 601) },
        cards: 0,
        commands: [
          {
            type: 'AddComment',
            data: { taskId, commentId: idOf('action', 601), text: "I'll take this one." },
          },
        ],
      },
      {
        aggregate: 'task',
        id: taskId,
        actor: { kind: 'importer' },
        creates: { entity: 'comment', id: idOf('action', 602) },
        cards: 0,
        commands: [
          {
            type: 'AddComment',
            data: {
              taskId,
              commentId: idOf('action', 602),
              text: 'from Trello: Bob Stone\n\nAdd a section on <script>alert(1)</script> labels',
            },
          },
        ],
      },
    ]);
    expect(report.unmatchedPeople).toEqual(['Bob Stone']);
  });

  it('without a matching account every comment names its author and nobody is assigned', () => {
    const { steps, report } = planTrelloImport(
      fixture,
      { workspaceId },
      { fix: true, people: nobody },
    );
    expect(steps.some((s) => s.actor.kind === 'member')).toBe(false);
    const types = steps.flatMap((s) =>
      (s.commands as readonly { type: string }[]).map((c) => c.type),
    );
    expect(types).not.toContain('AssignTask');
    expect(types.filter((t) => t === 'AddComment')).toHaveLength(3);
    expect(report.unmatchedPeople).toEqual(['Alice Martin', 'Bob Stone']);
  });

  it('reports what breaks our rules; without fix the plan may not run', () => {
    const strict = plan(false);
    expect(strict.report.problems.map((p) => [p.at, p.rule])).toEqual([
      ['lists[3].name', 'too_short'],
      ['cards[3].name', 'too_long'],
      ['cards[6].name', 'duplicate'],
    ]);
    expect(strict.report.fixed).toBe(false);
    expect(isRunnable(strict)).toBe(false);
    expect(isRunnable(plan(true))).toBe(true);
  });

  it('derives the same ids from the same file and workspace, other ids in another workspace', () => {
    expect(plan()).toEqual(plan());
    const elsewhere = planTrelloImport(
      fixture,
      { workspaceId: '1b6f3a52-2d0c-4c4e-9a43-6f0d2f5b7e01' },
      { fix: true, people: nobody },
    );
    expect(elsewhere.steps[1]!.id).not.toBe(plan().steps[1]!.id);
  });

  it('into a given project makes no project', () => {
    const projectId = '2b6f3a52-2d0c-4c4e-9a43-6f0d2f5b7e01';
    const { steps, report } = planTrelloImport(
      fixture,
      { workspaceId, projectId },
      { fix: true, people: nobody },
    );
    expect(steps[0]!.commands[0]).toMatchObject({ type: 'CreateBoard', data: { projectId } });
    expect(report.counts.projects).toBe(0);
  });

  it('renames a board or project whose name another one in the workspace has', () => {
    const projectId = uuidV5(workspaceId, 'trello:project:imports');
    const ours = uuidV5(workspaceId, 'trello:board:5f1a2b3c4d5e6f7a8b9c0d1e');
    const siblings = new Map([
      ['p-other', { name: 'Imported from Trello', boards: new Map() }],
      [
        projectId,
        {
          name: 'Imported from Trello (2)',
          boards: new Map([['b-other', { name: 'product roadmap 🚀' }]]),
        },
      ],
    ]);
    const { steps, report } = planTrelloImport(
      fixture,
      { workspaceId },
      { fix: false, people: nobody, siblings },
    );
    expect(steps[0]!.commands[0]!.data).toMatchObject({ name: 'Imported from Trello (2)' });
    expect(steps[1]!.commands[0]!.data).toMatchObject({ name: 'Product Roadmap 🚀 (2)' });
    expect(report.problems.slice(0, 2).map((p) => [p.at, p.rule])).toEqual([
      ['(project)', 'duplicate'],
      ['name', 'duplicate'],
    ]);
    // Its own board, imported before, does not clash with itself.
    const again = planTrelloImport(
      fixture,
      { workspaceId },
      {
        fix: false,
        people: nobody,
        siblings: new Map([
          [
            projectId,
            {
              name: 'Imported from Trello',
              boards: new Map([[ours, { name: 'Product Roadmap 🚀' }]]),
            },
          ],
        ]),
      },
    );
    expect(again.report.problems).toHaveLength(3);
    expect(again.report.counts.projects).toBe(0);
  });

  it('merges lists beyond ten into the tenth and leaves out cards beyond a thousand', () => {
    const lists = Array.from({ length: 12 }, (_, n) => ({
      id: `l${n}`,
      name: `List ${n}`,
      closed: false,
      pos: n,
    }));
    const cards = Array.from({ length: 1003 }, (_, n) => ({
      id: `c${n}`,
      name: `Card ${n}`,
      idList: `l${n % 12}`,
      pos: n,
    }));
    const big = { id: 'b1', name: 'Big board', lists, cards };
    const { steps, report } = planTrelloImport(big, { workspaceId }, { fix: true, people: nobody });
    expect(report.problems.map((p) => p.rule)).toEqual(['card_limit', 'card_limit', 'task_limit']);
    expect(report.counts).toMatchObject({ cards: 10, tasks: 1000 });
    expect(report.skipped.overLimitCards).toBe(3);
    const tenth = uuidV5(workspaceId, 'trello:list:l9');
    const fromEleventh = steps.find((s) => s.id === uuidV5(workspaceId, 'trello:card:c10'))!;
    expect(fromEleventh.commands).toEqual([
      expect.objectContaining({
        type: 'CreateTask',
        data: expect.objectContaining({ cardId: tenth }),
      }),
      { type: 'AddLabel', data: { taskId: fromEleventh.id, label: 'List 10' } },
    ]);
  });

  it('refuses a file that is not a Trello board, naming the field', () => {
    const refusal = (input: unknown) => {
      try {
        planTrelloImport(input, { workspaceId }, { fix: false, people: nobody });
      } catch (error) {
        if (error instanceof ImportSourceError) return error.issues;
        throw error;
      }
      throw new Error('planned a file that is not a Trello board');
    };
    expect(refusal({ id: 'x', name: 'y', cards: [] })[0]).toMatchObject({ field: 'lists' });
    expect(refusal({ id: 'x', name: 'y', lists: [], cards: [{ id: 1 }] })[0]).toMatchObject({
      field: 'cards.0.id',
    });
  });
});
