// BoardQueries and TaskQueries over gRPC, through the typed client apps/web uses, against the
// same pipeline and the same answers as REST.
import { randomUUID } from 'node:crypto';
import { type ServiceError, status } from '@grpc/grpc-js';
import {
  type GrpcQueries,
  type GrpcQueryClient,
  grpcQueryClient,
  startGrpcQueries,
} from '@taskomask/api/queries';
import { BoardDto, BoardSearchDto, MyTasksDto, TaskDto } from '@taskomask/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUsers, usePipeline } from './support/pipeline';
import { buildTeam, type Team } from './support/team';

async function codeOf(call: Promise<unknown>): Promise<{ code: status; details: string }> {
  try {
    await call;
  } catch (error) {
    const { code, details } = error as ServiceError;
    return { code, details };
  }
  throw new Error('the call succeeded');
}

describe('gRPC queries', () => {
  const p = usePipeline();
  const users = newUsers();
  let team: Team;
  let server: GrpcQueries;
  let client: GrpcQueryClient;
  const as = (userId: string) => p().token(userId);

  beforeAll(async () => {
    team = await buildTeam(p(), users);
    await p().caughtUp();
    server = await startGrpcQueries({ port: 0, catalog: p().catalog, auth: p().auth });
    client = grpcQueryClient(`127.0.0.1:${server.port}`);
  });

  afterAll(async () => {
    client?.close();
    await server?.close();
  });

  const rest = async (url: string, userId: string) => (await p().query(url, { as: userId })).body;

  describe('BoardQueries', () => {
    it('GetBoard answers the board REST answers, with the read position', async () => {
      const reply = await client.getBoard(team.board, { token: await as(users.val) });
      expect(BoardDto.parse(reply.board)).toEqual(await rest(`/boards/${team.board}`, users.val));
      expect(reply.readPosition).toBe(team.position);
      expect(reply.stale).toBe(false);
    });

    it('SearchBoard filters and pages as REST does', async () => {
      const token = await as(users.alice);
      const reply = await client.searchBoard(
        team.board,
        { text: 'login', due: 'overdue' },
        { token },
      );
      expect(reply.items.map((hit) => hit.taskId)).toEqual([team.tasks.login]);
      const {
        readPosition: _,
        stale: __,
        ...page
      } = await client.searchBoard(team.board, { limit: 2 }, { token });
      expect(BoardSearchDto.parse(page)).toEqual(
        await rest(`/boards/${team.board}/search?limit=2`, users.alice),
      );
      expect(page.nextCursor).not.toBeNull();
      const next = await client.searchBoard(
        team.board,
        { limit: 2, cursor: page.nextCursor! },
        { token },
      );
      expect(next.items).toHaveLength(2);
      expect(next.nextCursor).toBeNull();
    });

    it('is NOT_FOUND for another workspace’s board exactly as for an unknown one', async () => {
      const token = await as(users.alice);
      const unknownId = randomUUID();
      const theirs = await codeOf(client.getBoard(team.foreign.board, { token }));
      const nobodys = await codeOf(client.getBoard(unknownId, { token }));
      expect(theirs).toEqual({
        code: status.NOT_FOUND,
        details: `board ${team.foreign.board} not found`,
      });
      expect(nobodys).toEqual({ code: status.NOT_FOUND, details: `board ${unknownId} not found` });
      expect((await codeOf(client.searchBoard(team.foreign.board, {}, { token }))).code).toBe(
        status.NOT_FOUND,
      );
    });

    it('is INVALID_ARGUMENT for a malformed id or filter', async () => {
      const token = await as(users.alice);
      expect(await codeOf(client.getBoard('nope', { token }))).toEqual({
        code: status.INVALID_ARGUMENT,
        details: 'boardId: must be a UUID',
      });
      const bad = await codeOf(
        client.searchBoard(team.board, { due: 'later' as 'week', limit: 999 }, { token }),
      );
      expect(bad).toEqual({
        code: status.INVALID_ARGUMENT,
        details: 'due: must be one of overdue, week, none; limit: must be an integer from 1 to 200',
      });
    });
  });

  describe('TaskQueries', () => {
    it('GetTask answers the task REST answers', async () => {
      const reply = await client.getTask(team.tasks.login, { token: await as(users.mia) });
      expect(TaskDto.parse(reply.task)).toEqual(
        await rest(`/tasks/${team.tasks.login}`, users.mia),
      );
    });

    it('MyTasks answers the caller’s tasks as REST does', async () => {
      const {
        readPosition: _,
        stale: __,
        ...reply
      } = await client.myTasks({}, { token: await as(users.mia) });
      expect(MyTasksDto.parse(reply)).toEqual(await rest('/me/tasks', users.mia));
      expect(reply.items.map((t) => t.taskId)).toEqual([team.tasks.login, team.tasks.deploy]);
      const overdue = await client.myTasks({ due: 'overdue' }, { token: await as(users.mia) });
      expect(overdue.items.map((t) => t.taskId)).toEqual([team.tasks.login]);
    });

    it('waits for minPosition', async () => {
      await p().pauseForwarding();
      const written = await p().command('POST', `/tasks/${team.tasks.deploy}/comments`, users.mia, {
        text: 'Shipped over gRPC',
      });
      const pending = client.getTask(team.tasks.deploy, {
        token: await as(users.mia),
        minPosition: written.position,
      });
      p().resumeForwarding();
      const reply = await pending;
      expect(reply.stale).toBe(false);
      expect(reply.readPosition).toBeGreaterThanOrEqual(written.position);
      expect(reply.task.comments.map((c) => c.commentId)).toContain(written.id);
    });

    it('is NOT_FOUND for another workspace’s task, and for a member removed meanwhile', async () => {
      const token = await as(users.alice);
      expect((await codeOf(client.getTask(team.foreign.task, { token }))).code).toBe(
        status.NOT_FOUND,
      );
      expect(
        (await codeOf(client.getTask(team.left.task, { token: await as(users.mia) }))).code,
      ).toBe(status.NOT_FOUND);
    });
  });

  describe('authentication', () => {
    it('is UNAUTHENTICATED without a valid token', async () => {
      const forged = await p().token(users.alice, { key: 'other' });
      for (const token of ['', 'not-a-jwt', forged]) {
        const { code } = await codeOf(client.getBoard(team.board, { token }));
        expect(code, token).toBe(status.UNAUTHENTICATED);
      }
      const expired = await p().token(users.alice, {
        expiresIn: Math.floor(Date.now() / 1000) - 120,
      });
      expect(await codeOf(client.myTasks({}, { token: expired }))).toEqual({
        code: status.UNAUTHENTICATED,
        details: 'the access token has expired',
      });
    });

    it('is PERMISSION_DENIED for a token without the scope', async () => {
      const token = await p().token(users.alice, { scope: 'boards:read workspaces:read' });
      expect(await codeOf(client.getTask(team.tasks.login, { token }))).toEqual({
        code: status.PERMISSION_DENIED,
        details: 'the access token lacks the tasks:read scope',
      });
      const boardsOnly = await p().token(users.alice, { scope: 'tasks:read' });
      expect((await codeOf(client.getBoard(team.board, { token: boardsOnly }))).code).toBe(
        status.PERMISSION_DENIED,
      );
    });
  });
});
