import { describe, expect, it } from 'vitest';
import type { BoardEvent } from '../board/events';
import { boardDecider } from '../board/index';
import {
  AlreadyExists,
  ForbiddenError,
  NotFoundError,
  RuleViolation,
  ValidationError,
} from '../errors';
import { foldEvents } from '../fold';
import { positionBetween, positionTail as tail } from '../position';
import {
  board,
  boardHistory,
  boardId,
  by,
  now,
  projectId,
  taskCreated,
  taskId,
  workspace,
  workspaceId,
} from '../testing/fixtures';
import { spec } from '../testing/spec';
import type { TaskCommand } from './commands';
import type { TaskEvent } from './events';
import { taskDecider } from './index';

const context = { workspace, board };
const given = (events: TaskEvent[]) => spec(taskDecider).given(events);
const created = [taskCreated];
const later = '2025-03-02T10:00:00.000Z';

/** A task-only command on t1, by mia unless said otherwise. */
function on<T extends TaskCommand['type']>(
  type: T,
  data: Omit<Extract<TaskCommand, { type: T }>['data'], 'taskId'>,
  userId = 'mia',
): TaskCommand {
  return { type, data: { taskId, ...data }, metadata: by(userId, later) } as TaskCommand;
}

describe('CreateTask', () => {
  const create = (
    data: Partial<Extract<TaskCommand, { type: 'CreateTask' }>['data']> = {},
    userId = 'mia',
  ): TaskCommand => ({
    type: 'CreateTask',
    data: { taskId: 't2', boardId, cardId: 'doing', title: 'Fix footer', ...data },
    metadata: by(userId),
  });

  it('creates a task on a card, between its neighbours', () => {
    given([])
      .when(create({ description: ' The links ', after: 'a0', before: 'a1' }), context)
      .then([
        {
          type: 'TaskCreated',
          data: {
            taskId: 't2',
            workspaceId,
            boardId,
            cardId: 'doing',
            title: 'Fix footer',
            description: 'The links',
            position: `a0V${tail('t2')}`,
            createdBy: 'mia',
            createdAt: now,
          },
        },
      ]);
  });

  it('puts a task created without neighbours at the end of its card, in creation order', () => {
    const positionOf = (command: TaskCommand) => {
      const [event] = taskDecider.decide(command, { status: 'initial' }, context);
      if (event?.type !== 'TaskCreated') throw new Error('no TaskCreated');
      return event.data.position;
    };
    const at = (taskId: string, instant: string) => ({
      ...create({ taskId }),
      metadata: by('mia', instant),
    });
    // Placed from neighbours, as a client does: far down the card, and moved to the end later.
    const placed = positionOf(create({ taskId: 't9', after: 'b0z' }));
    const first = positionOf(at('t3', '2026-12-04T18:00:00.000Z'));
    const movedToEnd = positionBetween(first, null, 't9');
    const second = positionOf(at('t4', '2026-12-04T18:00:00.001Z'));
    const third = positionOf(at('t5', '2026-12-05T09:30:00.000Z'));
    expect([placed, first, movedToEnd, second, third]).toEqual(
      [placed, first, movedToEnd, second, third].sort(),
    );
    // Valid keys: a client can place after or before any of them.
    expect(positionOf(create({ taskId: 't6', after: second, before: third }))).toSatisfy(
      (key: string) => second < key && key < third,
    );
  });

  it('accepts a 2048-character description and refuses a longer one', () => {
    expect(
      taskDecider.decide(create({ description: 'm'.repeat(2048) }), { status: 'initial' }, context),
    ).toHaveLength(1);
    given([])
      .when(create({ description: 'm'.repeat(2049) }), context)
      .thenThrows(ValidationError, { field: 'description' });
  });

  it('refuses bad titles', () => {
    given([])
      .when(create({ title: 'Hi' }), context)
      .thenThrows(ValidationError, { field: 'title' });
    given([])
      .when(create({ title: 't'.repeat(51) }), context)
      .thenThrows(ValidationError, { field: 'title' });
    given([])
      .when(create({ title: 'Fix footer', description: 'fix FOOTER' }), context)
      .thenThrows(ValidationError, { field: 'description' });
  });

  it('leaves unique titles and the task limit to the board registry’s conditions', () => {
    // The fixture board's older registry already holds "Write copy" and 999 more would not
    // stop it either: decideTaskOnBoard turns both rules into conditions of the append.
    const registered: BoardEvent[] = Array.from({ length: 1000 }, (_, i) => ({
      type: 'BoardTaskAdded',
      data: { boardId, taskId: `x${i}`, cardId: 'todo', title: `Task ${i}` },
    }));
    const full = foldEvents(boardDecider, [...boardHistory, ...registered]);
    expect(
      taskDecider.decide(
        create({ title: ' WRITE copy ' }),
        { status: 'initial' },
        { workspace, board: full },
      ),
    ).toHaveLength(1);
  });

  it('needs a live board and a card of it', () => {
    given([])
      .when(create({ cardId: 'nope' }), context)
      .thenThrows(NotFoundError, { entity: 'card' });
    const deleted = foldEvents(boardDecider, [
      ...boardHistory,
      { type: 'BoardDeleted', data: { boardId, workspaceId, projectId, name: 'Sprint 1' } },
    ]);
    given([])
      .when(create(), { workspace, board: deleted })
      .thenThrows(NotFoundError, { entity: 'board' });
    given([])
      .when(create(), { workspace, board: boardDecider.initialState() })
      .thenThrows(NotFoundError, { entity: 'board' });
  });

  it('refuses viewers, outsiders, used ids and bad positions', () => {
    given([]).when(create({}, 'val'), context).thenThrows(ForbiddenError);
    given([]).when(create({}, 'nick'), context).thenThrows(NotFoundError, { entity: 'workspace' });
    given(created).when(create({ taskId }), context).thenThrows(AlreadyExists);
    given([])
      .when(create({ after: 'a1', before: 'a0' }), context)
      .thenThrows(ValidationError, { field: 'position' });
  });
});

