import type {
  ActivityPageDto,
  BoardSummaryDto,
  InvitationDto,
  MyInvitationsDto,
  MyWorkspacesDto,
  PageQuery,
  ProjectBoardsDto,
  WorkspaceDto,
  WorkspaceListItemDto,
} from '@taskomask/contracts';
import {
  type BoardView,
  can,
  nameKey,
  type OwnerView,
  type Role,
  type WorkspaceView,
} from '@taskomask/domain';
import type { InvitationDoc, Membership } from '@taskomask/read-models';
import { notFound, type QueryContext, visibleWorkspace } from './access';
import { scopeActivity } from './activity';
import type { Answer } from './answer';
import { pageByName } from './cursor';
import { compositeEtag } from './etag';
import { peopleNamed } from './people';

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

/**
 * A workspace with its members' current names (joined from the owners read model) and, for its
 * owners and admins only, the pending invitations with their addresses.
 */
export async function workspace(
  context: QueryContext,
  workspaceId: string,
): Promise<Answer<WorkspaceDto>> {
  const { doc, role } = await visibleWorkspace(context, workspaceId);
  const view = doc.value;
  const invitations = can(role, 'members:manage') ? (view.invitations ?? []) : [];
  const people = await peopleNamed(context.store, [
    ...view.members.map((m) => m.ownerId),
    ...invitations.map((i) => i.invitedBy),
  ]);
  const nameOf = (id: string) => people.names.get(id)!;
  return {
    body: {
      workspaceId: view.workspaceId,
      name: view.name,
      description: view.description,
      role,
      createdBy: view.createdBy,
      createdAt: view.createdAt,
      members: view.members.map((m) => ({ ...m, displayName: nameOf(m.ownerId) })),
      invitations: invitations.map(
        (i): InvitationDto => ({ ...i, invitedByName: nameOf(i.invitedBy) }),
      ),
      projects: view.projects.map((p) => ({ ...p, boards: [...p.boards] })),
      version: view.version,
      updatedAt: view.updatedAt,
      globalPosition: doc.position,
    },
    // The caller's role is in the workspace document (its member list); the names are in the
    // owners documents, so a rename changes the tag too.
    etag: compositeEtag([doc, ...people.docs], [role]),
  };
}

/** Invitations pending for the caller's current account email, oldest first. */
export async function myInvitations(context: QueryContext): Promise<Answer<MyInvitationsDto>> {
  const { store, userId } = context;
  const me = await store.get<OwnerView>('owners', userId);
  const email = me?.value.email ?? '';
  const found = email === '' ? [] : await store.find<InvitationDoc>('invitations', { email });
  const workspaces = await store.getMany<WorkspaceView>('workspaces', [
    ...new Set(found.map((doc) => doc.value.workspaceId)),
  ]);
  const names = new Map(
    workspaces.filter((w) => w.value.status === 'active').map((w) => [w.id, w.value.name]),
  );
  const live = found
    .filter((doc) => names.has(doc.value.workspaceId))
    .sort((a, b) => a.value.invitedAt.localeCompare(b.value.invitedAt));
  const people = await peopleNamed(
    store,
    live.map((doc) => doc.value.invitedBy),
  );
  const items = live.map(({ value }) => ({
    invitationId: value.invitationId,
    workspaceId: value.workspaceId,
    workspaceName: names.get(value.workspaceId)!,
    role: value.role,
    invitedBy: value.invitedBy,
    invitedByName: people.names.get(value.invitedBy)!,
    invitedAt: value.invitedAt,
  }));
  const documents = [...(me ? [me] : []), ...found, ...workspaces, ...people.docs];
  const globalPosition = documents.reduce((max, doc) => Math.max(max, doc.position), 0);
  return {
    body: { items, globalPosition },
    etag: compositeEtag(
      documents,
      items.map((item) => item.invitationId),
    ),
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
