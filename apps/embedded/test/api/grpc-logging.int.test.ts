// The gRPC side writes one line per call, as REST writes one per request.
import { Writable } from 'node:stream';
import {
  type GrpcQueries,
  type GrpcQueryClient,
  grpcQueryClient,
  startGrpcQueries,
} from '@taskomask/api/queries';
import { createLogger } from '@taskomask/observability';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUsers, usePipeline } from './support/pipeline';
import { buildTeam, type Team } from './support/team';

describe('gRPC query logs', () => {
  const p = usePipeline();
  const users = newUsers();
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  let team: Team;
  let server: GrpcQueries;
  let client: GrpcQueryClient;

  beforeAll(async () => {
    team = await buildTeam(p(), users);
    await p().caughtUp();
    server = await startGrpcQueries({
      port: 0,
      catalog: p().catalog,
      auth: p().auth,
      logger: createLogger({ name: 'api-queries', destination, pretty: false }),
    });
    client = grpcQueryClient(`127.0.0.1:${server.port}`);
  });

  afterAll(async () => {
    client?.close();
    await server?.close();
  });

  it('logs each call with its method, outcome and caller, and never the token', async () => {
    const token = await p().token(users.alice);
    await client.getBoard(team.board, { token });
    await client.getBoard(team.foreign.board, { token }).catch(() => undefined);
    const calls = lines.filter((l) => l.msg === 'request completed');
    expect(calls.map((l) => [l.route, l.grpcCode, l.userId])).toEqual([
      [expect.stringMatching(/\/GetBoard$/), 'OK', users.alice],
      [expect.stringMatching(/\/GetBoard$/), 'NOT_FOUND', users.alice],
    ]);
    for (const call of calls) expect(typeof call.durationMs).toBe('number');
    expect(JSON.stringify(lines)).not.toContain(token);
  });
});
