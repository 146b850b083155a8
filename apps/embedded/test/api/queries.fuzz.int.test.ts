// Property-based fuzzing of every query endpoint the OpenAPI document lists, over a team written
// through the command API and projected by the real projector: path segments and query strings
// from the schemas, valid and hostile (invalid ids, unknown and repeated parameters, numbers
// that are not, forged cursors, 100 KB values, unicode edge cases), plus hostile X-Min-Position
// and If-None-Match. Every answer: never a 5xx, a 4xx is problem+json naming the broken field, and
// nothing is appended to the event store. Reproduce with FUZZ_SEED=<seed>.

import { queryApiDocument } from '@taskomask/api/queries';
import {
  anyText,
  checkAnswer,
  describe,
  encodeSegment,
  hostileHeaderValues,
  operationsOf,
  type QueryString,
  queryStringsFor,
  type Request,
  segmentsFor,
  send,
  tally,
} from '@taskomask/testkit/openapi-fuzz';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it, describe as suite } from 'vitest';
import { newUsers, usePipeline } from './support/pipeline';
import { buildTeam, type Team } from './support/team';

const seed = Number(process.env.FUZZ_SEED ?? 20_261_126);
const numRuns = Number(process.env.FUZZ_RUNS ?? 50);
fc.configureGlobal({ seed, numRuns, endOnFailure: true });

const document = queryApiDocument();
const operations = operationsOf(document);

const base64url = (text: string) => Buffer.from(text).toString('base64url');

/** Cursors a client could forge: base64url of anything, of the right shape with wrong values. */
const forgedCursors = fc.oneof(
  anyText(40),
  fc.jsonValue({ maxDepth: 3 }).map((v) => base64url(JSON.stringify(v))),
  fc
    .constantFrom<unknown>(
      [-1],
      [1e308],
      [1.5],
      ['x'],
      [null],
      [],
      [0, 0, 0],
      { __proto__: { admin: true } },
      '__proto__',
    )
    .map((v) => base64url(JSON.stringify(v))),
  fc.constantFrom(
    base64url(`${'['.repeat(300)}${']'.repeat(300)}`),
    base64url('{"__proto__":{"admin":true}}'),
    base64url('not json'),
    '====',
    '%',
    '.',
  ),
);

const headers = fc.record(
  {
    'x-min-position': fc.oneof(
      fc.nat({ max: 10_000 }).map(String),
      fc.constantFrom('-1', '1.5', 'abc', '1e3', '9007199254740993', '0x10', ''),
      hostileHeaderValues,
    ),
    'if-none-match': fc.oneof(
      fc.nat({ max: 500 }).map((n) => `"${n}"`),
      hostileHeaderValues,
    ),
  },
  { requiredKeys: [] },
);

const authorizations = fc.oneof(
  { weight: 12, arbitrary: fc.constant('owner') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('none', 'Bearer ', 'Bearer garbage', 'Basic YWxpY2U6c2VjcmV0'),
  },
);

suite(`fuzzing the query API (seed ${seed}, ${numRuns} runs per endpoint)`, () => {
  // A short wait: fuzzed minPositions far ahead of the store answer stale after 30 ms, not 2 s.
  const pipeline = usePipeline({ minPositionWaitMs: 30 });
  const users = newUsers();
  const seen = tally();
  let team: Team;
  beforeAll(async () => {
    team = await buildTeam(pipeline(), users);
    await pipeline().caughtUp();
  });
  afterAll(() => console.log(`[fuzz] queries, seed ${seed}: ${seen.line()}`));

  it('covers every query endpoint of the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThanOrEqual(12);
    expect(operations.every((o) => o.method === 'GET')).toBe(true);
  });

  for (const operation of operations) {
    it(operation.name, async () => {
      const p = pipeline();
      const known: Record<string, string[]> = {
        workspaceId: [team.workspace, team.left.workspace, team.foreign.workspace],
        projectId: [team.project],
        boardId: [team.board, team.deletedBoard, team.left.board, team.foreign.board],
        taskId: [...Object.values(team.tasks), team.deletedBoardTask, team.foreign.task],
        ownerId: Object.values(users),
      };
      const admin = operation.path.startsWith('/admin/');
      const owner = await p.issuer.tokenFor(users.alice, {
        expiresIn: '1h',
        ...(admin ? { role: 'admin' } : {}),
      });
      const tokens: Record<string, string | undefined> = {
        owner: `Bearer ${owner}`,
        none: undefined,
      };
      const hasCursor = operation.queryParams.some((q) => q.name === 'cursor');
      const cases = fc.record({
        segments: fc.tuple(
          ...operation.pathParams.map((q) => segmentsFor(q.schema, known[q.name] ?? [])),
        ),
        query: hasCursor
          ? fc.oneof(
              { weight: 4, arbitrary: queryStringsFor(document, operation.queryParams) },
              {
                weight: 1,
                arbitrary: forgedCursors.map(
                  (c): QueryString => ({ text: `cursor=${encodeSegment(c)}` }),
                ),
              },
            )
          : queryStringsFor(document, operation.queryParams),
        headers,
        authorization: authorizations,
      });

      await fc.assert(
        fc.asyncProperty(cases, async ({ segments, query, headers: extra, authorization }) => {
          let i = 0;
          const path = operation.path.replace(/:[A-Za-z]+/g, () => segments[i++]!.wire);
          const bearer = authorization in tokens ? tokens[authorization] : authorization;
          const request: Request = {
            method: 'GET',
            url: query.text === '' ? path : `${path}?${query.text}`,
            headers: { ...extra, ...(bearer === undefined ? {} : { authorization: bearer }) },
            payload: undefined,
          };
          const before = await p.eventStore.headPosition();
          const sent = await send(p.queries, request);
          if (sent === undefined) return; // a header no HTTP client could send
          seen.add(sent.status);
          const context = describe(request, sent, `query ${query.text.slice(0, 120)}`);
          const invalidParam = operation.pathParams.find(
            (_, k) => segments[k]!.state === 'invalid',
          );
          const pathValid = segments.every((s) => s.state === 'valid');
          const routed = segments.every((s) => s.state !== 'unknown');
          const target =
            authorization !== 'owner' || !routed
              ? undefined
              : invalidParam !== undefined
                ? invalidParam.name
                : pathValid
                  ? query.target
                  : undefined;
          checkAnswer(sent, context, {
            target,
            mustFail: authorization !== 'owner' || target !== undefined,
            statuses: operation.statuses,
          });
          expect(await p.eventStore.headPosition(), `a query appended events\n${context}`).toBe(
            before,
          );
        }),
      );
    });
  }
});