describe('RenameTask and DescribeTask', () => {
  it('RenameTask renames, remembering the previous title', () => {
    given(created)
      .when(on('RenameTask', { title: 'Write the copy' }), context)
      .then([
        {
          type: 'TaskRenamed',
          data: { taskId, boardId, title: 'Write the copy', previousTitle: 'Write copy' },
        },
      ]);
    given(created)
      .when(on('RenameTask', { title: 'Write copy' }), context)
      .then([]);
  });

  it('RenameTask refuses the description, a bad title (titles are the registry’s conditions)', () => {
    given(created)
      .when(on('RenameTask', { title: 'for the landing page' }), context)
      .thenThrows(ValidationError, { field: 'title' });
    given(created)
      .when(on('RenameTask', { title: 'No' }), context)
      .thenThrows(ValidationError);
  });

  it('DescribeTask sets markdown up to 2048 characters', () => {
    given(created)
      .when(on('DescribeTask', { description: '# Copy\n\n- hero\n- pricing' }), context)
      .then([
        {
          type: 'TaskDescribed',
          data: { taskId, boardId, description: '# Copy\n\n- hero\n- pricing' },
        },
      ]);
    given(created)
      .when(on('DescribeTask', { description: 'For the landing page' }), context)
      .then([]);
    given(created)
      .when(on('DescribeTask', { description: 'x'.repeat(2049) }), context)
      .thenThrows(ValidationError, { field: 'description' });
    given(created)
      .when(on('DescribeTask', { description: 'write COPY' }), context)
      .thenThrows(ValidationError, { field: 'description' });
  });
});

