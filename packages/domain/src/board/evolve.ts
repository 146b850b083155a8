import { updateEntry, withEntry, withoutEntry } from '../maps';
import type { BoardEvent } from './events';
import type { ActiveBoard, BoardState } from './state';

export function evolveBoard(state: BoardState, event: BoardEvent): BoardState {
  if (event.type === 'BoardCreated') {
    const { boardId, workspaceId, projectId, name, description } = event.data;
    return {
      status: 'active',
      boardId,
      workspaceId,
      projectId,
      name,
      description,
      cards: new Map(),
      tasks: new Map(),
    };
  }
  if (state.status !== 'active') return state;
  return evolveActive(state, event);
}

function evolveActive(state: ActiveBoard, event: BoardEvent): BoardState {
  switch (event.type) {
    case 'BoardCreated':
      return state;
    case 'BoardRenamed':
      return { ...state, name: event.data.name };
    case 'BoardDescribed':
      return { ...state, description: event.data.description };
    case 'BoardDeleted':
      return {
        status: 'deleted',
        boardId: state.boardId,
        workspaceId: state.workspaceId,
        projectId: state.projectId,
      };
    case 'CardAdded': {
      const { cardId, name, type, position } = event.data;
      return { ...state, cards: withEntry(state.cards, cardId, { cardId, name, type, position }) };
    }
    case 'CardRenamed':
      return {
        ...state,
        cards: updateEntry(state.cards, event.data.cardId, (c) => ({
          ...c,
          name: event.data.name,
        })),
      };
    case 'CardTypeChanged':
      return {
        ...state,
        cards: updateEntry(state.cards, event.data.cardId, (c) => ({
          ...c,
          type: event.data.type,
        })),
      };
    case 'CardMoved':
      return {
        ...state,
        cards: updateEntry(state.cards, event.data.cardId, (c) => ({
          ...c,
          position: event.data.position,
        })),
      };
    case 'CardDeleted':
      return { ...state, cards: withoutEntry(state.cards, event.data.cardId) };
    case 'CardFlowSet':
      return {
        ...state,
        cards: updateEntry(state.cards, event.data.cardId, ({ flow: _, ...card }) =>
          event.data.flow === null ? card : { ...card, flow: event.data.flow },
        ),
      };
    case 'BoardTimeZoneSet':
      return { ...state, timeZone: event.data.timeZone };
    case 'BoardTaskAdded': {
      const { taskId, cardId, title } = event.data;
      return { ...state, tasks: withEntry(state.tasks, taskId, { taskId, cardId, title }) };
    }
    case 'BoardTaskRenamed':
      return {
        ...state,
        tasks: updateEntry(state.tasks, event.data.taskId, (t) => ({
          ...t,
          title: event.data.title,
        })),
      };
    case 'BoardTaskMoved':
      return {
        ...state,
        tasks: updateEntry(state.tasks, event.data.taskId, (t) => ({
          ...t,
          cardId: event.data.cardId,
        })),
      };
    case 'BoardTaskRemoved':
      return { ...state, tasks: withoutEntry(state.tasks, event.data.taskId) };
    default: {
      const _unknown: never = event;
      return state;
    }
  }
}
