import { describe, expect, it } from 'vitest';
import {
  AlreadyExists,
  ForbiddenError,
  NotFoundError,
  RuleViolation,
  ValidationError,
} from '../errors';
import { foldEvents } from '../fold';
import { positionTail as tail } from '../position';
import {
  boardCreated,
  boardHistory,
  boardId,
  by,
  cards,
  projectId,
  workspace,
  workspaceHistory,
  workspaceId,
} from '../testing/fixtures';
import { spec } from '../testing/spec';
import type { WorkspaceEvent } from '../workspace/events';
import { workspaceDecider } from '../workspace/index';
import { decideBoardInProject } from './board-in-project';
import type { BoardCommand } from './commands';
import type { BoardEvent } from './events';
import { boardDecider } from './index';
import { registryKeys } from './task-registry';

const given = (events: BoardEvent[]) => spec(boardDecider).given(events);
const context = { workspace };
const board = [boardCreated, ...cards];
const boardDeleted: BoardEvent = {
  type: 'BoardDeleted',
  data: { boardId, workspaceId, projectId, name: 'Sprint 1' },
};

describe('CreateBoard', () => {
  const create = (name: string, userId = 'mia', description?: string, project = projectId) =>
    ({
      type: 'CreateBoard',
      data: { boardId: 'b2', workspaceId, projectId: project, name, description },
      metadata: by(userId),
    }) satisfies BoardCommand;

  it('creates a board in a project; members may', () => {
    given([])
      .when(create(' Sprint 2 ', 'mia', 'Two weeks'), context)
      .then([
        {
          type: 'BoardCreated',
          data: {
            boardId: 'b2',
            workspaceId,
            projectId,
            name: 'Sprint 2',
            description: 'Two weeks',
          },
        },
      ]);
  });

  it('refuses a name another board of the project has', () => {
    given([]).when(create('SPRINT 1'), context).thenThrows(RuleViolation, { rule: 'name_taken' });
  });

  it('refuses bad names and descriptions', () => {
    given([]).when(create('S2'), context).thenThrows(ValidationError, { field: 'name' });
    given([])
      .when(create('Sprint 2', 'mia', 'x'.repeat(101)), context)
      .thenThrows(ValidationError, { field: 'description' });
    given([])
      .when(create('Sprint 2', 'mia', 'sprint 2'), context)
      .thenThrows(ValidationError, { field: 'description' });
  });

  it('refuses viewers, outsiders, unknown projects and used ids', () => {
    given([]).when(create('Sprint 2', 'val'), context).thenThrows(ForbiddenError);
    given([]).when(create('Sprint 2', 'nick'), context).thenThrows(NotFoundError);
    given([])
      .when(create('Sprint 2', 'mia', '', 'p9'), context)
      .thenThrows(NotFoundError, { entity: 'project' });
    given([boardCreated]).when(create('Sprint 2'), context).thenThrows(AlreadyExists);
  });

  it('finds no deleted workspace', () => {
    const deleted = foldEvents(workspaceDecider, [
      ...workspaceHistory,
      { type: 'WorkspaceDeleted', data: { workspaceId, name: 'Acme' } },
    ]);
    given([]).when(create('Sprint 2'), { workspace: deleted }).thenThrows(NotFoundError);
  });
});

describe('RenameBoard, DescribeBoard, DeleteBoard', () => {
  const rename = (name: string, userId = 'mia'): BoardCommand => ({
    type: 'RenameBoard',
    data: { boardId, name },
    metadata: by(userId),
  });
  const sprint2: WorkspaceEvent = {
    type: 'ProjectBoardAdded',
    data: { workspaceId, projectId, boardId: 'b2', name: 'Sprint 2' },
  };

  it('RenameBoard renames; the same name is a no-op', () => {
    given(board)
      .when(rename('Sprint One'), context)
      .then([
        {
          type: 'BoardRenamed',
          data: { boardId, name: 'Sprint One', previousName: 'Sprint 1' },
        },
      ]);
    given(board).when(rename('Sprint 1'), context).then([]);
  });

  it('RenameBoard refuses a sibling board’s name, viewers, and missing boards', () => {
    const withSprint2 = { workspace: foldEvents(workspaceDecider, [...workspaceHistory, sprint2]) };
    given(board)
      .when(rename('sprint 2'), withSprint2)
      .thenThrows(RuleViolation, { rule: 'name_taken' });
    given(board).when(rename('Sprint One', 'val'), context).thenThrows(ForbiddenError);
    given([]).when(rename('Sprint One'), context).thenThrows(NotFoundError);
    given([...board, boardDeleted])
      .when(rename('Sprint One'), context)
      .thenThrows(NotFoundError);
  });

  it('DescribeBoard changes the description within 100 characters', () => {
    const describeAs = (description: string): BoardCommand => ({
      type: 'DescribeBoard',
      data: { boardId, description },
      metadata: by('mia'),
    });
    given(board)
      .when(describeAs('Two weeks'), context)
      .then([{ type: 'BoardDescribed', data: { boardId, description: 'Two weeks' } }]);
    given(board).when(describeAs(''), context).then([]);
    given(board)
      .when(describeAs('x'.repeat(101)), context)
      .thenThrows(ValidationError);
  });

  it('DeleteBoard archives the board; nothing more can be done to it', () => {
    const remove: BoardCommand = { type: 'DeleteBoard', data: { boardId }, metadata: by('mia') };
    given(board).when(remove, context).then([boardDeleted]);
    given([...board, boardDeleted])
      .when(remove, context)
      .thenThrows(NotFoundError);
    given(board)
      .when({ ...remove, metadata: by('val') }, context)
      .thenThrows(ForbiddenError);
  });

  it('refuses to decide with another workspace than the board’s (a shell bug)', () => {
    const other = foldEvents(workspaceDecider, [
      {
        type: 'WorkspaceCreated',
        data: { workspaceId: 'w2', name: 'Other', description: '', ownerId: 'mia' },
      },
    ]);
    given(board)
      .when(rename('Sprint One'), { workspace: other })
      .thenThrows((error) => error instanceof Error && /belongs to workspace/.test(error.message));
  });
});

