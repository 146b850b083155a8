// The planner of a TaskoMask workspace export: the same ids, the importer as the workspace's
// owner, work attributed to its people while they are members who may write.
import { ImportSourceError, planExportImport, uuidV5 } from '@taskomask/importing';
import { describe, expect, it } from 'vitest';

const ids = {
  workspace: '0b6f3a52-2d0c-4c4e-9a43-6f0d2f5b7e01',
  project: '1b6f3a52-2d0c-4c4e-9a43-6f0d2f5b7e01',
  board: '2b6f3a52-2d0c-4c4e-9a43-6f0d2f5b7e01',
  card: '3b6f3a52-2d0c-4c4e-9a43-6f0d2f5b7e01',
  task: '4b6f3a52-2d0c-4c4e-9a43-6f0d2f5b7e01',
  ada: '5b6f3a52-2d0c-4c4e-9a43-6f0d2f5b7e01',
  ben: '6b6f3a52-2d0c-4c4e-9a43-6f0d2f5b7e01',
  val: '7b6f3a52-2d0c-4c4e-9a43-6f0d2f5b7e01',
  gone: '8b6f3a52-2d0c-4c4e-9a43-6f0d2f5b7e01',
};

const doc = {
  format: 'taskomask.workspace',
  version: 1,
  exportedAt: '2026-12-01T10:00:00.000Z',
  position: 42,
  workspace: { id: ids.workspace, name: 'Acme', description: '' },
  members: [
    { ownerId: ids.ada, displayName: 'Ada', role: 'owner' },
    { ownerId: ids.ben, displayName: 'Ben', role: 'member' },
    { ownerId: ids.val, displayName: 'Val', role: 'viewer' },
  ],
  projects: [
    {
      id: ids.project,
      name: 'Website',
      description: 'The site',
      boards: [
        {
          id: ids.board,
          name: 'Sprint',
          description: '',
          cards: [{ id: ids.card, name: 'To do', type: 'ToDo', position: 'a0' }],
          tasks: [
            {
              id: ids.task,
              cardId: ids.card,
              title: 'Write copy',
              description: 'For the **home** page',
              position: 'a0',
              assigneeId: ids.val,
              labels: ['copy'],
              dueDate: '2027-01-01',
              checklist: [
                { text: 'Draft', done: true },
                { text: 'Review', done: false },
              ],
              comments: [
                {
                  authorId: ids.ben,
                  authorName: 'Ben',
                  text: 'Mine',
                  createdAt: 'x',
                  editedAt: null,
                },
                {
                  authorId: ids.gone,
                  authorName: 'Gus',
                  text: 'Old note',
                  createdAt: 'x',
                  editedAt: null,
                },
              ],
              createdBy: ids.ben,
              createdAt: '2026-11-01T00:00:00.000Z',
              updatedAt: null,
            },
          ],
        },
      ],
    },
  ],
};

describe('planning the import of a workspace export', () => {
  const { steps, report } = planExportImport(doc, { fix: false, importerId: ids.ada });

  it('makes the workspace with its members and roles, the importer being its owner', () => {
    expect(steps[0]).toEqual({
      aggregate: 'workspace',
      id: ids.workspace,
      actor: { kind: 'importer' },
      creates: { entity: 'workspace', id: ids.workspace },
      cards: 0,
      commands: [
        {
          type: 'CreateWorkspace',
          data: { workspaceId: ids.workspace, name: 'Acme', description: '' },
        },
        {
          type: 'AddMember',
          data: { workspaceId: ids.workspace, ownerId: ids.ben, role: 'member' },
        },
        {
          type: 'AddMember',
          data: { workspaceId: ids.workspace, ownerId: ids.val, role: 'viewer' },
        },
      ],
    });
    expect(steps.slice(1, 3).map((s) => s.creates)).toEqual([
      { entity: 'project', id: ids.project },
      { entity: 'board', id: ids.board },
    ]);
  });

  it('creates the task as its author, with everything on it; a viewer is not assigned', () => {
    const task = steps[3]!;
    const item = (i: number) => uuidV5(ids.task, `checklist:${i}`);
    expect(task.actor).toEqual({ kind: 'member', ownerId: ids.ben });
    expect(task.commands.map((c) => c.type)).toEqual([
      'CreateTask',
      'SetDueDate',
      'AddLabel',
      'AddChecklistItem',
      'AddChecklistItem',
      'CheckChecklistItem',
    ]);
    expect(task.commands.at(-1)).toEqual({
      type: 'CheckChecklistItem',
      data: { taskId: ids.task, itemId: item(0) },
    });
    expect(report.counts.assigned).toBe(0);
  });

  it('writes comments as their members; one of a former member says who wrote it', () => {
    const comments = steps.slice(4);
    expect(comments.map((s) => [s.actor, (s.commands[0]!.data as { text: string }).text])).toEqual([
      [{ kind: 'member', ownerId: ids.ben }, 'Mine'],
      [{ kind: 'importer' }, 'from Gus\n\nOld note'],
    ]);
    expect(report.unmatchedPeople).toEqual(['Gus']);
    expect(report).toMatchObject({ source: 'taskomask', problems: [], fixed: false });
  });

  it('refuses a document of another version', () => {
    expect(() =>
      planExportImport({ ...doc, version: 2 }, { fix: false, importerId: ids.ada }),
    ).toThrow(ImportSourceError);
  });
});
