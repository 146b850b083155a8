import {
  type ExportedTaskDto,
  WorkspaceExportDto,
  workspaceExportFormat,
} from '@taskomask/contracts';
import { type BoardCommand, limits, type TaskCommand } from '@taskomask/domain';
import { Fitting } from '../fitting';
import { uuidV5 } from '../ids';
import type { Actor, ImportPlan, Intent, Step } from '../plan';
import { ImportSourceError } from '../source-error';

/** True when `input` says it is a TaskoMask workspace export (of any version). */
export function isWorkspaceExport(input: unknown): boolean {
  return (
    typeof input === 'object' &&
    input !== null &&
    (input as { format?: unknown }).format === workspaceExportFormat
  );
}

const importer: Actor = { kind: 'importer' };

/**
 * A TaskoMask workspace export → the commands that rebuild it with the same ids: the workspace
 * (the importer its owner), its members and roles, projects, boards with their cards, tasks in
 * board order with everything on them, comments by their authors. Checklist items and comments
 * carry no id in the document; theirs are derived from the task's. Work whose person is no longer
 * a member who may write is decided as the importer (a comment then says who wrote it).
 */
export function planExportImport(
  input: unknown,
  options: Readonly<{ fix: boolean; importerId: string }>,
): ImportPlan {
  const parsed = WorkspaceExportDto.safeParse(input);
  if (!parsed.success) throw ImportSourceError.of(parsed.error);
  const doc = parsed.data;
  const workspaceId = doc.workspace.id;
  const fit = new Fitting();
  const steps: Step[] = [];
  const writers = new Set(doc.members.filter((m) => m.role !== 'viewer').map((m) => m.ownerId));
  writers.add(options.importerId);
  const actorFor = (ownerId: string): Actor =>
    ownerId === options.importerId || !writers.has(ownerId)
      ? importer
      : { kind: 'member', ownerId };

  const workspaceName = fit.name('workspace.name', doc.workspace.name, 'workspace', 'Workspace');
  steps.push({
    aggregate: 'workspace',
    id: workspaceId,
    actor: importer,
    creates: { entity: 'workspace', id: workspaceId },
    cards: 0,
    commands: [
      {
        type: 'CreateWorkspace',
        data: {
          workspaceId,
          name: workspaceName,
          description: fit.text(
            'workspace.description',
            doc.workspace.description,
            limits.descriptionMax,
            'description',
          ),
        },
      },
      ...doc.members
        .filter((m) => m.ownerId !== options.importerId)
        .map((m) => ({
          type: 'AddMember' as const,
          data: { workspaceId, ownerId: m.ownerId, role: m.role },
        })),
    ],
  });

  const unmatched = new Set<string>();
  const counts = { cards: 0, tasks: 0, labels: 0, checklistItems: 0, comments: 0, assigned: 0 };
  const boards: { id: string; name: string; projectId: string }[] = [];
  doc.projects.forEach((project, p) => {
    const at = `projects[${p}]`;
    steps.push({
      aggregate: 'workspace',
      id: workspaceId,
      actor: importer,
      creates: { entity: 'project', id: project.id },
      cards: 0,
      commands: [
        {
          type: 'AddProject',
          data: {
            workspaceId,
            projectId: project.id,
            name: fit.name(`${at}.name`, project.name, 'project', 'Project'),
            description: fit.text(
              `${at}.description`,
              project.description,
              limits.descriptionMax,
              'description',
            ),
          },
        },
      ],
    });
    project.boards.forEach((board, b) => {
      const bat = `${at}.boards[${b}]`;
      const name = fit.name(`${bat}.name`, board.name, 'board', 'Board');
      boards.push({ id: board.id, name, projectId: project.id });
      const commands: Intent<BoardCommand>[] = [
        {
          type: 'CreateBoard',
          data: {
            boardId: board.id,
            workspaceId,
            projectId: project.id,
            name,
            description: fit.text(
              `${bat}.description`,
              board.description,
              limits.descriptionMax,
              'description',
            ),
          },
        },
        ...board.cards.map((card, c) => ({
          type: 'AddCard' as const,
          data: {
            boardId: board.id,
            cardId: card.id,
            name: fit.name(`${bat}.cards[${c}].name`, card.name, 'card', `Card ${c + 1}`),
            type: card.type,
          },
        })),
      ];
      counts.cards += board.cards.length;
      steps.push({
        aggregate: 'board',
        id: board.id,
        actor: importer,
        creates: { entity: 'board', id: board.id },
        cards: 0,
        commands,
      });
      board.tasks.forEach((task, t) => {
        steps.push(
          ...taskSteps(task, board.id, `${bat}.tasks[${t}]`, {
            fit,
            actorFor,
            writers,
            unmatched,
            counts,
          }),
        );
      });
    });
  });

  const problems = fit.problems;
  return {
    steps,
    report: {
      source: 'taskomask',
      boards,
      counts: {
        projects: doc.projects.length,
        boards: boards.length,
        members: doc.members.length,
        ...counts,
      },
      skipped: { closedLists: 0, closedCards: 0, overLimitCards: 0, blankLabels: 0 },
      unmatchedPeople: [...unmatched].sort(),
      problems,
      fixed: options.fix && problems.length > 0,
    },
  };
}

