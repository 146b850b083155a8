import type { BoardView, Role, WorkspaceView } from '@taskomask/domain';
import { type Membership, membershipId, type TaskDoc } from '@taskomask/read-models';
import type { Doc, ReadStore } from '@taskomask/readstore';
import { Problem } from '../http/problem';
import type { AnswerCache } from './answer-cache';
import type { QueryStore } from './read-store-guard';

/** Who asks, and from which store; `boards`: the process's serialised board answers, if any. */
export type QueryContext = Readonly<{
  store: QueryStore;
  userId: string;
  now: number;
  boards?: AnswerCache;
  /** The webhook delivery process's store (hooks and delivery logs), when this API has one. */
  webhooks?: ReadStore;
  /** The caller prefers CSV (`Accept: text/csv`), on a route that offers it. */
  csv?: boolean;
}>;

export type Entity = 'workspace' | 'project' | 'board' | 'task';

/**
 * The one answer for an id the caller may not see: unknown, deleted, or in a workspace they are
 * not a member of all read the same, so an id reveals nothing about another workspace.
 */
export const notFound = (entity: Entity, id: string) =>
  new Problem('not-found', `${entity} ${id} not found`);

/** The caller's role in a workspace, from the membership read model; undefined for outsiders. */
export async function roleIn(
  { store, userId }: QueryContext,
  workspaceId: string,
): Promise<Role | undefined> {
  if (workspaceId === '') return undefined;
  const membership = await store.get<Membership>('memberships', membershipId(workspaceId, userId));
  return membership?.value.role as Role | undefined;
}

export async function visibleWorkspace(
  context: QueryContext,
  workspaceId: string,
): Promise<{ doc: Doc<WorkspaceView>; role: Role }> {
  const [doc, role] = await Promise.all([
    context.store.get<WorkspaceView>('workspaces', workspaceId),
    roleIn(context, workspaceId),
  ]);
  if (doc === undefined || doc.value.status !== 'active' || role === undefined) {
    throw notFound('workspace', workspaceId);
  }
  return { doc, role };
}

export async function visibleBoard(
  context: QueryContext,
  boardId: string,
): Promise<Doc<BoardView>> {
  const doc = await context.store.get<BoardView>('boards', boardId);
  if (doc === undefined || doc.value.status !== 'active') throw notFound('board', boardId);
  if ((await roleIn(context, doc.value.workspaceId)) === undefined) {
    throw notFound('board', boardId);
  }
  return doc;
}

/** A live task on a live board of a workspace the caller is a member of. */
export async function visibleTask(context: QueryContext, taskId: string): Promise<Doc<TaskDoc>> {
  const doc = await context.store.get<TaskDoc>('tasks', taskId);
  if (doc === undefined || doc.value.status !== 'active') throw notFound('task', taskId);
  const [board, role] = await Promise.all([
    context.store.get<BoardView>('boards', doc.value.boardId),
    roleIn(context, doc.value.workspaceId),
  ]);
  if (board === undefined || board.value.status !== 'active' || role === undefined) {
    throw notFound('task', taskId);
  }
  return doc;
}
