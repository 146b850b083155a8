import type { CardType } from '../board/state';
import type { RecordedEvent } from '../event';
import { sortByPosition } from '../position';
import { streamName } from '../streams';
import { asDomainEvent } from './recorded';

export type TaskSummary = Readonly<{
  taskId: string;
  title: string;
  position: string;
  assigneeId: string | null;
  labels: readonly string[];
  dueDate: string | null;
  checklist: Readonly<{ done: number; total: number }>;
  commentCount: number;
}>;

export type CardView = Readonly<{
  cardId: string;
  name: string;
  type: CardType;
  position: string;
  /** In board order: by position, then id. */
  tasks: readonly TaskSummary[];
}>;

export type UnplacedTask = TaskSummary & Readonly<{ cardId: string }>;

/** The board as its page shows it; a plain JSON document for the read store. */
export type BoardView = Readonly<{
  boardId: string;
  status: 'initial' | 'active' | 'deleted';
  workspaceId: string;
  projectId: string;
  name: string;
  description: string;
  /** In board order: by position, then id. */
  cards: readonly CardView[];
  /**
   * Tasks whose card this view has not seen yet. Task and board events live on different
   * streams, and a redelivery can bring a task before its card; it waits here and joins the
   * card when the card arrives, so the view does not depend on the order across streams.
   */
  unplaced: readonly UnplacedTask[];
  /** Greatest globalPosition applied; 0 before any, as in the store. */
  lastGlobalPosition: number;
  updatedAt: string | null;
}>;

export function initialBoardView(boardId: string): BoardView {
  return {
    boardId,
    status: 'initial',
    workspaceId: '',
    projectId: '',
    name: '',
    description: '',
    cards: [],
    unplaced: [],
    lastGlobalPosition: 0,
    updatedAt: null,
  };
}

/**
 * Folds one event of `board-<id>` or of a task of that board into the view; everything else
 * (other boards, other streams, unknown types) leaves it as it is. Events must come in stream
 * order per stream, each once: the projector guarantees that with its per-stream checkpoints
 * (kept in the read store's transaction), so the view does not carry a version per task stream —
 * copying such a map on every event made rebuilds several times slower.
 */
export function evolveBoardView(view: BoardView, recorded: RecordedEvent): BoardView {
  const event = asDomainEvent(recorded);
  if (event === null || !concerns(view, event)) return view;
  return {
    ...apply(view, event),
    lastGlobalPosition: Math.max(view.lastGlobalPosition, event.globalPosition),
    // The latest change, whatever order the streams' events came in.
    updatedAt:
      view.updatedAt !== null && view.updatedAt > event.occurredAt
        ? view.updatedAt
        : event.occurredAt,
  };
}

/** The board as of the last of `events`: fold a prefix of the log for "the board at time T". */
export function boardView(boardId: string, events: Iterable<RecordedEvent>): BoardView {
  let view = initialBoardView(boardId);
  for (const event of events) view = evolveBoardView(view, event);
  return view;
}

type Recorded = NonNullable<ReturnType<typeof asDomainEvent>>;

function concerns(view: BoardView, event: Recorded): boolean {
  if (event.streamName === streamName.board(view.boardId)) return true;
  return (
    event.streamName.startsWith(streamName.task('')) &&
    'boardId' in event.data &&
    event.data.boardId === view.boardId
  );
}

function sortCards(cards: readonly CardView[]): CardView[] {
  return sortByPosition(cards, (card) => card.cardId);
}

function sortTasks(tasks: readonly TaskSummary[]): TaskSummary[] {
  return sortByPosition(tasks, (task) => task.taskId);
}

function withCard(
  view: BoardView,
  cardId: string,
  change: (card: CardView) => CardView,
): BoardView {
  return {
    ...view,
    cards: view.cards.map((card) => (card.cardId === cardId ? change(card) : card)),
  };
}

function withTask(
  view: BoardView,
  taskId: string,
  change: (task: TaskSummary) => TaskSummary,
): BoardView {
  return {
    ...view,
    cards: view.cards.map((card) =>
      card.tasks.some((task) => task.taskId === taskId)
        ? {
            ...card,
            tasks: card.tasks.map((task) => (task.taskId === taskId ? change(task) : task)),
          }
        : card,
    ),
    unplaced: view.unplaced.some((task) => task.taskId === taskId)
      ? view.unplaced.map((task) =>
          task.taskId === taskId ? { ...change(task), cardId: task.cardId } : task,
        )
      : view.unplaced,
  };
}

function findTask(view: BoardView, taskId: string): TaskSummary | undefined {
  for (const card of view.cards) {
    const task = card.tasks.find((t) => t.taskId === taskId);
    if (task !== undefined) return task;
  }
  const waiting = view.unplaced.find((t) => t.taskId === taskId);
  if (waiting === undefined) return undefined;
  const { cardId: _, ...task } = waiting;
  return task;
}

function withoutTask(view: BoardView, taskId: string): BoardView {
  return {
    ...view,
    cards: view.cards.map((card) =>
      card.tasks.some((task) => task.taskId === taskId)
        ? { ...card, tasks: card.tasks.filter((task) => task.taskId !== taskId) }
        : card,
    ),
    unplaced: view.unplaced.some((task) => task.taskId === taskId)
      ? view.unplaced.filter((task) => task.taskId !== taskId)
      : view.unplaced,
  };
}

