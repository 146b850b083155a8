import {
  type ExportedBoardDto,
  type ExportedTaskDto,
  type WorkspaceExportDto,
  workspaceExportFormat,
  workspaceExportVersion,
} from '@taskomask/contracts';
import type { BoardView, Role } from '@taskomask/domain';
import type { TaskDoc } from '@taskomask/read-models';
import type { Doc } from '@taskomask/readstore';
import { slugOf } from '../http/file-name';
import { type QueryContext, visibleBoard, visibleWorkspace } from './access';
import type { Answer } from './answer';
import { csvDocument } from './csv';
import { compositeEtag } from './etag';
import { peopleNamed } from './people';

/**
 * The live tasks of a board in board order: by card, then position (the board document's
 * order); a task the board document has not placed yet comes last, by id.
 */
async function boardTasks(
  context: QueryContext,
  board: BoardView,
): Promise<{ docs: Doc<TaskDoc>[]; cardOf: Map<string, string> }> {
  const found = await context.store.find<TaskDoc>('tasks', { boardId: board.boardId });
  const live = found.filter((doc) => doc.value.status === 'active');
  const rank = new Map<string, number>();
  const cardOf = new Map<string, string>();
  for (const card of board.cards) {
    for (const task of card.tasks) {
      rank.set(task.taskId, rank.size);
      cardOf.set(task.taskId, card.cardId);
    }
  }
  const rankOf = (doc: Doc<TaskDoc>) => rank.get(doc.id) ?? Number.POSITIVE_INFINITY;
  const docs = live.sort(
    (a, b) => rankOf(a) - rankOf(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return { docs, cardOf };
}

const latest = (times: Iterable<string | null>): string | null => {
  let max: string | null = null;
  for (const time of times) if (time !== null && (max === null || time > max)) max = time;
  return max;
};

/**
 * The whole workspace as one versioned document (see WorkspaceExportDto). Everything is in a fixed
 * order and nothing depends on the clock, so an unchanged workspace exports to the same bytes.
 */
export async function workspaceExport(
  context: QueryContext,
  workspaceId: string,
): Promise<Answer<string>> {
  const { doc } = await visibleWorkspace(context, workspaceId);
  const view = doc.value;
  const boardIds = view.projects.flatMap((p) => p.boards.map((b) => b.boardId));
  const boardDocs = (await context.store.getMany<BoardView>('boards', boardIds)).filter(
    (b) => b.value.status === 'active' && b.value.workspaceId === workspaceId,
  );
  const boardsById = new Map(boardDocs.map((b) => [b.id, b.value]));
  const tasksOf = new Map(
    await Promise.all(
      boardDocs.map(async (b) => [b.id, await boardTasks(context, b.value)] as const),
    ),
  );
  const taskDocs = [...tasksOf.values()].flatMap((t) => t.docs);
  const people = await peopleNamed(context.store, [
    ...view.members.map((m) => m.ownerId),
    ...taskDocs.flatMap((t) => t.value.comments.map((c) => c.authorId)),
  ]);
  const nameOf = (id: string) => people.names.get(id)!;

  const exportedTask = (task: Doc<TaskDoc>, cardOf: Map<string, string>): ExportedTaskDto => {
    const t = task.value;
    return {
      id: t.taskId,
      cardId: cardOf.get(t.taskId) ?? t.cardId,
      title: t.title,
      description: t.description,
      position: t.position,
      assigneeId: t.assigneeId,
      labels: [...t.labels],
      dueDate: t.dueDate,
      checklist: t.checklist.map((item) => ({ text: item.text, done: item.done })),
      comments: t.comments.map((c) => ({
        authorId: c.authorId,
        authorName: nameOf(c.authorId),
        text: c.text,
        createdAt: c.createdAt,
        editedAt: c.editedAt,
      })),
      createdBy: t.createdBy,
      createdAt: t.createdAt,
      updatedAt: t.updatedAt,
    };
  };

  const exportedBoard = (board: BoardView): ExportedBoardDto => {
    const { docs, cardOf } = tasksOf.get(board.boardId)!;
    return {
      id: board.boardId,
      name: board.name,
      description: board.description,
      cards: board.cards.map((card) => ({
        id: card.cardId,
        name: card.name,
        type: card.type,
        position: card.position,
      })),
      tasks: docs.map((task) => exportedTask(task, cardOf)),
    };
  };

  const own = [doc, ...boardDocs, ...taskDocs];
  const document: WorkspaceExportDto = {
    format: workspaceExportFormat,
    version: workspaceExportVersion,
    exportedAt: latest(own.map((d) => d.value.updatedAt)),
    position: own.reduce((max, d) => Math.max(max, d.position), 0),
    workspace: { id: view.workspaceId, name: view.name, description: view.description },
    members: view.members.map((m) => ({
      ownerId: m.ownerId,
      displayName: nameOf(m.ownerId),
      role: m.role as Role,
    })),
    projects: view.projects.map((project) => ({
      id: project.projectId,
      name: project.name,
      description: project.description,
      boards: project.boards.flatMap((entry) => {
        const board = boardsById.get(entry.boardId);
        return board === undefined ? [] : [exportedBoard(board)];
      }),
    })),
  };
  return {
    body: `${JSON.stringify(document, null, 2)}\n`,
    etag: compositeEtag([...own, ...people.docs], []),
    download: {
      contentType: 'application/json; charset=utf-8',
      filename: `${slugOf(view.name, 'workspace')}.taskomask.json`,
    },
  };
}

export const boardCsvHeader = [
  'Card',
  'Title',
  'Description',
  'Assignee',
  'Labels',
  'Due',
  'Checklist done',
  'Checklist total',
  'Created',
  'Last moved',
] as const;

/**
 * A board as CSV, one row per task in board order. The checklist is two number columns: "1/3"
 * in one cell would open as a date.
 */
export async function boardCsv(context: QueryContext, boardId: string): Promise<Answer<string>> {
  const doc = await visibleBoard(context, boardId);
  const board = doc.value;
  const { docs, cardOf } = await boardTasks(context, board);
  const cardNames = new Map(board.cards.map((c) => [c.cardId, c.name]));
  const people = await peopleNamed(
    context.store,
    docs.flatMap((t) => (t.value.assigneeId === null ? [] : [t.value.assigneeId])),
  );
  const rows = docs.map(({ value: t }) => {
    // Activity is newest first: the first move found is the last one.
    const moved = t.activity.find((entry) => entry.kind === 'TaskMoved');
    return [
      cardNames.get(cardOf.get(t.taskId) ?? t.cardId) ?? '',
      t.title,
      t.description,
      t.assigneeId === null ? '' : people.names.get(t.assigneeId)!,
      t.labels.join(', '),
      t.dueDate ?? '',
      String(t.checklist.filter((item) => item.done).length),
      String(t.checklist.length),
      t.createdAt,
      moved?.at ?? '',
    ];
  });
  return {
    body: csvDocument([boardCsvHeader, ...rows]),
    etag: compositeEtag([doc, ...docs, ...people.docs], []),
    download: {
      contentType: 'text/csv; charset=utf-8',
      filename: `${slugOf(board.name, 'board')}.csv`,
    },
  };
}
