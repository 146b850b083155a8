import { type BoardCommand, type BoardState, boardDecider, decideBoardInProject } from './board';
import type { Condition } from './conditions';
import { ForbiddenError } from './errors';
import type { Command, Event } from './event';
import { type InboxCommand, type InboxState, inboxDecider } from './inbox';
import {
  accountOf,
  accountStreamName,
  type DeactivateOwner,
  decideOwnerAccount,
  type EmailReservationState,
  evolveEmailReservation,
  type GrantAdmin,
  initialEmailReservation,
  normalizeEmail,
  type OwnerState,
  ownerDecider,
  type ReactivateOwner,
  type RevokeAdmin,
} from './owner';
import {
  type PersonalTokenCommand,
  type PersonalTokensState,
  personalTokenDecider,
  type RevokePersonalToken,
} from './personal-token';
import { streamName } from './streams';
import {
  boardIdForTaskCommand,
  decideTaskOnBoard,
  type TaskCommand,
  type TaskState,
  taskDecider,
} from './task';
import { type WebhookCommand, type WebhooksState, webhooksDecider } from './webhook';
import {
  type AccountAdminMemberCommand,
  decideInviteeCommand,
  decideInviteMember,
  decideMembersAsAccountAdmin,
  decideRevokeInvitation,
  decideWorkspaceOfOwner,
  type InvitationsByEmailState,
  type InviteeCommand,
  invitationsByEmailFolder,
  invitationsStreamName,
  invitedWorkspaceOf,
  ownerRegistryIdFor,
  type WorkspaceCommand,
  type WorkspaceInvitationCommand,
  type WorkspaceState,
  workspaceDecider,
} from './workspace';

/** How a stream's events fold into a state (a decider is one). */
export type Folder<S> = Readonly<{
  initialState: () => S;
  // biome-ignore lint/suspicious/noExplicitAny: each folder takes its own stream's events
  evolve: (state: S, event: any) => S;
}>;

/**
 * One stream a decision reads, as a named state. `stream` says which stream it is, from the id
 * the request addresses, its commands and the states read before it; null reads nothing and
 * leaves the initial state (e.g. no owner registry for a command that keeps the name).
 */
export type StateRead<C extends Command, States> = {
  [K in keyof States & string]: Readonly<{
    name: K;
    folder: Folder<States[K]>;
    stream: (id: string, commands: readonly C[], before: Readonly<States>) => string | null;
  }>;
}[keyof States & string];

/**
 * The events a decision writes, by the name of the state whose stream receives them; the keyed
 * conditions its append must meet; and the states it read but does not write whose streams must
 * still be at the version read (what the conditions were decided on).
 */
export type Decided<States> = { readonly [K in keyof States]?: readonly Event[] } & {
  readonly conditions?: readonly Condition[];
  readonly checked?: readonly (keyof States & string)[];
};

/**
 * What a command of one aggregate reads and how it decides: the only thing the shell's write
 * loop needs to know about it. The loop reads `reads` in order (the first is the aggregate's own
 * stream: its version is what the answer reports), decides the request's commands one after
 * another, each on the states the previous one left, and appends every stream written in one
 * atomic append with the version it was read at, with the decision's conditions and checks. A
 * read-only state that is not `checked` (the workspace of a task) is not version-checked:
 * deciders only read from it what a concurrent write could not make wrong in a way another rule
 * would not catch.
 */
export type WriteModel<C extends Command, States> = Readonly<{
  reads: readonly StateRead<C, States>[];
  decide: (command: C, states: Readonly<States>) => Decided<States>;
}>;

function firstOf<C>(commands: readonly C[], pick: (command: C) => string | null): string | null {
  for (const command of commands) {
    const found = pick(command);
    if (found !== null) return found;
  }
  return null;
}

/** Workspace, member and project commands: `workspace-<id>`, then the owner's name registry. */
export const workspaceOfOwner: WriteModel<
  WorkspaceCommand,
  { workspace: WorkspaceState; owner: OwnerState }
> = {
  reads: [
    { name: 'workspace', folder: workspaceDecider, stream: streamName.workspace },
    {
      name: 'owner',
      folder: ownerDecider,
      stream: (_, commands, { workspace }) => {
        const ownerId = firstOf(commands, (c) => ownerRegistryIdFor(c, workspace));
        return ownerId === null ? null : streamName.owner(ownerId);
      },
    },
  ],
  decide: decideWorkspaceOfOwner,
};

/** sha256 hex of a normalised email: how `email-<…>` and `invitations-<…>` streams are named. */
export type EmailHash = (normalizedEmail: string) => string;