describe('AssignTask and UnassignTask', () => {
  const assigned: TaskEvent = {
    type: 'TaskAssigned',
    data: { taskId, boardId, assigneeId: 'mia', previousAssigneeId: null },
  };

  it('assigns a member; reassigning remembers the previous assignee', () => {
    given(created)
      .when(on('AssignTask', { assigneeId: 'mia' }), context)
      .then([assigned]);
    given([...created, assigned])
      .when(on('AssignTask', { assigneeId: 'adam' }), context)
      .then([
        {
          type: 'TaskAssigned',
          data: { taskId, boardId, assigneeId: 'adam', previousAssigneeId: 'mia' },
        },
      ]);
  });

  it('does nothing when the assignee is already assigned', () => {
    given([...created, assigned])
      .when(on('AssignTask', { assigneeId: 'mia' }), context)
      .then([]);
  });

  it('needs an assignee who is a member able to work on tasks', () => {
    given(created)
      .when(on('AssignTask', { assigneeId: 'nick' }), context)
      .thenThrows(RuleViolation, { rule: 'assignee_not_member' });
    given(created)
      .when(on('AssignTask', { assigneeId: 'val' }), context)
      .thenThrows(RuleViolation, { rule: 'assignee_read_only' });
  });

  it('unassigns; no-op when nobody is assigned', () => {
    given([...created, assigned])
      .when(on('UnassignTask', {}), context)
      .then([{ type: 'TaskUnassigned', data: { taskId, boardId, previousAssigneeId: 'mia' } }]);
    given(created).when(on('UnassignTask', {}), context).then([]);
  });
});

describe('SetDueDate and ClearDueDate', () => {
  it.each(['2025-03-31', '2024-02-29', '2025-03-31T17:00:00Z', '2025-03-31T17:00+02:00'])(
    'accepts %s',
    (dueDate) => {
      given(created)
        .when(on('SetDueDate', { dueDate }), context)
        .then([
          { type: 'TaskDueDateSet', data: { taskId, boardId, dueDate, previousDueDate: null } },
        ]);
    },
  );

  it.each([
    'tomorrow',
    '2025-02-29',
    '2025-13-01',
    '2025-04-31',
    '2025-03-31T17:00',
    '2025-03-31T24:00Z',
    '2025-3-1',
  ])('refuses %s', (dueDate) => {
    given(created)
      .when(on('SetDueDate', { dueDate }), context)
      .thenThrows(ValidationError, { field: 'dueDate' });
  });

  const dueSet: TaskEvent = {
    type: 'TaskDueDateSet',
    data: { taskId, boardId, dueDate: '2025-03-31', previousDueDate: null },
  };

  it('does nothing for the same date; clearing clears', () => {
    given([...created, dueSet])
      .when(on('SetDueDate', { dueDate: '2025-03-31' }), context)
      .then([]);
    given([...created, dueSet])
      .when(on('ClearDueDate', {}), context)
      .then([
        { type: 'TaskDueDateCleared', data: { taskId, boardId, previousDueDate: '2025-03-31' } },
      ]);
    given(created).when(on('ClearDueDate', {}), context).then([]);
  });
});

describe('labels', () => {
  const label = (text: string): TaskEvent => ({
    type: 'TaskLabelAdded',
    data: { taskId, boardId, label: text },
  });

  it('AddLabel adds a trimmed label; an existing one (any case) is a no-op', () => {
    given(created)
      .when(on('AddLabel', { label: ' urgent ' }), context)
      .then([label('urgent')]);
    given([...created, label('urgent')])
      .when(on('AddLabel', { label: 'URGENT' }), context)
      .then([]);
  });

  it('AddLabel refuses blank and over-30 labels, and a 21st label', () => {
    given(created)
      .when(on('AddLabel', { label: '  ' }), context)
      .thenThrows(ValidationError, { field: 'label' });
    given(created)
      .when(on('AddLabel', { label: 'l'.repeat(31) }), context)
      .thenThrows(ValidationError, { field: 'label' });
    const twenty = Array.from({ length: 20 }, (_, i) => label(`label ${i}`));
    given([...created, ...twenty.slice(0, 19)])
      .when(on('AddLabel', { label: 'label 19' }), context)
      .then([label('label 19')]);
    given([...created, ...twenty])
      .when(on('AddLabel', { label: 'one more' }), context)
      .thenThrows(RuleViolation, { rule: 'label_limit' });
  });

  it('RemoveLabel removes the label as stored; a missing one is a no-op', () => {
    given([...created, label('Urgent')])
      .when(on('RemoveLabel', { label: 'urgent' }), context)
      .then([{ type: 'TaskLabelRemoved', data: { taskId, boardId, label: 'Urgent' } }]);
    given(created)
      .when(on('RemoveLabel', { label: 'urgent' }), context)
      .then([]);
  });
});

