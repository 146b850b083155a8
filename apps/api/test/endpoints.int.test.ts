// Every command endpoint through the same checks, against SQLite and Redis: success (status,
// body, ETag, events and their metadata), 401, 403 (scope and role), 404 for unknown and foreign
// ids alike, 412 on a stale If-Match, and idempotency (repeat, reuse, concurrent repeats).
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { scopes } from '@taskomask/contracts';
import { unavailable } from '@taskomask/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { commandRoutes } from '../src/commands/routes';
import {
  type Call,
  coveredElsewhere,
  endpointCases,
  rootOf,
  withUnknownRoot,
} from './support/endpoints';
import { buildWorld, type StoreKind, useApi, type World } from './support/harness';

const sorted = (list: readonly string[]) => [...list].sort();

function endpointSuite(kind: StoreKind) {
  const api = useApi(kind);
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(api());
  });

  const send = (call: Call, as: string | null, headers: Record<string, string> = {}) =>
    api().send(call.method, call.url, { as, body: call.body, headers });

  /** Runs `act` and checks that it wrote nothing. */
  async function writesNothing<T>(act: () => Promise<T>): Promise<T> {
    const before = await api().head();
    const result = await act();
    expect(await api().head()).toBe(before);
    return result;
  }

  it('covers every command route', () => {
    expect(sorted([...endpointCases.map((c) => c.name), ...Object.keys(coveredElsewhere)])).toEqual(
      sorted(commandRoutes.map((r) => `${r.method} ${r.url}`)),
    );
    for (const file of Object.values(coveredElsewhere)) {
      expect(existsSync(new URL(`../../../${file}`, import.meta.url)), file).toBe(true);
    }
  });

  describe.each(endpointCases)('$name', (endpoint) => {
    it(`answers ${endpoint.status} with version, position and ETag, and writes its events`, async () => {
      const { call, primary } = await endpoint.prepare(api(), world);
      const before = await api().head();
      const correlationId = `corr-${randomUUID()}`;
      const traceparent = `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`;
      const response = await send(call, api().users.alice, {
        'x-correlation-id': correlationId,
        traceparent,
      });
      expect(response.status, JSON.stringify(response.body)).toBe(endpoint.status);
      expect(Object.keys(response.body).sort()).toEqual(
        endpoint.returnsId ? ['id', 'position', 'version'] : ['position', 'version'],
      );
      const events = await api().eventsAfter(before);
      expect(sorted(events.map((e) => e.type))).toEqual(sorted(endpoint.events));
      expect(response.body.position).toBe(Math.max(...events.map((e) => e.globalPosition)));
      const stream = primary(response.body.id);
      expect(response.body.version).toBe(await api().store.streamVersion(stream));
      expect(response.headers.etag).toBe(`"${response.body.version}"`);
      expect(response.headers['x-correlation-id']).toBe(correlationId);
      for (const event of events) {
        expect(event.metadata).toEqual({
          userId: api().users.alice,
          correlationId,
          causationId: response.headers['x-request-id'],
          traceparent,
        });
      }
    });

    it('answers 401 without a token and writes nothing', async () => {
      const { call } = await endpoint.prepare(api(), world);
      const response = await writesNothing(() => send(call, null));
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
    });

    it(`answers 403 insufficient_scope without ${endpoint.scope}`, async () => {
      const { call } = await endpoint.prepare(api(), world);
      const response = await writesNothing(() =>
        api().send(call.method, call.url, {
          as: api().users.alice,
          body: call.body,
          tokenOptions: { scope: scopes.filter((s) => s !== endpoint.scope).join(' ') },
        }),
      );
      expect(response.status).toBe(403);
      expect(response.body.type).toBe('urn:taskomask:problem:insufficient-scope');
      expect(response.headers['www-authenticate']).toContain(
        `error="insufficient_scope", scope="${endpoint.scope}"`,
      );
    });

    it.skipIf(!endpoint.viewerForbidden)('answers 403 to a viewer of the workspace', async () => {
      const { call } = await endpoint.prepare(api(), world);
      const response = await writesNothing(() => send(call, api().users.val));
      expect(response.status, JSON.stringify(response.body)).toBe(403);
      expect(response.body.type).toBe('urn:taskomask:problem:forbidden');
    });

    it.skipIf(endpoint.foreign === undefined)(
      'answers the same 404 for another workspace’s ids and for unknown ids',
      async () => {
        const foreign = endpoint.foreign!(api(), world);
        const unknown = withUnknownRoot(foreign);
        for (const call of [foreign, unknown]) {
          const response = await writesNothing(() => send(call, api().users.alice));
          const { entity, id } = rootOf(call.url);
          expect(response.status, JSON.stringify(response.body)).toBe(404);
          expect(response.body.detail).toBe(`${entity} ${id} not found`);
        }
        // A stale If-Match must not turn the 404 into a 412 that confirms the id exists.
        const pinned = await writesNothing(() =>
          send(foreign, api().users.alice, { 'if-match': '"999"' }),
        );
        expect(pinned.status).toBe(404);
      },
    );

    it('answers 412 on a stale If-Match and succeeds on the current one', async () => {
      const { call, target } = await endpoint.prepare(api(), world);
      const version = target === null ? 0 : await api().store.streamVersion(target);
      const stale = await writesNothing(() =>
        send(call, api().users.alice, { 'if-match': `"${version + 1}"` }),
      );
      expect(stale.status, JSON.stringify(stale.body)).toBe(412);
      expect(stale.body.type).toBe('urn:taskomask:problem:precondition-failed');
      const current = await send(call, api().users.alice, { 'if-match': `"${version}"` });
      expect(current.status, JSON.stringify(current.body)).toBe(endpoint.status);
    });

    it('answers a repeat with the same Idempotency-Key with the first answer, writing nothing', async () => {
      const first = await endpoint.prepare(api(), world);
      const other = await endpoint.prepare(api(), world);
      const key = `key-${randomUUID()}`;
      const original = await send(first.call, api().users.alice, { 'idempotency-key': key });
      expect(original.status).toBe(endpoint.status);
      const repeat = await writesNothing(() =>
        send(first.call, api().users.alice, { 'idempotency-key': key }),
      );
      expect(repeat.status).toBe(original.status);
      expect(repeat.body).toEqual(original.body);
      expect(repeat.headers.etag).toBe(original.headers.etag);
      expect(repeat.headers['idempotent-replayed']).toBe('true');
      const reused = await writesNothing(() =>
        send(other.call, api().users.alice, { 'idempotency-key': key }),
      );
      expect(reused.status).toBe(422);
      expect(reused.body.type).toBe('urn:taskomask:problem:idempotency-key-reused');
    });

    it('writes once for concurrent repeats with one Idempotency-Key', async () => {
      const { call } = await endpoint.prepare(api(), world);
      const key = `key-${randomUUID()}`;
      const before = await api().head();
      const answers = await Promise.all(
        Array.from({ length: 4 }, () => send(call, api().users.alice, { 'idempotency-key': key })),
      );
      for (const answer of answers) {
        expect(answer.status, JSON.stringify(answer.body)).toBe(endpoint.status);
        expect(answer.body).toEqual(answers[0]!.body);
      }
      expect((await api().eventsAfter(before)).length).toBe(endpoint.events.length);
    });
  });
}

describe('command endpoints on SQLite', () => endpointSuite('sqlite'));
describe.skipIf(unavailable('redis'))('command endpoints on Redis', () => endpointSuite('redis'));
