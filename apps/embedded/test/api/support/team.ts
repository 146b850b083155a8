import type { Pipeline, Users } from './pipeline';

export type Team = Readonly<{
  users: Users;
  /** alice owns it; adam is admin, mia member, val viewer. */
  workspace: string;
  project: string;
  board: string;
  cards: Readonly<{ todo: string; doing: string; done: string }>;
  tasks: Readonly<{ login: string; bug: string; deploy: string; docs: string; gone: string }>;
  item: string;
  comment: string;
  /** A board of the project that was deleted, with a task assigned to mia on it. */
  deletedBoard: string;
  deletedBoardTask: string;
  /** alice's second workspace, which mia was removed from (her task there stays assigned). */
  left: Readonly<{ workspace: string; board: string; task: string }>;
  /** bob's workspace: ids nobody else may see. */
  foreign: Readonly<{ workspace: string; project: string; board: string; task: string }>;
  /** Position of the last command. */
  position: number;
}>;

/** A date `days` from now (UTC), as a bare ISO date. */
export const daysFromNow = (days: number) =>
  new Date(Date.now() + days * 24 * 3600_000).toISOString().slice(0, 10);

/** Builds the team through the command API, as a client would. */
export async function buildTeam(p: Pipeline, users: Users): Promise<Team> {
  const { alice, adam, mia, val, bob } = users;
  const c = p.command;
  const { id: workspace } = await c('POST', '/workspaces', alice, {
    name: 'Acme',
    description: 'Where we build',
  });
  for (const [ownerId, role] of [
    [adam, 'admin'],
    [mia, 'member'],
    [val, 'viewer'],
  ] as const) {
    await c('POST', `/workspaces/${workspace}/members`, alice, { ownerId, role });
  }
  const { id: project } = await c('POST', `/workspaces/${workspace}/projects`, alice, {
    name: 'Website',
  });
  const { id: board } = await c(
    'POST',
    `/workspaces/${workspace}/projects/${project}/boards`,
    alice,
    {
      name: 'Sprint 1',
      description: 'Two weeks',
    },
  );
  const card = async (name: string, type: string) =>
    (await c('POST', `/boards/${board}/cards`, alice, { name, type })).id;
  const todo = await card('To do', 'ToDo');
  const doing = await card('Doing', 'Doing');
  const done = await card('Done', 'Done');
  const task = async (cardId: string, title: string, as = alice) =>
    (await c('POST', `/boards/${board}/tasks`, as, { cardId, title })).id;

  const login = await task(todo, 'Write login page');
  await c('PATCH', `/tasks/${login}`, alice, {
    assigneeId: mia,
    dueDate: '2020-01-15',
    description: 'With **remember me**',
  });
  await c('POST', `/tasks/${login}/labels`, alice, { label: 'Frontend' });
  const { id: item } = await c('POST', `/tasks/${login}/checklist`, mia, {
    text: 'Draft the form',
  });
  await c('PATCH', `/tasks/${login}/checklist/${item}`, mia, { done: true });
  await c('POST', `/tasks/${login}/checklist`, mia, { text: 'Wire it up' });
  const { id: comment } = await c('POST', `/tasks/${login}/comments`, mia, { text: 'On it' });

  const bug = await task(todo, 'Fix login bug', mia);
  await c('PATCH', `/tasks/${bug}`, mia, { assigneeId: adam, dueDate: daysFromNow(3) });
  await c('POST', `/tasks/${bug}/labels`, mia, { label: 'bug' });

  const deploy = await task(doing, 'Deploy to staging');
  await c('PATCH', `/tasks/${deploy}`, alice, { assigneeId: mia });

  const docs = await task(todo, 'Write docs');
  await c('PATCH', `/tasks/${docs}`, alice, { dueDate: '2099-12-31T17:00:00+01:00' });

  const gone = await task(todo, 'Old task');
  await c('PATCH', `/tasks/${gone}`, alice, { assigneeId: mia });
  await c('DELETE', `/tasks/${gone}`, alice);

  // The bug goes to Doing, below the deploy task.
  await c('POST', `/tasks/${bug}/move`, mia, {
    toCardId: doing,
    after: await positionOf(p, deploy),
  });

  const { id: deletedBoard } = await c(
    'POST',
    `/workspaces/${workspace}/projects/${project}/boards`,
    alice,
    { name: 'Archive' },
  );
  const { id: archiveCard } = await c('POST', `/boards/${deletedBoard}/cards`, alice, {
    name: 'Old',
    type: 'Done',
  });
  const { id: deletedBoardTask } = await c('POST', `/boards/${deletedBoard}/tasks`, alice, {
    cardId: archiveCard,
    title: 'Archived work',
  });
  await c('PATCH', `/tasks/${deletedBoardTask}`, alice, { assigneeId: mia });
  await c('DELETE', `/boards/${deletedBoard}`, alice);

  const { id: side } = await c('POST', '/workspaces', alice, { name: 'Side project' });
  await c('POST', `/workspaces/${side}/members`, alice, { ownerId: mia, role: 'member' });
  const { id: sideProject } = await c('POST', `/workspaces/${side}/projects`, alice, {
    name: 'Garden',
  });
  const { id: sideBoard } = await c(
    'POST',
    `/workspaces/${side}/projects/${sideProject}/boards`,
    alice,
    { name: 'Plants' },
  );
  const { id: sideCard } = await c('POST', `/boards/${sideBoard}/cards`, alice, {
    name: 'Now',
    type: 'Doing',
  });
  const { id: sideTask } = await c('POST', `/boards/${sideBoard}/tasks`, alice, {
    cardId: sideCard,
    title: 'Water tomatoes',
  });
  await c('PATCH', `/tasks/${sideTask}`, alice, { assigneeId: mia });
  await c('DELETE', `/workspaces/${side}/members/${mia}`, alice);

  const { id: fw } = await c('POST', '/workspaces', bob, { name: 'Rival' });
  const { id: fp } = await c('POST', `/workspaces/${fw}/projects`, bob, { name: 'Secret' });
  const { id: fb } = await c('POST', `/workspaces/${fw}/projects/${fp}/boards`, bob, {
    name: 'Plans',
  });
  const { id: fc } = await c('POST', `/boards/${fb}/cards`, bob, {
    name: 'Backlog',
    type: 'Backlog',
  });
  const { id: ft } = await c('POST', `/boards/${fb}/tasks`, bob, { cardId: fc, title: 'Hidden' });
  await c('POST', `/tasks/${ft}/labels`, bob, { label: 'bug' });
  const last = await c('PATCH', `/tasks/${ft}`, bob, { assigneeId: bob, dueDate: '2020-01-01' });

  return {
    users,
    workspace,
    project,
    board,
    cards: { todo, doing, done },
    tasks: { login, bug, deploy, docs, gone },
    item,
    comment,
    deletedBoard,
    deletedBoardTask,
    left: { workspace: side, board: sideBoard, task: sideTask },
    foreign: { workspace: fw, project: fp, board: fb, task: ft },
    position: last.position,
  };
}

/** A task's order key, read back through the query side (after the projector caught up). */
async function positionOf(p: Pipeline, taskId: string): Promise<string> {
  await p.caughtUp();
  const doc = await p.projector.readStore().get<{ position: string }>('tasks', taskId);
  if (doc === undefined) throw new Error(`task ${taskId} not projected`);
  return doc.value.position;
}
