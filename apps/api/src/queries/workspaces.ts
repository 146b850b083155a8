import type {
  ActivityPageDto,
  BoardSummaryDto,
  MyWorkspacesDto,
  PageQuery,
  ProjectBoardsDto,
  WorkspaceDto,
  WorkspaceListItemDto,
} from '@taskomask/contracts';
import { type BoardView, nameKey, type Role, type WorkspaceView } from '@taskomask/domain';
import type { Membership } from '@taskomask/read-models';
import { notFound, type QueryContext, visibleWorkspace } from './access';
import { scopeActivity } from './activity';
import type { Answer } from './answer';
import { pageByName } from './cursor';
import { compositeEtag, documentEtag } from './etag';

type PageOptions = Pick<PageQuery, 'cursor' | 'limit'>;

/** The caller's workspaces with their role in each, by name. */
export async function myWorkspaces(
  context: QueryContext,
  { cursor, limit }: PageOptions,
): Promise<Answer<MyWorkspacesDto>> {
  const { store, userId } = context;
  const memberships = await store.find<Membership>('memberships', { ownerId: userId });
  const roles = new Map(memberships.map((m) => [m.value.workspaceId, m.value.role as Role]));
  const workspaces = (
    await store.getMany<WorkspaceView>(
      'workspaces',
      memberships.map((m) => m.value.workspaceId),
    )
  ).filter((doc) => doc.value.status === 'active' && roles.has(doc.id));
  const items = workspaces.map(
    (doc): WorkspaceListItemDto => ({
      workspaceId: doc.id,
      name: doc.value.name,
      description: doc.value.description,
      role: roles.get(doc.id)!,
      memberCount: doc.value.members.length,
      projectCount: doc.value.projects.length,
      updatedAt: doc.value.updatedAt,
      globalPosition: doc.position,
    }),
  );
  const page = pageByName(items, (item) => [nameKey(item.name), item.workspaceId], {
    cursor,
    limit,
  });
  return {
    body: page,
    etag: compositeEtag(
      [...memberships, ...workspaces],
      page.items.map((item) => item.workspaceId),
    ),
  };
}

export async function workspace(
  context: QueryContext,
  workspaceId: string,
): Promise<Answer<WorkspaceDto>> {
  const { doc, role } = await visibleWorkspace(context, workspaceId);
  const view = doc.value;
  return {
    body: {
      workspaceId: view.workspaceId,
      name: view.name,
      description: view.description,
      role,
      createdBy: view.createdBy,
      createdAt: view.createdAt,
      members: [...view.members],
      projects: view.projects.map((p) => ({ ...p, boards: [...p.boards] })),
      version: view.version,
      updatedAt: view.updatedAt,
      globalPosition: doc.position,
    },
    // The caller's role is in the workspace document too (its member list), so the document's
    // position covers the whole answer.
    etag: documentEtag(doc.position),
  };
}

/** A project of a workspace with summaries of its live boards, in the order they were added. */
export async function projectBoards(
  context: QueryContext,
  workspaceId: string,
  projectId: string,
): Promise<Answer<ProjectBoardsDto>> {
  const { doc } = await visibleWorkspace(context, workspaceId);
  const project = doc.value.projects.find((p) => p.projectId === projectId);
  if (project === undefined) throw notFound('project', projectId);
  const boards = await context.store.getMany<BoardView>(
    'boards',
    project.boards.map((b) => b.boardId),
  );
  const byId = new Map(boards.map((b) => [b.id, b]));
  const summaries = project.boards.flatMap((entry): BoardSummaryDto[] => {
    const board = byId.get(entry.boardId);
    if (board === undefined || board.value.status !== 'active') return [];
    return [
      {
        boardId: board.id,
        name: board.value.name,
        description: board.value.description,
        cardCount: board.value.cards.length,
        taskCount: board.value.cards.reduce((sum, card) => sum + card.tasks.length, 0),
        updatedAt: board.value.updatedAt,
        globalPosition: board.position,
      },
    ];
  });
  return {
    body: {
      workspaceId,
      projectId,
      name: project.name,
      description: project.description,
      boards: summaries,
    },
    etag: compositeEtag(
      [doc, ...boards],
      summaries.map((b) => b.boardId),
    ),
  };
}

export async function workspaceActivity(
  context: QueryContext,
  workspaceId: string,
  page: PageOptions,
): Promise<Answer<ActivityPageDto>> {
  await visibleWorkspace(context, workspaceId);
  return scopeActivity(context.store, 'workspace', workspaceId, page);
}