describe('checklist', () => {
  const item = (itemId: string, text = 'Draft'): TaskEvent => ({
    type: 'ChecklistItemAdded',
    data: { taskId, boardId, itemId, text },
  });
  const checked: TaskEvent = {
    type: 'ChecklistItemChecked',
    data: { taskId, boardId, itemId: 'i1', text: 'Draft' },
  };

  it('AddChecklistItem adds an item; a retry is a no-op; another text under the id clashes', () => {
    given(created)
      .when(on('AddChecklistItem', { itemId: 'i1', text: ' Draft ' }), context)
      .then([item('i1')]);
    given([...created, item('i1')])
      .when(on('AddChecklistItem', { itemId: 'i1', text: 'Draft' }), context)
      .then([]);
    given([...created, item('i1')])
      .when(on('AddChecklistItem', { itemId: 'i1', text: 'Review' }), context)
      .thenThrows(AlreadyExists);
  });

  it('AddChecklistItem refuses blank or over-200 text and a 101st item', () => {
    given(created)
      .when(on('AddChecklistItem', { itemId: 'i1', text: ' ' }), context)
      .thenThrows(ValidationError, { field: 'text' });
    given(created)
      .when(on('AddChecklistItem', { itemId: 'i1', text: 'x'.repeat(201) }), context)
      .thenThrows(ValidationError, { field: 'text' });
    const hundred = Array.from({ length: 100 }, (_, i) => item(`i${i}`, `Step ${i}`));
    given([...created, ...hundred])
      .when(on('AddChecklistItem', { itemId: 'i100', text: 'Step 100' }), context)
      .thenThrows(RuleViolation, { rule: 'checklist_limit' });
  });

  it('CheckChecklistItem and UncheckChecklistItem toggle; repeats are no-ops', () => {
    given([...created, item('i1')])
      .when(on('CheckChecklistItem', { itemId: 'i1' }), context)
      .then([checked]);
    given([...created, item('i1'), checked])
      .when(on('CheckChecklistItem', { itemId: 'i1' }), context)
      .then([]);
    given([...created, item('i1'), checked])
      .when(on('UncheckChecklistItem', { itemId: 'i1' }), context)
      .then([
        { type: 'ChecklistItemUnchecked', data: { taskId, boardId, itemId: 'i1', text: 'Draft' } },
      ]);
    given([...created, item('i1')])
      .when(on('UncheckChecklistItem', { itemId: 'i1' }), context)
      .then([]);
    given(created)
      .when(on('CheckChecklistItem', { itemId: 'i9' }), context)
      .thenThrows(NotFoundError, { entity: 'checklist_item' });
    given(created)
      .when(on('UncheckChecklistItem', { itemId: 'i9' }), context)
      .thenThrows(NotFoundError);
  });

  it('RemoveChecklistItem removes, saying whether it was checked', () => {
    given([...created, item('i1'), checked])
      .when(on('RemoveChecklistItem', { itemId: 'i1' }), context)
      .then([
        {
          type: 'ChecklistItemRemoved',
          data: { taskId, boardId, itemId: 'i1', text: 'Draft', wasChecked: true },
        },
      ]);
    given(created)
      .when(on('RemoveChecklistItem', { itemId: 'i1' }), context)
      .thenThrows(NotFoundError);
  });
});