describe('cards', () => {
  const addCard = (
    cardId: string,
    name: string,
    position: { after?: string | null; before?: string | null } = {},
    type = 'ToDo',
  ) =>
    ({
      type: 'AddCard',
      data: { boardId, cardId, name, type: type as 'ToDo', ...position },
      metadata: by('mia'),
    }) satisfies BoardCommand;

  it('AddCard puts a card between its neighbours', () => {
    given(board)
      .when(addCard('review', 'Review', { after: 'a1', before: 'a2' }, 'Doing'), context)
      .then([
        {
          type: 'CardAdded',
          data: {
            boardId,
            cardId: 'review',
            name: 'Review',
            type: 'Doing',
            position: `a1V${tail('review')}`,
          },
        },
      ]);
  });

  it('AddCard without neighbours goes last', () => {
    given(board)
      .when(addCard('later', 'Later', {}, 'Backlog'), context)
      .then([
        {
          type: 'CardAdded',
          data: {
            boardId,
            cardId: 'later',
            name: 'Later',
            type: 'Backlog',
            position: `a3${tail('later')}`,
          },
        },
      ]);
    given([boardCreated])
      .when(addCard('first', 'First'), context)
      .then([
        {
          type: 'CardAdded',
          data: {
            boardId,
            cardId: 'first',
            name: 'First',
            type: 'ToDo',
            position: `a0${tail('first')}`,
          },
        },
      ]);
  });

  it('AddCard allows at most 10 cards', () => {
    const nine: BoardEvent[] = Array.from({ length: 9 }, (_, i) => ({
      type: 'CardAdded',
      data: { boardId, cardId: `c${i}`, name: `Card ${i}`, type: 'ToDo', position: `a${i}` },
    }));
    const tenth: BoardEvent = {
      type: 'CardAdded',
      data: { boardId, cardId: 'c9', name: 'Card 9', type: 'ToDo', position: `a9${tail('c9')}` },
    };
    given([boardCreated, ...nine])
      .when(addCard('c9', 'Card 9'), context)
      .then([tenth]);
    const ten = [...nine, tenth];
    given([boardCreated, ...ten])
      .when(addCard('c10', 'Card 10'), context)
      .thenThrows(RuleViolation, { rule: 'card_limit' });
  });

  it('AddCard keeps card names unique per board', () => {
    given(board)
      .when(addCard('again', ' DOING '), context)
      .thenThrows(RuleViolation, { rule: 'name_taken' });
  });

  it('AddCard refuses a bad name, type, position, id, or a viewer', () => {
    given(board).when(addCard('x', 'QA'), context).thenThrows(ValidationError, { field: 'name' });
    given(board)
      .when(addCard('x', 'Review', {}, 'Blocked'), context)
      .thenThrows(ValidationError, { field: 'type' });
    given(board)
      .when(addCard('x', 'Review', { after: 'not a key' }), context)
      .thenThrows(ValidationError, { field: 'position' });
    given(board)
      .when(addCard('x', 'Review', { after: 'zz' }), context)
      .thenThrows(ValidationError, { field: 'position' });
    given(board)
      .when(addCard('x', 'Review', { after: 'a2', before: 'a1' }), context)
      .thenThrows(ValidationError, { field: 'position' });
    given(board)
      .when(addCard('x', 'Review', { after: 'a1', before: 'a1' }), context)
      .thenThrows(ValidationError, { field: 'position' });
    given(board).when(addCard('doing', 'Review'), context).thenThrows(AlreadyExists);
    given(board)
      .when({ ...addCard('x', 'Review'), metadata: by('val') }, context)
      .thenThrows(ForbiddenError);
  });

  it('RenameCard renames; no-op for the same name; unique names; known cards only', () => {
    const rename = (cardId: string, name: string): BoardCommand => ({
      type: 'RenameCard',
      data: { boardId, cardId, name },
      metadata: by('mia'),
    });
    given(board)
      .when(rename('doing', 'In progress'), context)
      .then([
        {
          type: 'CardRenamed',
          data: { boardId, cardId: 'doing', name: 'In progress', previousName: 'Doing' },
        },
      ]);
    given(board).when(rename('doing', 'Doing'), context).then([]);
    given(board)
      .when(rename('doing', 'done'), context)
      .thenThrows(RuleViolation, { rule: 'name_taken' });
    given(board)
      .when(rename('nope', 'Later'), context)
      .thenThrows(NotFoundError, { entity: 'card' });
  });

  it('ChangeCardType changes the type; no-op for the same type', () => {
    const change = (type: string): BoardCommand => ({
      type: 'ChangeCardType',
      data: { boardId, cardId: 'doing', type: type as 'Done' },
      metadata: by('mia'),
    });
    given(board)
      .when(change('Done'), context)
      .then([
        {
          type: 'CardTypeChanged',
          data: { boardId, cardId: 'doing', name: 'Doing', type: 'Done', previousType: 'Doing' },
        },
      ]);
    given(board).when(change('Doing'), context).then([]);
    given(board).when(change('Stuck'), context).thenThrows(ValidationError, { field: 'type' });
  });

  it('SetCardFlow: owners and admins say what a card counts as in charts; null gives it back', () => {
    const set = (flow: unknown, userId = 'adam', cardId = 'doing'): BoardCommand => ({
      type: 'SetCardFlow',
      data: { boardId, cardId, flow: flow as 'done' },
      metadata: by(userId),
    });
    const setDone: BoardEvent = {
      type: 'CardFlowSet',
      data: { boardId, cardId: 'doing', name: 'Doing', flow: 'done', previousFlow: null },
    };
    given(board).when(set('done'), context).then([setDone]);
    given(board).when(set('done', 'alice'), context).then([setDone]);
    given([...board, setDone])
      .when(set('done'), context)
      .then([]);
    given([...board, setDone])
      .when(set(null), context)
      .then([
        {
          type: 'CardFlowSet',
          data: { boardId, cardId: 'doing', name: 'Doing', flow: null, previousFlow: 'done' },
        },
      ]);
    given(board).when(set(null), context).then([]);
    given(board).when(set('done', 'mia'), context).thenThrows(ForbiddenError);
    given(board).when(set('done', 'stranger'), context).thenThrows(NotFoundError);
    given(board).when(set('finished'), context).thenThrows(ValidationError, { field: 'flow' });
    given(board)
      .when(set('done', 'adam', 'nope'), context)
      .thenThrows(NotFoundError);
    const state = foldEvents(boardDecider, [...board, setDone]);
    expect(state.status === 'active' && state.cards.get('doing')?.flow).toBe('done');
    const reset = foldEvents(boardDecider, [
      ...board,
      setDone,
      {
        type: 'CardFlowSet',
        data: { boardId, cardId: 'doing', name: 'Doing', flow: null, previousFlow: 'done' },
      },
    ]);
    expect(reset.status === 'active' && reset.cards.get('doing')).toEqual({
      cardId: 'doing',
      name: 'Doing',
      type: 'Doing',
      position: 'a1',
    });
  });

  it('SetBoardTimeZone: an IANA zone, by owners and admins; no-op for the same zone', () => {
    const set = (timeZone: unknown, userId = 'adam'): BoardCommand => ({
      type: 'SetBoardTimeZone',
      data: { boardId, timeZone: timeZone as string },
      metadata: by(userId),
    });
    const berlin: BoardEvent = {
      type: 'BoardTimeZoneSet',
      data: { boardId, timeZone: 'Europe/Berlin', previousTimeZone: null },
    };
    given(board).when(set('Europe/Berlin'), context).then([berlin]);
    given([...board, berlin])
      .when(set('Europe/Berlin'), context)
      .then([]);
    given([...board, berlin])
      .when(set('Asia/Kolkata'), context)
      .then([
        {
          type: 'BoardTimeZoneSet',
          data: { boardId, timeZone: 'Asia/Kolkata', previousTimeZone: 'Europe/Berlin' },
        },
      ]);
    for (const bad of ['Mars/Olympus', '', 42, 'x'.repeat(65)]) {
      given(board).when(set(bad), context).thenThrows(ValidationError, { field: 'timeZone' });
    }
    given(board).when(set('Europe/Berlin', 'mia'), context).thenThrows(ForbiddenError);
    given(board).when(set('Europe/Berlin', 'val'), context).thenThrows(ForbiddenError);
    given([...board, boardDeleted])
      .when(set('Europe/Berlin'), context)
      .thenThrows(NotFoundError);
  });

  it('MoveCard reorders; without neighbours the card goes last', () => {
    const move = (cardId: string, after?: string | null, before?: string | null): BoardCommand => ({
      type: 'MoveCard',
      data: { boardId, cardId, after, before },
      metadata: by('mia'),
    });
    given(board)
      .when(move('done', null, 'a0'), context)
      .then([
        {
          type: 'CardMoved',
          data: { boardId, cardId: 'done', name: 'Done', position: `Zz${tail('done')}` },
        },
      ]);
    given(board)
      .when(move('todo'), context)
      .then([
        {
          type: 'CardMoved',
          data: { boardId, cardId: 'todo', name: 'To do', position: `a3${tail('todo')}` },
        },
      ]);
    given(board).when(move('nope'), context).thenThrows(NotFoundError);
    given(board)
      .when(move('todo', 'a2', 'a0'), context)
      .thenThrows(ValidationError);
  });

  it('DeleteCard deletes an empty card only', () => {
    const remove = (cardId: string): BoardCommand => ({
      type: 'DeleteCard',
      data: { boardId, cardId },
      metadata: by('mia'),
    });
    given(boardHistory)
      .when(remove('done'), context)
      .then([{ type: 'CardDeleted', data: { boardId, cardId: 'done', name: 'Done' } }]);
    given(boardHistory).when(remove('nope'), context).thenThrows(NotFoundError);
    // That the card holds no task is a condition of the append, checked on the registry's keys.
    const decided = decideBoardInProject(remove('todo'), {
      workspace,
      board: foldEvents(boardDecider, boardHistory),
    });
    const condition = decided.conditions.at(-1);
    expect(condition).toMatchObject({
      kind: 'counter',
      key: registryKeys.cardTasks(boardId, 'todo'),
      delta: 0,
      max: 0,
    });
    expect(condition?.kind === 'counter' && condition.refusal?.()).toMatchObject({
      rule: 'card_not_empty',
    });
    // The fixture board's stream holds an older registry: it seeds the keys first.
    expect(decided.conditions[0]).toMatchObject({ kind: 'seed' });
  });
});

