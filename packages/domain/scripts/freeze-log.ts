// Freezes today's events: runs a scripted team history through the real deciders (fixed ids,
// fixed times from command metadata), and writes to packages/domain/test/frozen/
//   v<N>.events.ndjson    every event as stored, one a line, in global order
//   v<N>.states.json      each stream folded into its write-model state
//   v<N>.read-models.json every read-model document a rebuild makes of the log
// Run once per new event version, never again for the same N: it refuses to overwrite.
//   npx tsx packages/domain/scripts/freeze-log.ts v1
// The frozen-log tests (packages/domain/test, packages/read-models/test) fold these files on
// every run and fail when today's code no longer folds an old event the same way.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectFrozenLog } from '../../read-models/test/frozen-read-models';
import {
  accountOf,
  accountStreamName,
  boardInProject,
  type Command,
  currentSchemaVersion,
  decideOwnerAccount,
  decideRegistration,
  emailChangeOf,
  evolveEmailReservation,
  evolveSystemAccounts,
  type Folder,
  inboxOfOwner,
  initialEmailReservation,
  initialSystemAccounts,
  invitationsOfInvitee,
  invitationsOfWorkspace,
  membersByAccountAdmin,
  normalizeEmail,
  type OwnerAccountCommand,
  ownerAccountByAdmin,
  ownerDecider,
  personalTokensByAdmin,
  personalTokensOfCaller,
  type RecordedEvent,
  type RegisterOwner,
  streamName,
  taskOnBoard,
  type WriteModel,
  webhooksOfWorkspace,
  workspaceOfOwner,
} from '../src/index';
import { foldStates, frozenDir } from '../test/frozen-log';

const version = process.argv[2];
if (version === undefined || !/^v\d+$/.test(version)) {
  console.error('usage: npx tsx packages/domain/scripts/freeze-log.ts v<N>');
  process.exit(2);
}
const files = {
  events: `${version}.events.ndjson`,
  states: `${version}.states.json`,
  readModels: `${version}.read-models.json`,
};
for (const name of Object.values(files)) {
  if (existsSync(new URL(name, frozenDir))) {
    console.error(
      `${name} exists: a frozen log is never regenerated; add the next version instead`,
    );
    process.exit(1);
  }
}

// ——— an in-memory shell: load → decide → append, as apps/api and apps/identity do ———

const log: RecordedEvent[] = [];
const streams = new Map<string, RecordedEvent[]>();
let clock = Date.UTC(2026, 0, 5, 9, 0, 0);
let correlations = 0;
const emailHash = (email: string) => createHash('sha256').update(email).digest('hex');

const fold = <S>(stream: string | null, folder: Folder<S>): S =>
  (stream === null ? [] : (streams.get(stream) ?? [])).reduce(
    (state, event) => folder.evolve(state, event),
    folder.initialState(),
  );

function append(writes: [string, readonly { type: string; data: unknown }[]][], userId: string) {
  const occurredAt = new Date(clock).toISOString();
  const correlationId = `00000000-0000-4000-9000-${String(++correlations).padStart(12, '0')}`;
  for (const [stream, events] of writes) {
    const list = streams.get(stream) ?? [];
    streams.set(stream, list);
    for (const { type, data } of events) {
      const event: RecordedEvent = {
        type,
        data: data as Record<string, unknown>,
        streamName: stream,
        streamVersion: list.length + 1,
        globalPosition: log.length + 1,
        occurredAt,
        metadata: { userId, correlationId, causationId: correlationId },
        schemaVersion: currentSchemaVersion(type),
      };
      list.push(event);
      log.push(event);
    }
  }
}

const metadataOf = (userId: string) => {
  clock += 60_000;
  return { userId, now: new Date(clock).toISOString() };
};

type Intent = { type: string; data: Record<string, unknown> };

/** One request of the command side: the write model's reads, decisions and one append. */
function run<C extends Command, S>(
  model: WriteModel<C, S>,
  id: string,
  userId: string,
  ...intents: Intent[]
) {
  const metadata = metadataOf(userId);
  const commands = intents.map((intent) => ({ ...intent, metadata }) as unknown as C);
  const names: (string | null)[] = [];
  let states = {} as Record<string, unknown>;
  for (const read of model.reads) {
    const stream = read.stream(id, commands, states as never);
    names.push(stream);
    states[read.name] = fold(stream, read.folder as Folder<unknown>);
  }
  const writes = new Map<string, { type: string; data: unknown }[]>();
  for (const command of commands) {
    const decided = model.decide(command, states as never) as Record<string, unknown>;
    const next = { ...states };
    model.reads.forEach((read, i) => {
      const events = decided[read.name] as { type: string; data: unknown }[] | undefined;
      if (events === undefined || events.length === 0) return;
      const stream = names[i]!;
      writes.set(stream, [...(writes.get(stream) ?? []), ...events]);
      next[read.name] = events.reduce(
        (s, e) => (read.folder as Folder<unknown>).evolve(s, e),
        states[read.name],
      );
    });
    states = next;
  }
  append([...writes], userId);
}