describe('MoveTask and DeleteTask', () => {
  it('MoveTask moves to another card with one event', () => {
    given(created)
      .when(on('MoveTask', { toCardId: 'doing', after: 'a0' }), context)
      .then([
        {
          type: 'TaskMoved',
          data: {
            taskId,
            boardId,
            fromCardId: 'todo',
            toCardId: 'doing',
            position: `a1${tail(taskId)}`,
            fromCardName: 'To do',
            toCardName: 'Doing',
          },
        },
      ]);
  });

  it('MoveTask reorders within the card', () => {
    given(created)
      .when(on('MoveTask', { toCardId: 'todo', after: 'a1', before: 'a2' }), context)
      .then([
        {
          type: 'TaskMoved',
          data: {
            taskId,
            boardId,
            fromCardId: 'todo',
            toCardId: 'todo',
            position: `a1V${tail(taskId)}`,
            fromCardName: 'To do',
            toCardName: 'To do',
          },
        },
      ]);
    // The same gap again gives the same key (the tail is the task's own): nothing to do.
    const move = on('MoveTask', { toCardId: 'todo', after: 'a1', before: 'a2' });
    const moved = taskDecider.decide(move, foldEvents(taskDecider, created), context);
    given([...created, ...moved])
      .when(move, context)
      .then([]);
  });

  it('MoveTask onto its own card without neighbours leaves a task where it is', () => {
    // Created at the end of its card (a key derived from its instant, not 'a0' + tail).
    const atEnd = taskDecider.decide(
      {
        type: 'CreateTask',
        data: { taskId, boardId, cardId: 'todo', title: 'At the end' },
        metadata: by('mia'),
      },
      { status: 'initial' },
      context,
    );
    given(atEnd)
      .when(on('MoveTask', { toCardId: 'todo' }), context)
      .then([]);
  });

  it('MoveTask refuses an unknown card and bad neighbours', () => {
    given(created)
      .when(on('MoveTask', { toCardId: 'nope' }), context)
      .thenThrows(NotFoundError, { entity: 'card' });
    given(created)
      .when(on('MoveTask', { toCardId: 'done', after: 'b', before: null }), context)
      .thenThrows(ValidationError, { field: 'position' });
  });

  const deleted: TaskEvent = {
    type: 'TaskDeleted',
    data: { taskId, boardId, cardId: 'todo', title: 'Write copy' },
  };

  it('DeleteTask deletes; the task is then gone for every command', () => {
    given(created).when(on('DeleteTask', {}), context).then([deleted]);
    given([...created, deleted])
      .when(on('DeleteTask', {}), context)
      .thenThrows(NotFoundError);
    given([...created, deleted])
      .when(on('AddLabel', { label: 'late' }), context)
      .thenThrows(NotFoundError, { entity: 'task' });
    given([])
      .when(on('RenameTask', { title: 'Ghost task' }), context)
      .thenThrows(NotFoundError);
  });
});

