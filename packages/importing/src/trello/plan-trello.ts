import {
  type BoardCommand,
  limits,
  nameKey,
  normalizeEmail,
  type TaskCommand,
} from '@taskomask/domain';
import { Fitting, truncate } from '../fitting';
import { uuidV5 } from '../ids';
import type { Actor, ImportPlan, Intent, People, Step } from '../plan';
import { ImportSourceError } from '../source-error';
import { cardTypeOfList } from './card-types';
import { TrelloBoard, type TrelloCard } from './format';

export type TrelloTarget = Readonly<{
  workspaceId: string;
  /** The project the board goes to; without one, a project "Imported from Trello" is made. */
  projectId?: string;
}>;

/**
 * What the workspace already holds that an import's names must not clash with (names are unique
 * among siblings): its live projects, each with its boards. Read by the shell; empty by default.
 */
export type TrelloSiblings = ReadonlyMap<
  string,
  Readonly<{ name: string; boards: ReadonlyMap<string, Readonly<{ name: string }>> }>
>;

export const importProjectName = 'Imported from Trello';

const importer: Actor = { kind: 'importer' };
const byPos = <T extends { pos: number; id: string }>(a: T, b: T) =>
  a.pos - b.pos || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function emailKey(email: string | null | undefined): string | null {
  if (email == null || email === '') return null;
  try {
    return normalizeEmail(email);
  } catch {
    return null;
  }
}

/**
 * A Trello board export → the commands that rebuild it in `target`: lists become cards
 * (columns) in order, cards become tasks in order with description, due date, labels (by name,
 * else colour), checklist items (state kept), comments (oldest first) and an assignee when a
 * Trello member's email belongs to a member who may write. Closed lists and cards are skipped
 * and counted. Every id is the UUID v5 of the Trello id in the workspace's namespace.
 */