const systemFolder = { initialState: initialSystemAccounts, evolve: evolveSystemAccounts };
const reservationFolder = { initialState: initialEmailReservation, evolve: evolveEmailReservation };

function register(ownerId: string, displayName: string, email: string) {
  const command: RegisterOwner = {
    type: 'RegisterOwner',
    data: { ownerId, displayName, email },
    metadata: metadataOf(ownerId),
  };
  const emailStream = accountStreamName.emailReservation(emailHash(normalizeEmail(email)));
  const decided = decideRegistration(command, {
    owner: fold(streamName.owner(ownerId), ownerDecider),
    email: fold(emailStream, reservationFolder),
    system: fold(accountStreamName.systemAccounts, systemFolder),
  });
  append(
    [
      [streamName.owner(ownerId), decided.owner],
      [emailStream, decided.email],
      [accountStreamName.systemAccounts, decided.system],
    ],
    ownerId,
  );
}

function account(command: Omit<OwnerAccountCommand, 'metadata'>, userId: string) {
  const full = { ...command, metadata: metadataOf(userId) } as OwnerAccountCommand;
  const owner = fold(streamName.owner(full.data.ownerId), ownerDecider);
  const newEmail = emailChangeOf(full, owner);
  const reservedStream =
    newEmail === null ? null : accountStreamName.emailReservation(emailHash(newEmail));
  const decided = decideOwnerAccount(full, {
    owner,
    actor: fold(streamName.owner(userId), ownerDecider),
    newEmail: fold(reservedStream, reservationFolder),
  });
  const previous = accountOf(owner);
  append(
    [
      [streamName.owner(full.data.ownerId), decided.owner],
      ...(reservedStream === null || previous === null
        ? []
        : ([
            [reservedStream, decided.reservedEmail],
            [accountStreamName.emailReservation(emailHash(previous.email)), decided.releasedEmail],
          ] as [string, typeof decided.reservedEmail][])),
    ],
    userId,
  );
}

/**
 * The board's own task registry (BoardTask*): written beside task events by the command side
 * before the registry became append conditions; no command writes them now, but the logs of
 * that time hold them and board evolve still folds them, so they are frozen too.
 */
const legacyBoardTask = (boardId: string, userId: string, type: string, data: object) =>
  append([[streamName.board(boardId), [{ type, data: { boardId, ...data } }]]], userId);

// ——— the history: every event type the domain knows, with fixed ids ———

const id = (kind: number, n: number) =>
  `00000000-0000-4000-8${String(kind).padStart(3, '0')}-${String(n).padStart(12, '0')}`;
const [ada, bob, cy, dee] = [1, 2, 3, 4].map((n) => id(1, n)) as [string, string, string, string];
const ws = id(2, 1);
const ws2 = id(2, 2);
const project = id(3, 1);
const project2 = id(3, 2);
const board = id(4, 1);
const board2 = id(4, 2);
const [backlog, todo, doing, done, extra] = [1, 2, 3, 4, 5].map((n) => id(5, n)) as string[];
const [task1, task2] = [1, 2].map((n) => id(6, n)) as [string, string];
const [item1, item2] = [1, 2].map((n) => id(7, n)) as [string, string];
const [comment1, comment2] = [1, 2].map((n) => id(8, n)) as [string, string];
const [invite1, invite2, invite3, invite4] = [1, 2, 3, 4].map((n) => id(9, n)) as string[];

// Accounts (identity): the first is admin; profile, password, admin and deactivation changes.
register(ada, 'Ada Lovelace', 'ada@example.com');
register(bob, 'Bob Hope', 'bob@example.com');
register(cy, 'Cy Twombly', 'cy@example.com');
register(dee, 'Dee Dee', 'dee@example.com');
account(
  {
    type: 'UpdateOwnerProfile',
    data: { ownerId: bob, displayName: 'Bob H.', email: 'bob.hope@example.com' },
  },
  bob,
);
account({ type: 'ChangeOwnerPassword', data: { ownerId: bob } }, bob);
run(ownerAccountByAdmin, cy, ada, { type: 'GrantAdmin', data: { ownerId: cy } });
run(ownerAccountByAdmin, cy, ada, { type: 'RevokeAdmin', data: { ownerId: cy } });
run(ownerAccountByAdmin, dee, ada, { type: 'DeactivateOwner', data: { ownerId: dee } });
run(ownerAccountByAdmin, dee, ada, { type: 'ReactivateOwner', data: { ownerId: dee } });

