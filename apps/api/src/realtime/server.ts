import type { Server as HttpServer } from 'node:http';
import { hostname } from 'node:os';
import { createAdapter } from '@socket.io/redis-adapter';
import { personalTokenPrefix } from '@taskomask/contracts';
import type {
  BoardChanged,
  ClientEvents,
  InboxChanged,
  MembershipChanged,
  MembershipNotice,
  PresentUser,
  ServerEvents,
} from '@taskomask/contracts/realtime';
import { isTicket, verifyTicket } from '@taskomask/contracts/socket-ticket';
import {
  contextFromTraceparent,
  hasSpan,
  inSpan,
  type Registry,
  SpanKind,
  socketMetrics,
} from '@taskomask/observability';
import { Redis } from 'ioredis';
import { Server, type Socket } from 'socket.io';
import { accountDeactivated } from '../http/auth';
import { Problem } from '../http/problem';
import { emitInboxNotices } from './inbox-notices';
import { sweepRevokedSockets } from './revoked-sockets';

/** Structurally the projector's RealtimeNotifier port. */
export interface BoardNotifier {
  boardChanged(notices: readonly BoardChanged[]): void | Promise<void>;
  membershipsChanged(changes: readonly MembershipChanged[]): void | Promise<void>;
  /** Emits `inbox:changed` to each person's own sockets (inbox). */
  inboxChanged(changed: readonly InboxChanged[]): void | Promise<void>;
}

/** Anything that turns an `Authorization` value into a user: `bearerAuth(...)` fits. */
export type TokenVerifier = Readonly<{
  verify(
    authorization: string | undefined,
  ): Promise<{ userId: string; scopes?: ReadonlySet<string> }>;
}>;

export type RealtimeOptions = Readonly<{
  /** Verifies access tokens (service clients, the CLI, tests). */
  auth: TokenVerifier;
  /** When set, BFF-minted socket tickets (see ticket.ts) are accepted too. */
  ticketSecret?: string;
  /** May this user see this board? Checked on every join and again by dropMember. */
  memberships: (userId: string, boardId: string) => Promise<boolean>;
  /** With a Redis URL, rooms are shared by every instance through @socket.io/redis-adapter. */
  redisUrl?: string;
  /** Browser origins allowed to connect (the web app's); none = same origin only. */
  corsOrigins?: readonly string[];
  now?: () => number;
  /** Deactivated accounts now: their sockets are dropped with a reason (revoked-sockets.ts). */
  deactivated?: () => Promise<ReadonlySet<string>>;
  /** A sweep that could not read the deactivated accounts (it tries again on the next). */
  onSweepError?: (error: unknown) => void;
  /** Counts open sockets as `taskomask_open_sockets{instance}`. */
  metrics?: Registry;
  /** The `instance` label; `<hostname>:<pid>` by default. */
  instance?: string;
}>;

type SocketData = { user: PresentUser; boards: string[]; personalToken?: string };
type RealtimeSocket = Socket<ClientEvents, ServerEvents, Record<string, never>, SocketData>;

export type Realtime = Readonly<{
  io: Server<ClientEvents, ServerEvents, Record<string, never>, SocketData>;
  /**
   * The projector's RealtimeNotifier: emits each notice to `board:<id>`, drops removed members
   * from their rooms and tells members of their new role (`membership:changed`), on every instance.
   */
  notifier: BoardNotifier;
  /**
   * The same, to this instance's sockets only: for notices every instance receives anyway (the
   * Redis notice channels of the distributed mode), so each socket gets a notice once.
   */
  localNotifier: BoardNotifier;
  /**
   * Re-checks a removed member's boards and drops their sockets (on every instance) from the
   * rooms they may no longer see. Call it after the membership read model dropped them.
   */
  dropMember(workspaceId: string, ownerId: string): Promise<void>;
  close(): Promise<void>;
}>;

export const boardRoom = (boardId: string) => `board:${boardId}`;
const isPersonalToken = (token: string) => token.startsWith(personalTokenPrefix);
const userRoom = (userId: string) => `user:${userId}`;
const idPattern = /^[\w-]{1,100}$/;

/** Handles a membership change in a span continuing the projector's trace; untraced without one. */
function membershipInSpan(
  change: MembershipChanged,
  handle: (change: MembershipChanged) => Promise<void>,
): Promise<void> {
  if (change.traceparent === undefined && !hasSpan()) return handle(change);
  return inSpan(
    'socket.io membership changed',
    {
      kind: SpanKind.CONSUMER,
      parent: contextFromTraceparent(change.traceparent),
      attributes: { 'messaging.system': 'socket.io', 'taskomask.position': change.position },
    },
    () => handle(change),
  );
}