function validEmail(value: unknown): string | null {
  try {
    return normalizeEmail(value);
  } catch {
    return null; // the decider refuses it with the field's message
  }
}

const reservationFolder = {
  initialState: initialEmailReservation,
  evolve: evolveEmailReservation,
};

/**
 * Invite and revoke: `workspace-<id>`, the invited address's reservation (who holds it, to
 * refuse a member's address) and its `invitations-<hash>` index, which the append keeps in step.
 */
export function invitationsOfWorkspace(
  hash: EmailHash,
): WriteModel<
  WorkspaceInvitationCommand,
  { workspace: WorkspaceState; holder: EmailReservationState; index: InvitationsByEmailState }
> {
  const emailOf = (commands: readonly WorkspaceInvitationCommand[], workspace: WorkspaceState) => {
    const command = commands[0];
    if (command?.type === 'InviteMember') return validEmail(command.data.email);
    if (command === undefined || workspace.status !== 'active') return null;
    return workspace.invitations.get(command.data.invitationId)?.email ?? null;
  };
  return {
    reads: [
      { name: 'workspace', folder: workspaceDecider, stream: streamName.workspace },
      {
        name: 'holder',
        folder: reservationFolder,
        stream: (_, commands, { workspace }) => {
          const email = commands[0]?.type === 'InviteMember' ? emailOf(commands, workspace) : null;
          return email === null ? null : accountStreamName.emailReservation(hash(email));
        },
      },
      {
        name: 'index',
        folder: invitationsByEmailFolder,
        stream: (_, commands, { workspace }) => {
          const email = emailOf(commands, workspace);
          return email === null ? null : invitationsStreamName(hash(email));
        },
      },
    ],
    decide: (command, states) =>
      command.type === 'InviteMember'
        ? decideInviteMember(command, states)
        : decideRevokeInvitation(command, states),
  };
}

/**
 * Accept and decline, by the invitee: `owner-<actor>` (its current email), that email's
 * `invitations-<hash>` index, and the workspace the index names for the invitation.
 */
export function invitationsOfInvitee(
  hash: EmailHash,
): WriteModel<
  InviteeCommand,
  { owner: OwnerState; index: InvitationsByEmailState; workspace: WorkspaceState }
> {
  return {
    reads: [
      {
        name: 'owner',
        folder: ownerDecider,
        stream: (_, commands) => {
          const actor = commands[0]?.metadata.userId;
          return actor === undefined ? null : streamName.owner(actor);
        },
      },
      {
        name: 'index',
        folder: invitationsByEmailFolder,
        stream: (_, __, { owner }) => {
          const email = accountOf(owner)?.email;
          return email === undefined ? null : invitationsStreamName(hash(email));
        },
      },
      {
        name: 'workspace',
        folder: workspaceDecider,
        stream: (_, commands, { index }) => {
          const command = commands[0];
          const workspaceId = command === undefined ? null : invitedWorkspaceOf(command, index);
          return workspaceId === null ? null : streamName.workspace(workspaceId);
        },
      },
    ],
    decide: (command, states) => ({ ...decideInviteeCommand(command, states), checked: ['owner'] }),
  };
}

/** Board and card commands: `board-<id>`, then its workspace (CreateBoard: the one it names). */
export const boardInProject: WriteModel<
  BoardCommand,
  { board: BoardState; workspace: WorkspaceState }
> = {
  reads: [
    { name: 'board', folder: boardDecider, stream: streamName.board },
    {
      name: 'workspace',
      folder: workspaceDecider,
      stream: (_, commands, { board }) => {
        const workspaceId =
          board.status !== 'initial'
            ? board.workspaceId
            : firstOf(commands, (c) => (c.type === 'CreateBoard' ? c.data.workspaceId : null));
        return workspaceId === null ? null : streamName.workspace(workspaceId);
      },
    },
  ],
  decide: decideBoardInProject,
};

/** Task commands: `task-<id>`, then its board (CreateTask: the one it names), then the workspace. */
export const taskOnBoard: WriteModel<
  TaskCommand,
  { task: TaskState; board: BoardState; workspace: WorkspaceState }
> = {
  reads: [
    { name: 'task', folder: taskDecider, stream: streamName.task },
    {
      name: 'board',
      folder: boardDecider,
      stream: (_, commands, { task }) => {
        const first = commands[0];
        const boardId = first === undefined ? null : boardIdForTaskCommand(first, task);
        return boardId === null ? null : streamName.board(boardId);
      },
    },
    {
      name: 'workspace',
      folder: workspaceDecider,
      stream: (_, __, { board }) =>
        board.status === 'initial' ? null : streamName.workspace(board.workspaceId),
    },
  ],
  decide: decideTaskOnBoard,
};

