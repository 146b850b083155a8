// Export → import into an empty system → export again (issue #16 §2): the same document, but for
// what describes the source system rather than the workspace — the instant and global position
// of the export, each thing's created/updated/edited instants (the import happens now), and the
// fractional order keys (re-derived when the import appends; the order itself must match).

import { runImport } from '@taskomask/api/imports';
import { planExportImport } from '@taskomask/importing';
import { beforeAll, describe, expect, it } from 'vitest';
import { newUsers, usePipeline } from './support/pipeline';
import { buildTeam, type Team } from './support/team';

type Doc = Record<string, unknown>;

function withoutSourceDetails(doc: Doc): Doc {
  const { exportedAt: _at, position: _position, ...rest } = doc;
  const projects = (rest.projects as Doc[]).map((project) => ({
    ...project,
    boards: (project.boards as Doc[]).map((board) => ({
      ...board,
      cards: (board.cards as Doc[]).map(({ position: _p, ...card }) => card),
      tasks: (board.tasks as Doc[]).map(
        ({ position: _p, createdAt: _c, updatedAt: _u, ...task }) => ({
          ...task,
          comments: (task.comments as Doc[]).map(
            ({ createdAt: _cc, editedAt: _e, ...comment }) => comment,
          ),
        }),
      ),
    })),
  }));
  return { ...rest, projects };
}

describe('a workspace export read back by the importer', () => {
  const source = usePipeline();
  const empty = usePipeline();
  const users = newUsers();
  let team: Team;

  beforeAll(async () => {
    team = await buildTeam(source(), users);
    await source().caughtUp();
  });

  it('export → import into an empty system → export gives the same document', async () => {
    const first = await source().query(`/workspaces/${team.workspace}/export`, { as: users.alice });
    expect(first.status).toBe(200);
    const plan = planExportImport(first.body, { fix: false, importerId: users.alice });
    expect(plan.report.problems).toEqual([]);
    expect(await empty().eventStore.headPosition()).toBe(0);

    const run = await runImport(empty().eventStore, plan, { importerId: users.alice });
    expect(run.written).toBe(plan.steps.length);
    await empty().caughtUp();
    const second = await empty().query(`/workspaces/${team.workspace}/export`, { as: users.alice });
    expect(second.status).toBe(200);
    expect(withoutSourceDetails(second.body)).toEqual(withoutSourceDetails(first.body));
    // What was left out above really is about the source: the content is not empty.
    expect(second.body.projects[0].boards[0].tasks.length).toBeGreaterThan(2);

    // And the import is idempotent here too: a second run writes nothing.
    const head = await empty().eventStore.headPosition();
    const again = await runImport(empty().eventStore, plan, { importerId: users.alice });
    expect(again.written).toBe(0);
    expect(await empty().eventStore.headPosition()).toBe(head);
  });
});