function placeTask(view: BoardView, cardId: string, task: TaskSummary): BoardView {
  const rest = withoutTask(view, task.taskId);
  if (!rest.cards.some((card) => card.cardId === cardId)) {
    return { ...rest, unplaced: [...rest.unplaced, { ...task, cardId }] };
  }
  return withCard(rest, cardId, (card) => ({ ...card, tasks: sortTasks([...card.tasks, task]) }));
}

function countChecklist(task: TaskSummary, done: number, total: number): TaskSummary {
  return {
    ...task,
    checklist: { done: task.checklist.done + done, total: task.checklist.total + total },
  };
}

function apply(view: BoardView, event: Recorded): BoardView {
  switch (event.type) {
    case 'BoardCreated': {
      const { workspaceId, projectId, name, description } = event.data;
      return { ...view, status: 'active', workspaceId, projectId, name, description };
    }
    case 'BoardRenamed':
      return { ...view, name: event.data.name };
    case 'BoardDescribed':
      return { ...view, description: event.data.description };
    case 'BoardDeleted':
      return { ...view, status: 'deleted' };
    case 'CardAdded': {
      const { cardId, name, type, position } = event.data;
      // Tasks that arrived before their card join it now.
      const waiting = view.unplaced.filter((t) => t.cardId === cardId);
      const tasks = sortTasks(waiting.map(({ cardId: _, ...task }) => task));
      const card: CardView = { cardId, name, type, position, tasks };
      const others = view.cards.filter((c) => c.cardId !== cardId);
      return {
        ...view,
        cards: sortCards([...others, card]),
        unplaced:
          waiting.length === 0 ? view.unplaced : view.unplaced.filter((t) => t.cardId !== cardId),
      };
    }
    case 'CardRenamed':
      return withCard(view, event.data.cardId, (card) => ({ ...card, name: event.data.name }));
    case 'CardTypeChanged':
      return withCard(view, event.data.cardId, (card) => ({ ...card, type: event.data.type }));
    case 'CardMoved': {
      const moved = withCard(view, event.data.cardId, (card) => ({
        ...card,
        position: event.data.position,
      }));
      return { ...moved, cards: sortCards(moved.cards) };
    }
    case 'CardDeleted':
      return { ...view, cards: view.cards.filter((card) => card.cardId !== event.data.cardId) };
    case 'TaskCreated': {
      const { taskId, cardId, title, position } = event.data;
      const task: TaskSummary = {
        taskId,
        title,
        position,
        assigneeId: null,
        labels: [],
        dueDate: null,
        checklist: { done: 0, total: 0 },
        commentCount: 0,
      };
      return placeTask(view, cardId, task);
    }
    case 'TaskRenamed':
      return withTask(view, event.data.taskId, (task) => ({ ...task, title: event.data.title }));
    case 'TaskAssigned':
      return withTask(view, event.data.taskId, (task) => ({
        ...task,
        assigneeId: event.data.assigneeId,
      }));
    case 'TaskUnassigned':
      return withTask(view, event.data.taskId, (task) => ({ ...task, assigneeId: null }));
    case 'TaskDueDateSet':
      return withTask(view, event.data.taskId, (task) => ({
        ...task,
        dueDate: event.data.dueDate,
      }));
    case 'TaskDueDateCleared':
      return withTask(view, event.data.taskId, (task) => ({ ...task, dueDate: null }));
    case 'TaskLabelAdded':
      return withTask(view, event.data.taskId, (task) => ({
        ...task,
        labels: [...task.labels, event.data.label],
      }));
    case 'TaskLabelRemoved':
      return withTask(view, event.data.taskId, (task) => ({
        ...task,
        labels: task.labels.filter((label) => label !== event.data.label),
      }));
    case 'ChecklistItemAdded':
      return withTask(view, event.data.taskId, (task) => countChecklist(task, 0, 1));
    case 'ChecklistItemChecked':
      return withTask(view, event.data.taskId, (task) => countChecklist(task, 1, 0));
    case 'ChecklistItemUnchecked':
      return withTask(view, event.data.taskId, (task) => countChecklist(task, -1, 0));
    case 'ChecklistItemRemoved': {
      const done = event.data.wasChecked ? -1 : 0;
      return withTask(view, event.data.taskId, (task) => countChecklist(task, done, -1));
    }
    case 'CommentAdded':
      return withTask(view, event.data.taskId, (task) => ({
        ...task,
        commentCount: task.commentCount + 1,
      }));
    case 'CommentDeleted':
      return withTask(view, event.data.taskId, (task) => ({
        ...task,
        commentCount: task.commentCount - 1,
      }));
    case 'TaskMoved': {
      const task = findTask(view, event.data.taskId);
      if (task === undefined) return view;
      return placeTask(view, event.data.toCardId, { ...task, position: event.data.position });
    }
    case 'TaskDeleted':
      return withoutTask(view, event.data.taskId);
    default:
      // The registry events (BoardTask*) repeat what the task streams say; descriptions and
      // comment edits do not show on the board.
      return view;
  }
}
