import type { CommandName, CommandParams } from './commands';

// Where each command of the command API is: its method and path template. Kept apart from the
// schemas (commands.ts) and free of zod, so a browser can build requests without loading the
// validation code — and without zod probing for `new Function`, which our CSP refuses.

export type CommandMethod = 'POST' | 'PATCH' | 'DELETE';

export const commandPaths = {
  createWorkspace: { method: 'POST', path: '/workspaces' },
  updateWorkspace: { method: 'PATCH', path: '/workspaces/:workspaceId' },
  deleteWorkspace: { method: 'DELETE', path: '/workspaces/:workspaceId' },
  addMember: { method: 'POST', path: '/workspaces/:workspaceId/members' },
  changeMemberRole: { method: 'PATCH', path: '/workspaces/:workspaceId/members/:ownerId' },
  removeMember: { method: 'DELETE', path: '/workspaces/:workspaceId/members/:ownerId' },
  inviteMember: { method: 'POST', path: '/workspaces/:workspaceId/invitations' },
  revokeInvitation: {
    method: 'DELETE',
    path: '/workspaces/:workspaceId/invitations/:invitationId',
  },
  acceptInvitation: { method: 'POST', path: '/invitations/:invitationId/accept' },
  declineInvitation: { method: 'POST', path: '/invitations/:invitationId/decline' },
  addProject: { method: 'POST', path: '/workspaces/:workspaceId/projects' },
  updateProject: { method: 'PATCH', path: '/workspaces/:workspaceId/projects/:projectId' },
  deleteProject: { method: 'DELETE', path: '/workspaces/:workspaceId/projects/:projectId' },
  createBoard: { method: 'POST', path: '/workspaces/:workspaceId/projects/:projectId/boards' },
  updateBoard: { method: 'PATCH', path: '/boards/:boardId' },
  deleteBoard: { method: 'DELETE', path: '/boards/:boardId' },
  addCard: { method: 'POST', path: '/boards/:boardId/cards' },
  updateCard: { method: 'PATCH', path: '/boards/:boardId/cards/:cardId' },
  moveCard: { method: 'POST', path: '/boards/:boardId/cards/:cardId/move' },
  deleteCard: { method: 'DELETE', path: '/boards/:boardId/cards/:cardId' },
  createTask: { method: 'POST', path: '/boards/:boardId/tasks' },
  updateTask: { method: 'PATCH', path: '/tasks/:taskId' },
  moveTask: { method: 'POST', path: '/tasks/:taskId/move' },
  deleteTask: { method: 'DELETE', path: '/tasks/:taskId' },
  addLabel: { method: 'POST', path: '/tasks/:taskId/labels' },
  removeLabel: { method: 'DELETE', path: '/tasks/:taskId/labels/:label' },
  addChecklistItem: { method: 'POST', path: '/tasks/:taskId/checklist' },
  updateChecklistItem: { method: 'PATCH', path: '/tasks/:taskId/checklist/:itemId' },
  removeChecklistItem: { method: 'DELETE', path: '/tasks/:taskId/checklist/:itemId' },
  addComment: { method: 'POST', path: '/tasks/:taskId/comments' },
  editComment: { method: 'PATCH', path: '/tasks/:taskId/comments/:commentId' },
  deleteComment: { method: 'DELETE', path: '/tasks/:taskId/comments/:commentId' },
  adminDeactivateOwner: { method: 'POST', path: '/admin/owners/:ownerId/deactivate' },
  adminReactivateOwner: { method: 'POST', path: '/admin/owners/:ownerId/reactivate' },
  adminGrantAdmin: { method: 'POST', path: '/admin/owners/:ownerId/admin' },
  adminRevokeAdmin: { method: 'DELETE', path: '/admin/owners/:ownerId/admin' },
  adminAddMember: { method: 'POST', path: '/admin/workspaces/:workspaceId/members' },
  adminChangeMemberRole: {
    method: 'PATCH',
    path: '/admin/workspaces/:workspaceId/members/:ownerId',
  },
  adminRemoveMember: { method: 'DELETE', path: '/admin/workspaces/:workspaceId/members/:ownerId' },
  // inbox
  readInbox: { method: 'POST', path: '/me/inbox/read' },
  // personal API tokens
  createPersonalToken: { method: 'POST', path: '/me/tokens' },
  revokePersonalToken: { method: 'DELETE', path: '/me/tokens/:tokenId' },
  adminRevokePersonalToken: { method: 'DELETE', path: '/admin/owners/:ownerId/tokens/:tokenId' },
  // webhooks
  createWebhook: { method: 'POST', path: '/workspaces/:workspaceId/webhooks' },
  updateWebhook: { method: 'PATCH', path: '/workspaces/:workspaceId/webhooks/:webhookId' },
  deleteWebhook: { method: 'DELETE', path: '/workspaces/:workspaceId/webhooks/:webhookId' },
  redeliverWebhook: {
    method: 'POST',
    path: '/workspaces/:workspaceId/webhooks/:webhookId/deliveries/:deliveryId/redeliver',
  },
} as const satisfies Record<string, Readonly<{ method: CommandMethod; path: string }>>;

/** The method and path of a command request; each param is URL-encoded into its segment. */
export function commandRequest<N extends CommandName>(
  name: N,
  params: CommandParams<N>,
): Readonly<{ method: CommandMethod; path: string }> {
  const endpoint = commandPaths[name];
  const values = params as Record<string, string>;
  const path = endpoint.path.replace(/:(\w+)/g, (_, param: string) => {
    const value = values[param];
    if (value === undefined) throw new Error(`${name} needs the path parameter ${param}`);
    return encodeURIComponent(value);
  });
  return { method: endpoint.method, path };
}