// Workspaces, members, projects.
run(workspaceOfOwner, ws, ada, {
  type: 'CreateWorkspace',
  data: { workspaceId: ws, name: 'Launch', description: 'The launch team' },
});
run(
  workspaceOfOwner,
  ws,
  ada,
  { type: 'RenameWorkspace', data: { workspaceId: ws, name: 'Launch team' } },
  { type: 'DescribeWorkspace', data: { workspaceId: ws, description: 'Ships v1' } },
);
run(workspaceOfOwner, ws, ada, {
  type: 'AddMember',
  data: { workspaceId: ws, ownerId: bob, role: 'member' },
});
run(workspaceOfOwner, ws, ada, {
  type: 'ChangeMemberRole',
  data: { workspaceId: ws, ownerId: bob, role: 'admin' },
});
run(membersByAccountAdmin, ws, ada, {
  type: 'AddMember',
  data: { workspaceId: ws, ownerId: dee, role: 'viewer' },
});
run(workspaceOfOwner, ws, ada, { type: 'RemoveMember', data: { workspaceId: ws, ownerId: dee } });
run(workspaceOfOwner, ws, ada, {
  type: 'AddProject',
  data: { workspaceId: ws, projectId: project, name: 'Website', description: 'Public site' },
});
run(
  workspaceOfOwner,
  ws,
  ada,
  { type: 'RenameProject', data: { workspaceId: ws, projectId: project, name: 'Web site' } },
  {
    type: 'DescribeProject',
    data: { workspaceId: ws, projectId: project, description: 'Marketing site' },
  },
);
run(workspaceOfOwner, ws, ada, {
  type: 'AddProject',
  data: { workspaceId: ws, projectId: project2, name: 'Scratch', description: '' },
});

// Invitations by email: accepted, declined, revoked, and one still open.
const invitations = invitationsOfWorkspace(emailHash);
const invitee = invitationsOfInvitee(emailHash);
run(invitations, ws, ada, {
  type: 'InviteMember',
  data: { workspaceId: ws, invitationId: invite1, email: 'cy@example.com', role: 'member' },
});
run(invitee, ws, cy, { type: 'AcceptInvitation', data: { invitationId: invite1 } });
run(invitations, ws, bob, {
  type: 'InviteMember',
  data: { workspaceId: ws, invitationId: invite2, email: 'dee@example.com', role: 'viewer' },
});
run(invitee, ws, dee, { type: 'DeclineInvitation', data: { invitationId: invite2 } });
run(invitations, ws, ada, {
  type: 'InviteMember',
  data: { workspaceId: ws, invitationId: invite3, email: 'Someone@Example.com', role: 'member' },
});
run(invitations, ws, ada, {
  type: 'RevokeInvitation',
  data: { workspaceId: ws, invitationId: invite3 },
});
run(invitations, ws, ada, {
  type: 'InviteMember',
  data: { workspaceId: ws, invitationId: invite4, email: 'dee@example.com', role: 'member' },
});

// Boards and cards.
run(boardInProject, board, ada, {
  type: 'CreateBoard',
  data: {
    boardId: board,
    workspaceId: ws,
    projectId: project,
    name: 'Sprint 1',
    description: 'First sprint',
  },
});
run(
  boardInProject,
  board,
  ada,
  { type: 'RenameBoard', data: { boardId: board, name: 'Sprint one' } },
  { type: 'DescribeBoard', data: { boardId: board, description: 'Two weeks' } },
);
for (const [cardId, name, type] of [
  [backlog, 'Backlog', 'Backlog'],
  [todo, 'To do', 'ToDo'],
  [doing, 'Doing', 'Doing'],
  [done, 'Done', 'Done'],
  [extra, 'Review', 'Doing'],
] as const) {
  run(boardInProject, board, bob, {
    type: 'AddCard',
    data: { boardId: board, cardId, name, type },
  });
}
run(boardInProject, board, bob, {
  type: 'RenameCard',
  data: { boardId: board, cardId: extra, name: 'In review' },
});
run(boardInProject, board, bob, {
  type: 'ChangeCardType',
  data: { boardId: board, cardId: extra, type: 'ToDo' },
});
run(boardInProject, board, bob, {
  type: 'MoveCard',
  data: { boardId: board, cardId: extra, after: null, before: null },
});
run(
  boardInProject,
  board,
  ada,
  { type: 'SetCardFlow', data: { boardId: board, cardId: extra, flow: 'started' } },
  { type: 'SetBoardTimeZone', data: { boardId: board, timeZone: 'Europe/Berlin' } },
);