/** Emits a notice in a span continuing its trace; without one (tracing off) just emits it. */
function emitNotice(
  notice: BoardChanged,
  emit: (notice: BoardChanged) => void,
): void | Promise<void> {
  const { traceparent, ...plain } = notice;
  if (traceparent === undefined && !hasSpan()) return emit(plain);
  return inSpan(
    'socket.io emit board:changed',
    {
      kind: SpanKind.PRODUCER,
      parent: contextFromTraceparent(traceparent),
      attributes: {
        'messaging.system': 'socket.io',
        'messaging.destination.name': boardRoom(plain.boardId),
        'taskomask.position': plain.position,
      },
    },
    () => emit(plain),
  );
}

/**
 * The Redis adapter publishes without awaiting: a publish that fails (Redis down, the client
 * closing) is a rejection nobody hears, and that ends the process (Node's default). Marks them
 * handled; the adapter's own requests time out, and broadcasts are lost like any pub/sub message.
 */
function handledPublishes(client: Redis): void {
  const publish = client.publish.bind(client) as (...args: unknown[]) => Promise<unknown>;
  (client as unknown as { publish: typeof publish }).publish = (...args) => {
    const sent = publish(...args);
    sent.catch(() => undefined);
    return sent;
  };
}

export function attachRealtime(httpServer: HttpServer, options: RealtimeOptions): Realtime {
  const now = options.now ?? Date.now;
  const io = new Server<ClientEvents, ServerEvents, Record<string, never>, SocketData>(httpServer, {
    cors:
      options.corsOrigins && options.corsOrigins.length > 0
        ? { origin: [...options.corsOrigins], methods: ['GET', 'POST'] }
        : undefined,
    serveClient: false,
  });
  const sockets = options.metrics
    ? socketMetrics(
        options.metrics,
        options.instance ?? `${hostname()}:${process.pid}`,
        () => io.engine.clientsCount,
      )
    : undefined;
  const redis: Redis[] = [];
  if (options.redisUrl) {
    const pub = new Redis(options.redisUrl, { lazyConnect: false });
    const sub = pub.duplicate();
    // Both reconnect by themselves after a Redis outage; unheard, each attempt prints as unhandled.
    for (const client of [pub, sub]) client.on('error', () => undefined);
    handledPublishes(pub);
    redis.push(pub, sub);
    io.adapter(createAdapter(pub, sub));
  }

  io.use(async (socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown }).token;
    try {
      if (typeof token !== 'string' || token === '') throw new Error('a token is required');
      if (isTicket(token)) {
        const ticket = options.ticketSecret
          ? verifyTicket(options.ticketSecret, token, now())
          : null;
        if (!ticket) throw new Error('the socket ticket is invalid or expired');
        socket.data.user = { id: ticket.sub, name: ticket.name };
      } else {
        const principal = await options.auth.verify(`Bearer ${token}`);
        // Rooms carry board changes: a token that may not read boards may not watch them.
        if (principal.scopes !== undefined && !principal.scopes.has('boards:read')) {
          throw new Error('the access token lacks the boards:read scope');
        }
        socket.data.user = { id: principal.userId, name: '' };
        // Re-checked by every sweep: a revoked token's socket is dropped like a deactivated one.
        if (isPersonalToken(token)) socket.data.personalToken = token;
      }
      socket.data.boards = [];
      next();
    } catch (error) {
      next(new Error(error instanceof Error ? error.message : 'unauthorized'));
    }
  });

  async function presenceOf(boardId: string): Promise<PresentUser[]> {
    const sockets = await io.in(boardRoom(boardId)).fetchSockets();
    const users = new Map<string, PresentUser>();
    for (const s of sockets) users.set(s.data.user.id, s.data.user);
    return [...users.values()].sort(
      (a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1),
    );
  }

  // Presence is a courtesy, skipped when the other instances cannot be asked (Redis down, an
  // instance gone). It never rejects: handlers call it unawaited, and a rejection nobody hears
  // ends the process (Node's default).
  async function announce(boardId: string): Promise<void> {
    try {
      const users = await presenceOf(boardId);
      io.to(boardRoom(boardId)).emit('board:presence', { boardId, users });
    } catch {
      // The next join, leave or disconnect announces again.
    }
  }

  const leave = async (socket: RealtimeSocket, boardId: string) => {
    socket.data.boards = socket.data.boards.filter((b) => b !== boardId);
    await socket.leave(boardRoom(boardId));
    await announce(boardId);
  };

  // Counts drops begun here: a join whose membership check raced one checks again (below).
  let drops = 0;

  io.on('connection', (socket: RealtimeSocket) => {
    void socket.join(userRoom(socket.data.user.id));
    socket.on('board:join', async (boardId, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      if (typeof boardId !== 'string' || !idPattern.test(boardId)) {
        return reply({ ok: false, error: 'bad-request' });
      }
      const allowed = () => options.memberships(socket.data.user.id, boardId).catch(() => false);
      const dropsBefore = drops;
      // Another workspace's board looks exactly like an unknown one.
      if (!(await allowed())) return reply({ ok: false, error: 'not-found' });
      if (!socket.data.boards.includes(boardId)) socket.data.boards.push(boardId);
      await socket.join(boardRoom(boardId));
      // A removal that ran while we checked did not see this socket in the room: ask again.
      if (drops !== dropsBefore && !(await allowed())) {
        socket.data.boards = socket.data.boards.filter((b) => b !== boardId);
        await socket.leave(boardRoom(boardId));
        return reply({ ok: false, error: 'not-found' });
      }
      reply({ ok: true });
      await announce(boardId);
    });
    socket.on('board:leave', (boardId) => {
      if (typeof boardId === 'string') void leave(socket, boardId);
    });
    socket.on('disconnect', () => {
      for (const boardId of socket.data.boards) void announce(boardId);
    });
  });

  /**
   * Takes the member's sockets (this instance's only, or every instance's) out of each board room
   * the read store no longer lets them see. The projector calls it after the removal committed,
   * so the re-check sees it; a member added back meanwhile keeps their rooms.
   */
  async function drop(ownerId: string, where: 'here' | 'everywhere'): Promise<void> {
    drops++;
    const sockets =
      where === 'here'
        ? await io.local.in(userRoom(ownerId)).fetchSockets()
        : await io.in(userRoom(ownerId)).fetchSockets();
    const boards = new Set(sockets.flatMap((s) => s.data.boards ?? []));
    for (const boardId of boards) {
      const allowed = await options.memberships(ownerId, boardId).catch(() => false);
      if (allowed) continue;
      for (const s of sockets) {
        if (!s.data.boards?.includes(boardId)) continue;
        s.leave(boardRoom(boardId));
        s.emit('board:revoked', { boardId });
      }
      // RemoteSocket#leave is fire-and-forget across instances; local sockets also forget it.
      for (const local of await io.in(userRoom(ownerId)).local.fetchSockets()) {
        const live = io.sockets.sockets.get(local.id);
        if (live) live.data.boards = live.data.boards.filter((b) => b !== boardId);
      }
      await announce(boardId);
    }
  }

  /** A removed member leaves the rooms first, then each of their sockets hears its new role. */
  async function membershipChanged(change: MembershipChanged, where: 'here' | 'everywhere') {
    if (change.role === null) await drop(change.ownerId, where);
    const { workspaceId, role, position } = change;
    const notice: MembershipNotice = { workspaceId, role, position };
    const to =
      where === 'here' ? io.local.to(userRoom(change.ownerId)) : io.to(userRoom(change.ownerId));
    to.emit('membership:changed', notice);
  }

  // Personal tokens are verified again (not from any cache) on each sweep: a 401 now drops it.
  const tokenRefused = async (token: string) => {
    try {
      await options.auth.verify(`Bearer ${token}`);
      return null;
    } catch (error) {
      if (!(error instanceof Problem) || error.kind !== 'unauthorized') throw error;
      return error.message === accountDeactivated ? 'account-deactivated' : 'token-revoked';
    }
  };
  const revoked = sweepRevokedSockets(io, options.deactivated, {
    onError: (error) => options.onSweepError?.(error),
    tokenRefused,
  });
  return {
    io,
    notifier: {
      async boardChanged(notices) {
        for (const notice of notices) {
          await emitNotice(notice, (n) => io.to(boardRoom(n.boardId)).emit('board:changed', n));
        }
      },
      async membershipsChanged(changes) {
        for (const c of changes)
          await membershipInSpan(c, (n) => membershipChanged(n, 'everywhere'));
      },
      inboxChanged: (changed) => emitInboxNotices(changed, (id) => io.to(userRoom(id))),
    },
    localNotifier: {
      async boardChanged(notices) {
        for (const notice of notices) {
          await emitNotice(notice, (n) =>
            io.local.to(boardRoom(n.boardId)).emit('board:changed', n),
          );
        }
      },
      async membershipsChanged(changes) {
        for (const c of changes) await membershipInSpan(c, (n) => membershipChanged(n, 'here'));
      },
      inboxChanged: (changed) => emitInboxNotices(changed, (id) => io.local.to(userRoom(id))),
    },
    dropMember: (_workspaceId, ownerId) => drop(ownerId, 'everywhere'),
    async close() {
      revoked?.stop();
      // Not io.close(): that would also close the HTTP server, which belongs to the caller.
      io.local.disconnectSockets(true);
      io.engine.close();
      sockets?.remove();
      for (const client of redis) client.disconnect();
    },
  };
}
