import { unavailable } from '@taskomask/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, type StoreKind, storeKinds, useApi, type World } from './support/harness';

// Issue 8 §2: many clients writing one task at once. Every acknowledged change must be in the
// log, in the order the answers' versions say, and the task's state must be the replay of it.
describe.each(storeKinds)('64 clients editing one task (%s)', (kind: StoreKind) => {
  describe.skipIf(kind === 'redis' && unavailable('redis'))('', () => {
    const api = useApi(kind);
    let w: World;
    beforeAll(async () => {
      w = await buildWorld(api());
    });

    const describedEvents = async (from: number) =>
      (await api().store.readStream(`task-${w.task}`, { fromVersion: from })).filter(
        (e) => e.type === 'TaskDescribed',
      );

    it('loses no acknowledged update when nobody pins a version', async () => {
      const { mia, alice } = api().users;
      const start = await api().store.streamVersion(`task-${w.task}`);
      const answers = await Promise.all(
        Array.from({ length: 64 }, (_, i) =>
          api().send('PATCH', `/tasks/${w.task}`, {
            as: i % 2 === 0 ? mia : alice,
            body: { description: `edit number ${i}` },
          }),
        ),
      );
      // A conflict is re-decided on fresh state up to 3 times; what still conflicts says 409.
      for (const a of answers) expect([200, 409]).toContain(a.status);
      const accepted = answers.filter((a) => a.status === 200);
      expect(accepted.length).toBeGreaterThan(0);
      const events = await describedEvents(start + 1);
      // Exactly the acknowledged edits, one event each, at the versions the answers gave.
      expect(events).toHaveLength(accepted.length);
      const byVersion = new Map(events.map((e) => [e.streamVersion, e]));
      for (const a of accepted) {
        const event = byVersion.get(a.body.version as number);
        expect(event?.type).toBe('TaskDescribed');
      }
      expect(new Set(accepted.map((a) => a.body.version)).size).toBe(accepted.length);
      // The state is the replay: the last acknowledged edit wins.
      const last = events.at(-1)!;
      const again = await api().send('PATCH', `/tasks/${w.task}`, {
        as: mia,
        body: { description: (last.data as { description: string }).description },
      });
      expect(again.status).toBe(200);
      expect(again.body.version).toBe(last.streamVersion); // a no-op: already the description
    });

    it('lets exactly one of 64 clients who read the same version win with If-Match', async () => {
      const { mia } = api().users;
      const version = await api().store.streamVersion(`task-${w.task}`);
      const answers = await Promise.all(
        Array.from({ length: 64 }, (_, i) =>
          api().send('PATCH', `/tasks/${w.task}`, {
            as: mia,
            body: { description: `pinned edit ${i}` },
            headers: { 'if-match': `"${version}"` },
          }),
        ),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 412)).toHaveLength(63);
      expect(await describedEvents(version + 1)).toHaveLength(1);
    });
  });
});