// Tasks: every field, checklist, labels, comments, moves.
run(taskOnBoard, task1, ada, {
  type: 'CreateTask',
  data: {
    taskId: task1,
    boardId: board,
    cardId: backlog,
    title: 'Write the landing page',
    description: 'Hero, *pricing*, FAQ',
  },
});
legacyBoardTask(board, ada, 'BoardTaskAdded', {
  taskId: task1,
  cardId: backlog,
  title: 'Write the landing page',
});
run(taskOnBoard, task2, bob, {
  type: 'CreateTask',
  data: { taskId: task2, boardId: board, cardId: todo, title: 'Pick a font' },
});
legacyBoardTask(board, bob, 'BoardTaskAdded', {
  taskId: task2,
  cardId: todo,
  title: 'Pick a font',
});
run(
  taskOnBoard,
  task1,
  ada,
  { type: 'RenameTask', data: { taskId: task1, title: 'Write the landing page copy' } },
  { type: 'DescribeTask', data: { taskId: task1, description: 'Hero, **pricing**, FAQ' } },
);
legacyBoardTask(board, ada, 'BoardTaskRenamed', {
  taskId: task1,
  title: 'Write the landing page copy',
});
run(taskOnBoard, task1, ada, { type: 'AssignTask', data: { taskId: task1, assigneeId: bob } });
run(taskOnBoard, task1, ada, { type: 'AssignTask', data: { taskId: task1, assigneeId: cy } });
// Inbox items are named by the global position of the event that made them.
const assignedToCy = String(log.at(-1)!.globalPosition);
run(taskOnBoard, task1, ada, { type: 'UnassignTask', data: { taskId: task1 } });
run(taskOnBoard, task1, ada, {
  type: 'SetDueDate',
  data: { taskId: task1, dueDate: '2026-02-01' },
});
run(
  taskOnBoard,
  task1,
  ada,
  { type: 'ClearDueDate', data: { taskId: task1 } },
  { type: 'SetDueDate', data: { taskId: task1, dueDate: '2026-02-15' } },
);
run(
  taskOnBoard,
  task1,
  bob,
  { type: 'AddLabel', data: { taskId: task1, label: 'copy' } },
  { type: 'AddLabel', data: { taskId: task1, label: 'urgent' } },
);
run(taskOnBoard, task1, bob, { type: 'RemoveLabel', data: { taskId: task1, label: 'urgent' } });
run(taskOnBoard, task1, bob, {
  type: 'AddChecklistItem',
  data: { taskId: task1, itemId: item1, text: 'Draft' },
});
run(taskOnBoard, task1, bob, {
  type: 'AddChecklistItem',
  data: { taskId: task1, itemId: item2, text: 'Review' },
});
run(taskOnBoard, task1, bob, {
  type: 'CheckChecklistItem',
  data: { taskId: task1, itemId: item1 },
});
run(taskOnBoard, task1, bob, {
  type: 'CheckChecklistItem',
  data: { taskId: task1, itemId: item2 },
});
run(taskOnBoard, task1, bob, {
  type: 'UncheckChecklistItem',
  data: { taskId: task1, itemId: item2 },
});
run(taskOnBoard, task1, bob, {
  type: 'RemoveChecklistItem',
  data: { taskId: task1, itemId: item2 },
});
run(taskOnBoard, task1, cy, {
  type: 'AddComment',
  data: { taskId: task1, commentId: comment1, text: 'Looks **good** 🚀' },
});
run(taskOnBoard, task1, cy, {
  type: 'EditComment',
  data: { taskId: task1, commentId: comment1, text: 'Looks great 🚀' },
});
run(taskOnBoard, task1, bob, {
  type: 'AddComment',
  data: { taskId: task1, commentId: comment2, text: 'Thanks @Cy' },
});
run(taskOnBoard, task1, bob, {
  type: 'DeleteComment',
  data: { taskId: task1, commentId: comment2 },
});
run(taskOnBoard, task1, ada, { type: 'MoveTask', data: { taskId: task1, toCardId: doing } });
legacyBoardTask(board, ada, 'BoardTaskMoved', { taskId: task1, cardId: doing });
run(taskOnBoard, task1, ada, {
  type: 'MoveTask',
  data: { taskId: task1, toCardId: doing, before: null, after: null },
});
run(taskOnBoard, task2, bob, { type: 'DeleteTask', data: { taskId: task2 } });
legacyBoardTask(board, bob, 'BoardTaskRemoved', { taskId: task2 });
run(boardInProject, board, bob, { type: 'DeleteCard', data: { boardId: board, cardId: extra } });