function taskSteps(
  task: ExportedTaskDto,
  boardId: string,
  at: string,
  context: Readonly<{
    fit: Fitting;
    actorFor: (ownerId: string) => Actor;
    writers: ReadonlySet<string>;
    unmatched: Set<string>;
    counts: Record<'tasks' | 'labels' | 'checklistItems' | 'comments' | 'assigned', number>;
  }>,
): Step[] {
  const { fit, actorFor, writers, counts } = context;
  const taskId = task.id;
  const title = fit.name(`${at}.title`, task.title, 'task', 'Task');
  const description = fit.text(
    `${at}.description`,
    task.description,
    limits.taskDescriptionMax,
    'description',
  );
  const commands: Intent<TaskCommand>[] = [
    {
      type: 'CreateTask',
      data: {
        taskId,
        boardId,
        cardId: task.cardId,
        title,
        ...(description === '' ? {} : { description }),
      },
    },
  ];
  const dueDate = fit.dueDate(`${at}.dueDate`, task.dueDate);
  if (dueDate !== null) commands.push({ type: 'SetDueDate', data: { taskId, dueDate } });
  if (task.assigneeId !== null && writers.has(task.assigneeId)) {
    commands.push({ type: 'AssignTask', data: { taskId, assigneeId: task.assigneeId } });
    counts.assigned++;
  }
  for (const label of task.labels.slice(0, limits.labelsPerTask)) {
    commands.push({
      type: 'AddLabel',
      data: { taskId, label: fit.text(`${at}.labels`, label, limits.labelMax, 'label') },
    });
    counts.labels++;
  }
  const checks: Intent<TaskCommand>[] = [];
  task.checklist.slice(0, limits.checklistItemsPerTask).forEach((item, i) => {
    const itemId = uuidV5(taskId, `checklist:${i}`);
    commands.push({
      type: 'AddChecklistItem',
      data: {
        taskId,
        itemId,
        text: fit.text(`${at}.checklist[${i}].text`, item.text, limits.checklistItemMax, 'item'),
      },
    });
    if (item.done) checks.push({ type: 'CheckChecklistItem', data: { taskId, itemId } });
    counts.checklistItems++;
  });
  commands.push(...checks);
  counts.tasks++;
  const steps: Step[] = [
    {
      aggregate: 'task',
      id: taskId,
      actor: actorFor(task.createdBy),
      creates: { entity: 'task', id: taskId },
      cards: 1,
      commands,
    },
  ];
  // One step per comment: each may have its own author.
  task.comments.forEach((comment, i) => {
    const actor = actorFor(comment.authorId);
    const foreign = actor.kind === 'importer' && !writers.has(comment.authorId);
    if (foreign) context.unmatched.add(comment.authorName);
    const commentId = uuidV5(taskId, `comment:${i}`);
    steps.push({
      aggregate: 'task',
      id: taskId,
      actor,
      creates: { entity: 'comment', id: commentId },
      cards: 0,
      commands: [
        {
          type: 'AddComment',
          data: {
            taskId,
            commentId,
            text: fit.text(
              `${at}.comments[${i}].text`,
              foreign ? `from ${comment.authorName}\n\n${comment.text}` : comment.text,
              limits.commentMax,
              'comment',
            ),
          },
        },
      ],
    });
    counts.comments++;
  });
  return steps;
}