/** The account commands an account admin issues on another account. */
export type AccountAdminCommand = GrantAdmin | RevokeAdmin | DeactivateOwner | ReactivateOwner;

/** The stream of the caller (the first command's user), named by `name`. */
const actorStreamOf =
  (name: (id: string) => string) =>
  <C extends Command>(_: string, commands: readonly C[]) => {
    const first = commands[0];
    return first === undefined ? null : name(first.metadata.userId);
  };
const actorStream = actorStreamOf(streamName.owner);

/**
 * `owner-<ownerId>` and, as the actor, `owner-<caller>` (one read when they are the same
 * stream): decideOwnerAccount lets only an active account admin act.
 */
export const ownerAccountByAdmin: WriteModel<
  AccountAdminCommand,
  { owner: OwnerState; actor: OwnerState }
> = {
  reads: [
    { name: 'owner', folder: ownerDecider, stream: streamName.owner },
    { name: 'actor', folder: ownerDecider, stream: actorStream },
  ],
  decide: (command, states) => ({
    owner: decideOwnerAccount(command, { ...states, newEmail: initialEmailReservation() }).owner,
  }),
};

/** Member commands of an account admin on any workspace: `workspace-<id>` and `owner-<caller>`. */
export const membersByAccountAdmin: WriteModel<
  AccountAdminMemberCommand,
  { workspace: WorkspaceState; actor: OwnerState }
> = {
  reads: [
    { name: 'workspace', folder: workspaceDecider, stream: streamName.workspace },
    { name: 'actor', folder: ownerDecider, stream: actorStream },
  ],
  decide: (command, states) => ({ workspace: decideMembersAsAccountAdmin(command, states) }),
};

/** The caller's inbox, `inbox-<caller>`: whatever id a request names, only your own is written. */
export const inboxOfOwner: WriteModel<InboxCommand, { inbox: InboxState }> = {
  reads: [{ name: 'inbox', folder: inboxDecider, stream: actorStreamOf(streamName.inbox) }],
  decide: (command, { inbox }) => ({ inbox: inboxDecider.decide(command, inbox) }),
};

/** The caller's own tokens, `tokens-<caller>`: whatever id a request names, only yours are written. */
export const personalTokensOfCaller: WriteModel<
  PersonalTokenCommand,
  { tokens: PersonalTokensState }
> = {
  reads: [
    { name: 'tokens', folder: personalTokenDecider, stream: actorStreamOf(streamName.tokens) },
  ],
  decide: (command, { tokens }) => ({
    // A revocation here never names another owner: the caller's stream is the only one read.
    tokens: personalTokenDecider.decide(
      command.type === 'RevokePersonalToken'
        ? { ...command, data: { tokenId: command.data.tokenId } }
        : command,
      tokens,
    ),
  }),
};

/**
 * An account admin revokes anyone's token: `tokens-<ownerId>` and, as the actor,
 * `owner-<caller>`, which must be an active admin in its own stream (a demoted admin's token
 * that still says admin is refused here).
 */
export const personalTokensByAdmin: WriteModel<
  RevokePersonalToken,
  { tokens: PersonalTokensState; actor: OwnerState }
> = {
  reads: [
    { name: 'tokens', folder: personalTokenDecider, stream: streamName.tokens },
    { name: 'actor', folder: ownerDecider, stream: actorStream },
  ],
  decide: (command, { tokens, actor }) => {
    const account = accountOf(actor);
    if (account === null || account.role !== 'admin' || account.status !== 'active') {
      throw new ForbiddenError('only an active account admin may revoke another person’s token');
    }
    return { tokens: personalTokenDecider.decide(command, tokens) };
  },
};

/**
 * Webhook commands: `webhooks-<workspaceId>`, then the workspace (who may manage them). The
 * workspace is read, not written: a member removed meanwhile is caught at delivery time.
 */
export const webhooksOfWorkspace: WriteModel<
  WebhookCommand,
  { webhooks: WebhooksState; workspace: WorkspaceState }
> = {
  reads: [
    { name: 'webhooks', folder: webhooksDecider, stream: streamName.webhooks },
    { name: 'workspace', folder: workspaceDecider, stream: streamName.workspace },
  ],
  decide: (command, { webhooks, workspace }) => ({
    webhooks: webhooksDecider.decide(command, webhooks, { workspace }),
  }),
};