export function planTrelloImport(
  input: unknown,
  target: TrelloTarget,
  options: Readonly<{ fix: boolean; people: People; siblings?: TrelloSiblings }>,
): ImportPlan {
  const siblings: TrelloSiblings = options.siblings ?? new Map();
  const parsed = TrelloBoard.safeParse(input);
  if (!parsed.success) throw ImportSourceError.of(parsed.error);
  const trello = parsed.data;
  const { workspaceId } = target;
  const idOf = (kind: string, trelloId: string) =>
    uuidV5(workspaceId, `trello:${kind}:${trelloId}`);
  const fit = new Fitting();
  const steps: Step[] = [];

  let projectId = target.projectId;
  let projects = 0;
  if (projectId === undefined) {
    projectId = idOf('project', 'imports');
    projects = siblings.has(projectId) ? 0 : 1;
    const others = new Set(
      [...siblings].filter(([id]) => id !== projectId).map(([, p]) => nameKey(p.name)),
    );
    const name = fit.unique('(project)', importProjectName, others, 'project');
    steps.push({
      aggregate: 'workspace',
      id: workspaceId,
      actor: importer,
      creates: { entity: 'project', id: projectId },
      cards: 0,
      commands: [{ type: 'AddProject', data: { workspaceId, projectId, name } }],
    });
  }

  // Lists → cards (columns).
  const boardId = idOf('board', trello.id);
  const otherBoards = new Set(
    [...(siblings.get(projectId)?.boards ?? new Map<string, { name: string }>())]
      .filter(([id]) => id !== boardId)
      .map(([, b]) => nameKey(b.name)),
  );
  const boardName = fit.unique(
    'name',
    fit.name('name', trello.name, 'board', 'Trello board'),
    otherBoards,
    'board in the project',
  );
  const boardDescription = fit.distinct(
    'desc',
    boardName,
    fit.text('desc', trello.desc, limits.descriptionMax, 'board description'),
  );
  const lists = trello.lists.map((list, index) => ({ list, index }));
  const openLists = lists.filter(({ list }) => !list.closed).sort((a, b) => byPos(a.list, b.list));
  const closedListIds = new Set(trello.lists.filter((l) => l.closed).map((l) => l.id));
  const kept = openLists.slice(0, limits.cardsPerBoard);
  const merged = openLists.slice(limits.cardsPerBoard);
  const cardNames = new Set<string>();
  const columnOf = new Map<string, { cardId: string; extraLabel?: string }>();
  const boardCommands: Intent<BoardCommand>[] = [
    {
      type: 'CreateBoard',
      data: {
        boardId,
        workspaceId,
        projectId,
        name: boardName,
        ...(boardDescription === '' ? {} : { description: boardDescription }),
      },
    },
  ];
  for (const { list, index } of kept) {
    const at = `lists[${index}].name`;
    const name = fit.unique(
      at,
      fit.name(at, list.name, 'list', `List ${index + 1}`),
      cardNames,
      'list',
    );
    const cardId = idOf('list', list.id);
    columnOf.set(list.id, { cardId });
    boardCommands.push({
      type: 'AddCard',
      data: { boardId, cardId, name, type: cardTypeOfList(list.name) },
    });
  }
  const last = kept.at(-1);
  for (const { list, index } of merged) {
    fit.note({
      at: `lists[${index}]`,
      rule: 'card_limit',
      message: `a board has at most ${limits.cardsPerBoard} cards; list "${list.name}" is one too many`,
      fix: `its cards go to the last card, labelled "${truncate(list.name.trim(), limits.labelMax)}"`,
    });
    if (last !== undefined) {
      columnOf.set(list.id, {
        cardId: columnOf.get(last.list.id)!.cardId,
        extraLabel: truncate(list.name.trim(), limits.labelMax),
      });
    }
  }
  steps.push({
    aggregate: 'board',
    id: boardId,
    actor: importer,
    creates: { entity: 'board', id: boardId },
    cards: 0,
    commands: boardCommands,
  });

  // Who is who.
  const memberById = new Map(trello.members.map((m) => [m.id, m]));
  const unmatched = new Set<string>();
  const displayName = (memberId: string | null | undefined, fallback?: string) => {
    const m = memberId == null ? undefined : memberById.get(memberId);
    return m?.fullName || m?.username || fallback || 'someone';
  };
  const writerOf = (memberId: string | null | undefined): string | null => {
    const email = emailKey(memberId == null ? null : memberById.get(memberId)?.email);
    const ownerId = email === null ? undefined : options.people.byEmail.get(email);
    return ownerId !== undefined && options.people.writers.has(ownerId) ? ownerId : null;
  };

  // Cards → tasks, in board order.
  const order = new Map(kept.concat(merged).map(({ list }, i) => [list.id, i]));
  const indexOfCard = new Map(trello.cards.map((c, i) => [c, i]));
  let closedCards = 0;
  const open: TrelloCard[] = [];
  for (const card of trello.cards) {
    if (card.closed || closedListIds.has(card.idList) || !order.has(card.idList)) closedCards++;
    else open.push(card);
  }
  open.sort((a, b) => order.get(a.idList)! - order.get(b.idList)! || byPos(a, b));
  const taken = open.slice(0, limits.tasksPerBoard);
  const overLimit = open.length - taken.length;
  if (overLimit > 0) {
    fit.note({
      at: 'cards',
      rule: 'task_limit',
      message: `a board has at most ${limits.tasksPerBoard} tasks; this one has ${open.length} open cards`,
      fix: `the last ${overLimit} cards are left out`,
    });
  }

  const labelsById = new Map(trello.labels.map((l) => [l.id, l]));
  const checklistsOfCard = new Map<string, TrelloBoard['checklists']>();
  for (const checklist of trello.checklists) {
    const list = checklistsOfCard.get(checklist.idCard) ?? [];
    list.push(checklist);
    checklistsOfCard.set(checklist.idCard, list);
  }
  const commentsOfCard = new Map<string, TrelloBoard['actions']>();
  for (const action of trello.actions) {
    const cardId = action.data.card?.id;
    if (action.type !== 'commentCard' || cardId === undefined || action.data.text === undefined)
      continue;
    const list = commentsOfCard.get(cardId) ?? [];
    list.push(action);
    commentsOfCard.set(cardId, list);
  }

  const titles = new Set<string>();
  const counts = { labels: 0, checklistItems: 0, comments: 0, assigned: 0 };
  let blankLabels = 0;
  for (const card of taken) {
    const i = indexOfCard.get(card)!;
    const at = (field: string) => `cards[${i}].${field}`;
    const taskId = idOf('card', card.id);
    const column = columnOf.get(card.idList)!;
    const fullTitle = card.name.trim();
    const title = fit.unique(
      at('name'),
      fit.name(at('name'), card.name, 'card', `Card ${i + 1}`),
      titles,
      'card',
    );
    // A cut title keeps its whole text at the top of the description.
    const longTitle = title !== fullTitle && [...fullTitle].length > limits.nameMax;
    const description = fit.distinct(
      at('desc'),
      title,
      fit.text(
        at('desc'),
        longTitle ? `${fullTitle}\n\n${card.desc}` : card.desc,
        limits.taskDescriptionMax,
        'card description',
      ),
    );
    const commands: Intent<TaskCommand>[] = [
      {
        type: 'CreateTask',
        data: {
          taskId,
          boardId,
          cardId: column.cardId,
          title,
          ...(description === '' ? {} : { description }),
        },
      },
    ];
    const dueDate = fit.dueDate(at('due'), card.due);
    if (dueDate !== null) commands.push({ type: 'SetDueDate', data: { taskId, dueDate } });
    const assignee = card.idMembers.map(writerOf).find((o) => o !== null);
    if (assignee != null) {
      commands.push({ type: 'AssignTask', data: { taskId, assigneeId: assignee } });
      counts.assigned++;
    } else {
      for (const m of card.idMembers) unmatched.add(displayName(m, m));
    }

    const labelKeys = new Set<string>();
    const labels: string[] = [];
    const wanted = card.idLabels.flatMap((labelId) => {
      const label = labelsById.get(labelId);
      const name = label?.name.trim() || label?.color || '';
      if (name === '') blankLabels++;
      return name === '' ? [] : [name];
    });
    if (column.extraLabel !== undefined && column.extraLabel !== '') wanted.push(column.extraLabel);
    for (const name of wanted) {
      const label = fit.text(at('idLabels'), name, limits.labelMax, `label "${name}"`);
      if (labelKeys.has(nameKey(label))) continue;
      labelKeys.add(nameKey(label));
      labels.push(label);
    }
    if (labels.length > limits.labelsPerTask) {
      fit.note({
        at: at('idLabels'),
        rule: 'label_limit',
        message: `a task has at most ${limits.labelsPerTask} labels; this card has ${labels.length}`,
        fix: `the first ${limits.labelsPerTask} are kept`,
      });
    }
    for (const label of labels.slice(0, limits.labelsPerTask)) {
      commands.push({ type: 'AddLabel', data: { taskId, label } });
      counts.labels++;
    }

    const order = new Map(card.idChecklists.map((id, n) => [id, n]));
    const checklists = [...(checklistsOfCard.get(card.id) ?? [])].sort(
      (a, b) => (order.get(a.id) ?? 1e9) - (order.get(b.id) ?? 1e9) || byPos(a, b),
    );
    const items = checklists.flatMap((checklist) => [...checklist.checkItems].sort(byPos));
    if (items.length > limits.checklistItemsPerTask) {
      fit.note({
        at: at('idChecklists'),
        rule: 'checklist_limit',
        message: `a checklist has at most ${limits.checklistItemsPerTask} items; this card has ${items.length}`,
        fix: `the first ${limits.checklistItemsPerTask} are kept`,
      });
    }
    const checks: Intent<TaskCommand>[] = [];
    for (const item of items.slice(0, limits.checklistItemsPerTask)) {
      const text = fit.text(
        at('idChecklists'),
        item.name.trim() === '' ? '(empty)' : item.name,
        limits.checklistItemMax,
        'checklist item',
      );
      const itemId = idOf('checkItem', item.id);
      commands.push({ type: 'AddChecklistItem', data: { taskId, itemId, text } });
      if (item.state === 'complete') {
        checks.push({ type: 'CheckChecklistItem', data: { taskId, itemId } });
      }
      counts.checklistItems++;
    }
    commands.push(...checks);
    steps.push({
      aggregate: 'task',
      id: taskId,
      actor: importer,
      creates: { entity: 'task', id: taskId },
      cards: 1,
      commands,
    });

    // Comments, oldest first; consecutive ones of one author are one step.
    const comments = [...(commentsOfCard.get(card.id) ?? [])].sort(
      (a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id),
    );
    let run: { actor: Actor; commands: Intent<TaskCommand>[]; first: string } | null = null;
    for (const comment of comments) {
      const ownerId = writerOf(comment.idMemberCreator);
      const actor: Actor = ownerId === null ? importer : { kind: 'member', ownerId };
      const author = displayName(
        comment.idMemberCreator,
        comment.memberCreator?.fullName || comment.memberCreator?.username,
      );
      if (ownerId === null) unmatched.add(author);
      const body =
        ownerId === null ? `from Trello: ${author}\n\n${comment.data.text}` : comment.data.text!;
      const commentId = idOf('action', comment.id);
      const text = fit.text(
        `actions[${trello.actions.indexOf(comment)}].data.text`,
        body,
        limits.commentMax,
        'comment',
      );
      const sameActor =
        run !== null &&
        (run.actor.kind === 'importer'
          ? actor.kind === 'importer'
          : actor.kind === 'member' && actor.ownerId === run.actor.ownerId);
      if (run === null || !sameActor) {
        if (run !== null) steps.push(commentStep(taskId, run));
        run = { actor, commands: [], first: commentId };
      }
      run.commands.push({ type: 'AddComment', data: { taskId, commentId, text } });
      counts.comments++;
    }
    if (run !== null) steps.push(commentStep(taskId, run));
  }

  const problems = fit.problems;
  return {
    steps,
    report: {
      source: 'trello',
      boards: [{ id: boardId, name: boardName, projectId }],
      counts: {
        projects,
        boards: 1,
        cards: kept.length,
        tasks: taken.length,
        members: 0,
        ...counts,
      },
      skipped: {
        closedLists: closedListIds.size,
        closedCards,
        overLimitCards: overLimit,
        blankLabels,
      },
      unmatchedPeople: [...unmatched].sort(),
      problems,
      fixed: options.fix && problems.length > 0,
    },
  };
}

function commentStep(
  taskId: string,
  run: { actor: Actor; commands: Intent<TaskCommand>[]; first: string },
): Step {
  return {
    aggregate: 'task',
    id: taskId,
    actor: run.actor,
    creates: { entity: 'comment', id: run.first },
    cards: 0,
    commands: run.commands,
  };
}
