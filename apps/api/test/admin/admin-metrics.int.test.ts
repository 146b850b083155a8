// Issue 17 §4: admin commands count in the command-duration histogram (they were missing), refused
// ones included, like the member commands.
import { randomUUID } from 'node:crypto';
import { sqliteEventStore } from '@taskomask/eventstore/sqlite';
import { createRegistry, parsePrometheusText } from '@taskomask/observability';
import { startTestIssuer, type TestIssuer } from '@taskomask/testkit/jwks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommandApi } from '../../src/commands/api';

describe('admin commands in taskomask_command_duration_seconds', () => {
  const store = sqliteEventStore({ path: ':memory:' });
  const registry = createRegistry({ defaultMetrics: false });
  let issuer: TestIssuer;
  let app: ReturnType<typeof buildCommandApi>;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    app = buildCommandApi({
      eventStore: store,
      auth: { issuer: issuer.issuer, audience: issuer.audience, jwksUrl: issuer.jwksUrl },
      metrics: registry,
    });
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    await store.close();
    await issuer.close();
  });

  it('observes each admin command by its operation id and outcome', async () => {
    const token = await issuer.tokenFor(randomUUID(), { expiresIn: '1h', role: 'admin' });
    // The caller has no account stream: refused by the decision (403), still measured.
    const refused = await app.inject({
      method: 'POST',
      url: `/admin/owners/${randomUUID()}/deactivate`,
      headers: { authorization: `Bearer ${token}` },
    });
    const anonymous = await app.inject({
      method: 'DELETE',
      url: `/admin/owners/${randomUUID()}/admin`,
    });
    expect(anonymous.statusCode).toBe(401);

    const samples = parsePrometheusText(await registry.metrics()).samples;
    const counted = (command: string) =>
      samples
        .filter((x) => x.name === 'taskomask_command_duration_seconds_count')
        .filter((x) => x.labels.command === command)
        .map((x) => [x.labels.outcome, x.value]);
    // A refusal by the account check (403) and a missing token (401) are both `unauthorized`.
    expect(refused.statusCode).toBe(403);
    expect(counted('adminDeactivateOwner')).toEqual([['unauthorized', 1]]);
    expect(counted('adminRevokeAdmin')).toEqual([['unauthorized', 1]]);
  });
});