describe('comments', () => {
  const added: TaskEvent = {
    type: 'CommentAdded',
    data: { taskId, boardId, commentId: 'k1', authorId: 'mia', text: 'On it', createdAt: later },
  };
  const history = [...created, added];

  it('AddComment records author and time from the metadata', () => {
    given(created)
      .when(on('AddComment', { commentId: 'k1', text: ' On it ' }), context)
      .then([added]);
  });

  it('AddComment needs 1 to 512 non-blank characters, a new id and a writer', () => {
    given(created)
      .when(on('AddComment', { commentId: 'k1', text: ' \n ' }), context)
      .thenThrows(ValidationError, { field: 'text' });
    expect(
      taskDecider.decide(
        on('AddComment', { commentId: 'k2', text: 'c'.repeat(512) }),
        foldEvents(taskDecider, created),
        context,
      ),
    ).toHaveLength(1);
    given(created)
      .when(on('AddComment', { commentId: 'k1', text: 'c'.repeat(513) }), context)
      .thenThrows(ValidationError);
    given(history)
      .when(on('AddComment', { commentId: 'k1', text: 'Again' }), context)
      .thenThrows(AlreadyExists);
    given(created)
      .when(on('AddComment', { commentId: 'k1', text: 'Nice' }, 'val'), context)
      .thenThrows(ForbiddenError);
  });

  it('EditComment is for its author only', () => {
    given(history)
      .when(on('EditComment', { commentId: 'k1', text: 'Done' }), context)
      .then([
        {
          type: 'CommentEdited',
          data: { taskId, boardId, commentId: 'k1', text: 'Done', editedAt: later },
        },
      ]);
    given(history)
      .when(on('EditComment', { commentId: 'k1', text: 'On it' }), context)
      .then([]);
    given(history)
      .when(on('EditComment', { commentId: 'k1', text: 'Mine' }, 'adam'), context)
      .thenThrows(ForbiddenError);
    given(history)
      .when(on('EditComment', { commentId: 'k1', text: 'Mine' }, 'alice'), context)
      .thenThrows(ForbiddenError);
    given(history)
      .when(on('EditComment', { commentId: 'k9', text: 'Hm' }), context)
      .thenThrows(NotFoundError, { entity: 'comment' });
    given(history)
      .when(on('EditComment', { commentId: 'k1', text: '' }), context)
      .thenThrows(ValidationError);
  });

  it('DeleteComment is for its author, or an admin or owner moderating', () => {
    const deletedBy = {
      type: 'CommentDeleted',
      data: { taskId, boardId, commentId: 'k1', authorId: 'mia' },
    } as const;
    given(history)
      .when(on('DeleteComment', { commentId: 'k1' }), context)
      .then([deletedBy]);
    given(history)
      .when(on('DeleteComment', { commentId: 'k1' }, 'adam'), context)
      .then([deletedBy]);
    given(history)
      .when(on('DeleteComment', { commentId: 'k1' }, 'alice'), context)
      .then([deletedBy]);
    const byAdam: TaskEvent = {
      type: 'CommentAdded',
      data: { taskId, boardId, commentId: 'k2', authorId: 'adam', text: 'Hm', createdAt: now },
    };
    given([...created, byAdam])
      .when(on('DeleteComment', { commentId: 'k2' }), context)
      .thenThrows(ForbiddenError);
    given(history)
      .when(on('DeleteComment', { commentId: 'k1' }, 'val'), context)
      .thenThrows(ForbiddenError);
    given([...history, deletedBy])
      .when(on('DeleteComment', { commentId: 'k1' }), context)
      .thenThrows(NotFoundError);
  });
});

describe('every task command', () => {
  const deletedBoard = foldEvents(boardDecider, [
    ...boardHistory,
    { type: 'BoardDeleted', data: { boardId, workspaceId, projectId, name: 'Sprint 1' } },
  ]);

  it.each([
    on('DescribeTask', { description: 'Anything' }),
    on('AssignTask', { assigneeId: 'mia' }),
    on('AddLabel', { label: 'x' }),
    on('AddComment', { commentId: 'k1', text: 'Hi' }),
    on('MoveTask', { toCardId: 'done' }),
  ])(
    '$type finds no task on a deleted board, hides it from outsiders, refuses viewers',
    (command) => {
      given(created)
        .when(command, { workspace, board: deletedBoard })
        .thenThrows(NotFoundError, { entity: 'board' });
      given(created)
        .when({ ...command, metadata: by('nick') }, context)
        .thenThrows(NotFoundError, { entity: 'workspace' });
      given(created)
        .when({ ...command, metadata: by('val') }, context)
        .thenThrows(ForbiddenError);
    },
  );
});
