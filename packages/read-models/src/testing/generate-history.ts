import type { DomainEvent } from '@taskomask/domain';
import { positionBetween } from '@taskomask/domain';
import type { NewEvent, StreamAppend } from '@taskomask/eventstore';
import { seeded } from '@taskomask/testkit';

// A seeded generator of plausible team activity — workspaces, boards, cards, tasks and a mix of
// edits — as the appends the command side would make. For projector tests and benchmarks.

const hex = (n: number, width = 12) => n.toString(16).padStart(width, '0');
const uuid = (kind: number, n: number) => `00000000-0000-4000-8${hex(kind, 3)}-${hex(n)}`;

type Task = {
  id: string;
  boardId: string;
  workspaceId: string;
  cardIndex: number;
  title: string;
  assigneeId: string | null;
  labels: string[];
  items: { id: string; text: string; done: boolean }[];
  comments: string[];
};

export type HistoryOptions = {
  seed?: number;
  workspaces?: number;
  boardsPerWorkspace?: number;
  tasksPerBoard?: number;
  /** Edits after creation, spread over the tasks. */
  edits?: number;
};

/** Yields appends in commit order; every event passes the domain's rules. */
export function* generateHistory({
  seed = 1,
  workspaces = 2,
  boardsPerWorkspace = 2,
  tasksPerBoard = 20,
  edits = 200,
}: HistoryOptions = {}): Generator<StreamAppend> {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  let counter = 0;
  const nextId = (kind: number) => uuid(kind, ++counter + seed * 1_000_000);
  const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  const append = (stream: string, events: DomainEvent[], userId: string): StreamAppend => {
    const correlationId = nextId(9);
    return {
      stream,
      expectedVersion: 'any',
      events: events.map(
        (e): NewEvent => ({
          type: e.type,
          data: e.data,
          metadata: { userId, correlationId, causationId: correlationId },
          occurredAt: at(counter),
        }),
      ),
    };
  };
  const cardTypes = ['Backlog', 'ToDo', 'Doing', 'Done'] as const;
  const tasks: Task[] = [];
  const boards: { id: string; workspaceId: string; cards: string[]; members: string[] }[] = [];

  for (let w = 0; w < workspaces; w++) {
    const workspaceId = nextId(1);
    const owner = nextId(2);
    const members = [owner, nextId(2), nextId(2)];
    const ws = `workspace-${workspaceId}`;
    yield append(
      ws,
      [
        {
          type: 'WorkspaceCreated',
          data: { workspaceId, name: `Team ${w}`, description: 'Generated', ownerId: owner },
        },
        { type: 'MemberAdded', data: { workspaceId, ownerId: members[1]!, role: 'member' } },
        { type: 'MemberAdded', data: { workspaceId, ownerId: members[2]!, role: 'viewer' } },
      ],
      owner,
    );
    const projectId = nextId(3);
    yield append(
      ws,
      [
        {
          type: 'ProjectAdded',
          data: { workspaceId, projectId, name: 'Product', description: '' },
        },
      ],
      owner,
    );
    for (let b = 0; b < boardsPerWorkspace; b++) {
      const boardId = nextId(4);
      const name = `Board ${b}`;
      yield append(
        ws,
        [{ type: 'ProjectBoardAdded', data: { workspaceId, projectId, boardId, name } }],
        owner,
      );
      const cards = cardTypes.map(() => nextId(5));
      let cardPosition: string | null = null;
      yield append(
        `board-${boardId}`,
        [
          {
            type: 'BoardCreated',
            data: { boardId, workspaceId, projectId, name, description: '' },
          },
          ...cardTypes.map((type, i): DomainEvent => {
            cardPosition = positionBetween(cardPosition, null);
            return {
              type: 'CardAdded',
              data: { boardId, cardId: cards[i]!, name: type, type, position: cardPosition },
            };
          }),
        ],
        owner,
      );
      boards.push({ id: boardId, workspaceId, cards, members: members.slice(0, 2) });
      let taskPosition: string | null = null;
      for (let t = 0; t < tasksPerBoard; t++) {
        const taskId = nextId(6);
        const title = `Task ${b}-${t}`;
        const cardIndex = t % 4;
        taskPosition = positionBetween(taskPosition, null);
        yield append(
          `task-${taskId}`,
          [
            {
              type: 'TaskCreated',
              data: {
                taskId,
                workspaceId,
                boardId,
                cardId: cards[cardIndex]!,
                title,
                description: 'Generated **markdown**',
                position: taskPosition,
                createdBy: owner,
                createdAt: at(counter),
              },
            },
          ],
          owner,
        );
        yield append(
          `board-${boardId}`,
          [{ type: 'BoardTaskAdded', data: { boardId, taskId, cardId: cards[cardIndex]!, title } }],
          owner,
        );
        tasks.push({
          id: taskId,
          boardId,
          workspaceId,
          cardIndex,
          title,
          assigneeId: null,
          labels: [],
          items: [],
          comments: [],
        });
      }
    }
  }

  for (let e = 0; e < edits && tasks.length > 0; e++) {
    const task = pick(tasks);
    const board = boards.find((b) => b.id === task.boardId)!;
    const user = pick(board.members);
    const base = { taskId: task.id, boardId: task.boardId };
    const stream = `task-${task.id}`;
    const roll = random();
    if (roll < 0.25) {
      const to = (task.cardIndex + 1 + Math.floor(random() * 3)) % 4;
      yield append(
        stream,
        [
          {
            type: 'TaskMoved',
            data: {
              ...base,
              fromCardId: board.cards[task.cardIndex]!,
              toCardId: board.cards[to]!,
              position: positionBetween(null, 'a0'),
              fromCardName: cardTypes[task.cardIndex]!,
              toCardName: cardTypes[to]!,
            },
          },
        ],
        user,
      );
      yield append(
        `board-${board.id}`,
        [{ type: 'BoardTaskMoved', data: { ...base, cardId: board.cards[to]! } }],
        user,
      );
      task.cardIndex = to;
    } else if (roll < 0.4) {
      const title = `${task.title.split(' ~')[0]} ~${e}`;
      yield append(
        stream,
        [{ type: 'TaskRenamed', data: { ...base, title, previousTitle: task.title } }],
        user,
      );
      yield append(
        `board-${board.id}`,
        [{ type: 'BoardTaskRenamed', data: { ...base, title } }],
        user,
      );
      task.title = title;
    } else if (roll < 0.55) {
      const assigneeId = pick(board.members);
      if (assigneeId === task.assigneeId) continue;
      yield append(
        stream,
        [
          {
            type: 'TaskAssigned',
            data: { ...base, assigneeId, previousAssigneeId: task.assigneeId },
          },
        ],
        user,
      );
      task.assigneeId = assigneeId;
    } else if (roll < 0.7) {
      const label = pick(['bug', 'feature', 'urgent', 'ux', 'backend']);
      if (task.labels.includes(label)) {
        yield append(stream, [{ type: 'TaskLabelRemoved', data: { ...base, label } }], user);
        task.labels = task.labels.filter((l) => l !== label);
      } else {
        yield append(stream, [{ type: 'TaskLabelAdded', data: { ...base, label } }], user);
        task.labels.push(label);
      }
    } else if (roll < 0.85) {
      const open = task.items.find((i) => !i.done);
      if (open && random() < 0.5) {
        yield append(
          stream,
          [{ type: 'ChecklistItemChecked', data: { ...base, itemId: open.id, text: open.text } }],
          user,
        );
        open.done = true;
      } else {
        const item = { id: nextId(7), text: `Step ${e}`, done: false };
        yield append(
          stream,
          [{ type: 'ChecklistItemAdded', data: { ...base, itemId: item.id, text: item.text } }],
          user,
        );
        task.items.push(item);
      }
    } else {
      const commentId = nextId(8);
      yield append(
        stream,
        [
          {
            type: 'CommentAdded',
            data: {
              ...base,
              commentId,
              authorId: user,
              text: `Note ${e} 🚀`,
              createdAt: at(counter),
            },
          },
        ],
        user,
      );
      task.comments.push(commentId);
    }
  }
}