describe('the board stream', () => {
  it('rebuilds by folding exactly the state its decisions reached', () => {
    const commands: BoardCommand[] = [
      {
        type: 'CreateBoard',
        data: { boardId, workspaceId, projectId: 'p1', name: 'Sprint 9', description: 'Q3' },
        metadata: by('mia'),
      },
      {
        type: 'AddCard',
        data: { boardId, cardId: 'a', name: 'Backlog', type: 'Backlog' },
        metadata: by('mia'),
      },
      {
        type: 'AddCard',
        data: { boardId, cardId: 'b', name: 'Doing', type: 'Doing' },
        metadata: by('mia'),
      },
      {
        type: 'AddCard',
        data: { boardId, cardId: 'c', name: 'Done', type: 'Done' },
        metadata: by('mia'),
      },
      {
        type: 'RenameCard',
        data: { boardId, cardId: 'b', name: 'In progress' },
        metadata: by('mia'),
      },
      { type: 'ChangeCardType', data: { boardId, cardId: 'a', type: 'ToDo' }, metadata: by('mia') },
      {
        type: 'MoveCard',
        data: { boardId, cardId: 'c', after: null, before: 'a0' },
        metadata: by('mia'),
      },
      { type: 'DeleteCard', data: { boardId, cardId: 'b' }, metadata: by('mia') },
      { type: 'RenameBoard', data: { boardId, name: 'Sprint Nine' }, metadata: by('mia') },
      { type: 'DescribeBoard', data: { boardId, description: 'Q3 goals' }, metadata: by('mia') },
    ];
    let state = boardDecider.initialState();
    const events: BoardEvent[] = [];
    for (const command of commands) {
      const decided = boardDecider.decide(command, state, context);
      expect(decided.length, command.type).toBeGreaterThan(0);
      events.push(...decided);
      state = decided.reduce(boardDecider.evolve, state);
    }
    const stored: BoardEvent[] = JSON.parse(JSON.stringify(events));
    expect(stored).toEqual(events);
    expect(foldEvents(boardDecider, stored)).toEqual(state);
    expect(state).toMatchObject({ status: 'active', name: 'Sprint Nine', description: 'Q3 goals' });
    expect(state.status === 'active' && [...state.cards.values()]).toEqual([
      { cardId: 'a', name: 'Backlog', type: 'ToDo', position: `a0${tail('a')}` },
      { cardId: 'c', name: 'Done', type: 'Done', position: `Zz${tail('c')}` },
    ]);
  });
});