// Inbox: Cy reads the notice of being assigned, Bob reads all of his.
run(inboxOfOwner, cy, cy, {
  type: 'ReadNotifications',
  data: { itemIds: [assignedToCy], all: false },
});
run(inboxOfOwner, bob, bob, { type: 'ReadNotifications', data: { itemIds: [], all: true } });

// Personal API tokens: Bob makes two (one expiring) and revokes one; Ada, an account admin,
// revokes the other. Hashes are fixed digests: the secrets never reach an event.
const bobToken1 = '00000000-0000-4000-8000-00000000f001';
const bobToken2 = '00000000-0000-4000-8000-00000000f002';
const secretHash = (n: number) => createHash('sha256').update(`frozen-secret-${n}`).digest('hex');
run(personalTokensOfCaller, bob, bob, {
  type: 'CreatePersonalToken',
  data: {
    tokenId: bobToken1,
    name: 'CI pipeline',
    scopes: ['read', 'write'],
    expiresAt: null,
    secretHash: secretHash(1),
  },
});
run(personalTokensOfCaller, bob, bob, {
  type: 'CreatePersonalToken',
  data: {
    tokenId: bobToken2,
    name: 'Dashboard',
    scopes: ['read'],
    expiresAt: '2026-04-05T09:00:00.000Z',
    secretHash: secretHash(2),
  },
});
run(personalTokensOfCaller, bob, bob, {
  type: 'RevokePersonalToken',
  data: { tokenId: bobToken1 },
});
run(personalTokensByAdmin, bob, ada, {
  type: 'RevokePersonalToken',
  data: { ownerId: bob, tokenId: bobToken2 },
});

// Webhooks: Ada adds one, changes its kinds, asks for a redelivery, then removes it.
const hook1 = id(10, 1);
run(webhooksOfWorkspace, ws, ada, {
  type: 'CreateWebhook',
  data: {
    workspaceId: ws,
    webhookId: hook1,
    url: 'https://hooks.example.com/taskomask',
    secret: 'whsec_frozen_0123456789abcdef',
    eventKinds: ['TaskCreated', 'TaskMoved'],
  },
});
run(webhooksOfWorkspace, ws, ada, {
  type: 'UpdateWebhook',
  data: { workspaceId: ws, webhookId: hook1, eventKinds: ['TaskMoved'] },
});
run(webhooksOfWorkspace, ws, ada, {
  type: 'RedeliverWebhook',
  data: { workspaceId: ws, webhookId: hook1, deliveryId: 'frozen-delivery-1' },
});
run(webhooksOfWorkspace, ws, ada, {
  type: 'DeleteWebhook',
  data: { workspaceId: ws, webhookId: hook1 },
});

// Deleting: a board, a project, a whole workspace (its registry entry on the owner too).
run(boardInProject, board2, ada, {
  type: 'CreateBoard',
  data: {
    boardId: board2,
    workspaceId: ws,
    projectId: project2,
    name: 'Old ideas',
    description: '',
  },
});
run(boardInProject, board2, ada, { type: 'DeleteBoard', data: { boardId: board2 } });
run(workspaceOfOwner, ws, ada, {
  type: 'DeleteProject',
  data: { workspaceId: ws, projectId: project2 },
});
run(workspaceOfOwner, ws2, cy, {
  type: 'CreateWorkspace',
  data: { workspaceId: ws2, name: 'Side project' },
});
run(workspaceOfOwner, ws2, cy, { type: 'DeleteWorkspace', data: { workspaceId: ws2 } });

// ——— write the files ———

writeFileSync(
  new URL(files.events, frozenDir),
  `${log.map((event) => JSON.stringify(event)).join('\n')}\n`,
  { flag: 'wx' },
);
writeFileSync(new URL(files.states, frozenDir), `${JSON.stringify(foldStates(log), null, 2)}\n`, {
  flag: 'wx',
});
const dir = mkdtempSync(join(tmpdir(), 'taskomask-freeze-'));
try {
  const documents = await projectFrozenLog(log, dir);
  writeFileSync(new URL(files.readModels, frozenDir), `${JSON.stringify(documents, null, 2)}\n`, {
    flag: 'wx',
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const types = new Set(log.map((e) => e.type));
console.log(
  `froze ${log.length} events of ${types.size} types in ${streams.size} streams to ${fileURLToPath(frozenDir)}`,
);
