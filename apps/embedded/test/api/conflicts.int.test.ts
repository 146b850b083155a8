// Issue 8 §2 through the whole embedded pipeline (moved from apps/api/test/conflicts.int.test.ts:
// it starts the forwarder and the projector, so it belongs to the composition root).
import { boardView, positionBetween, type RecordedEvent } from '@taskomask/domain';
import type { EventStore } from '@taskomask/eventstore';
import { seeded } from '@taskomask/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { newUsers, usePipeline } from './support/pipeline';

// Issue 8 §2, the other half: 64 clients reordering the tasks of one card at once, through the
// real pipeline (command API → SQLite log → forwarder → projector → query API). Each client
// reads the card from the query side, picks a task and a gap between two of the others as it
// saw them, and moves it there — half of them pinning the task's version with If-Match.
describe('64 clients moving tasks within one card', () => {
  const p = usePipeline();
  const users = newUsers();
  const clients = 64;
  const rounds = 4;
  const taskCount = 12;
  let board: string;
  let card: string;
  let tasks: string[];

  beforeAll(async () => {
    const c = p().command;
    const { alice, mia } = users;
    const { id: workspace } = await c('POST', '/workspaces', alice, { name: 'Movers' });
    await c('POST', `/workspaces/${workspace}/members`, alice, { ownerId: mia, role: 'member' });
    const { id: project } = await c('POST', `/workspaces/${workspace}/projects`, alice, {
      name: 'Shuffle',
    });
    board = (
      await c('POST', `/workspaces/${workspace}/projects/${project}/boards`, alice, {
        name: 'Crowded',
      })
    ).id;
    card = (await c('POST', `/boards/${board}/cards`, alice, { name: 'To do', type: 'ToDo' })).id;
    tasks = [];
    let last: string | null = null;
    for (let i = 0; i < taskCount; i++) {
      const { id } = await c('POST', `/boards/${board}/tasks`, alice, {
        cardId: card,
        title: `Task ${i}`,
        after: last,
      });
      tasks.push(id);
      const details = await p().eventStore.readStream(`task-${id}`);
      last = (details[0]!.data as { position: string }).position;
    }
    await p().caughtUp();
  });

  type CardTask = { taskId: string; position: string };
  const readCard = async (as: string): Promise<CardTask[]> => {
    const answer = await p().query(`/boards/${board}`, { as });
    expect(answer.status).toBe(200);
    return (answer.body.cards as { cardId: string; tasks: CardTask[] }[]).find(
      (c) => c.cardId === card,
    )!.tasks;
  };

  type Move = Readonly<{
    taskId: string;
    after: string | null;
    before: string | null;
    pinned: boolean;
    status: number;
    version?: number;
  }>;

  it('loses no acknowledged move; the read model is the replay; keys stay distinct and sorted', async () => {
    const start = await p().eventStore.headPosition();
    const seed = Number(process.env.CONFLICT_SEED ?? 8_2026);
    const moves: Move[] = [];
    await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        const random = seeded(seed + client);
        const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
        const as = client % 2 === 0 ? users.mia : users.alice;
        const pinned = client % 4 < 2;
        for (let round = 0; round < rounds; round++) {
          const seen = await readCard(as);
          const moving = pick(seen).taskId;
          const others = seen.filter((t) => t.taskId !== moving);
          const gap = Math.floor(random() * (others.length + 1));
          const after = others[gap - 1]?.position ?? null;
          const before = others[gap]?.position ?? null;
          const headers: Record<string, string> = {};
          if (pinned) {
            const details = await p().query(`/tasks/${moving}`, { as });
            headers['if-match'] = `"${details.body.version}"`;
          }
          const answer = await p().commands.inject({
            method: 'POST',
            url: `/tasks/${moving}/move`,
            headers: { authorization: `Bearer ${await p().token(as)}`, ...headers },
            payload: { toCardId: card, after, before },
          });
          moves.push({
            taskId: moving,
            after,
            before,
            pinned,
            status: answer.statusCode,
            ...(answer.statusCode === 200 ? { version: answer.json().version as number } : {}),
          });
        }
      }),
    );
    expect(moves).toHaveLength(clients * rounds);
    // Moves conflict only with moves of the same task: 409 after the retries, 412 when pinned.
    // A 400 would mean a client read two neighbours with the same key.
    const statuses = new Map<number, number>();
    for (const m of moves) statuses.set(m.status, (statuses.get(m.status) ?? 0) + 1);
    for (const m of moves) expect([200, 409, 412], JSON.stringify(m)).toContain(m.status);
    for (const m of moves) if (m.status === 412) expect(m.pinned).toBe(true);
    const acked = moves.filter((m) => m.status === 200);
    expect(acked.length).toBeGreaterThan(clients);

    await p().caughtUp();
    const log = await readLog(p().eventStore, start);
    const moved = log.filter((e) => e.type === 'TaskMoved');
    // Nothing but moves was written, and only acknowledged ones.
    expect(log.filter((e) => e.type !== 'TaskMoved' && e.type !== 'CommandAccepted')).toEqual([]);
    const ackedAt = new Map(acked.map((m) => [`${m.taskId}@${m.version}`, m]));
    for (const event of moved) {
      const taskId = event.streamName.slice('task-'.length);
      expect(ackedAt.has(`${taskId}@${event.streamVersion}`), event.streamName).toBe(true);
    }
    // Every acknowledged move is in its task's stream at the version the answer gave, with the
    // key its neighbours and the task's id determine (a no-op answers the version it already had).
    const streams = new Map<string, RecordedEvent[]>();
    for (const taskId of tasks)
      streams.set(taskId, await p().eventStore.readStream(`task-${taskId}`));
    for (const m of acked) {
      const event = streams.get(m.taskId)!.find((e) => e.streamVersion === m.version);
      expect(event, `${m.taskId}@${m.version}`).toBeDefined();
      expect((event!.data as { position: string }).position).toBe(
        positionBetween(m.after, m.before, m.taskId),
      );
    }
    expect(new Set(moved.map((e) => `${e.streamName}@${e.streamVersion}`)).size).toBe(moved.length);

    // The read model equals the replay of the whole log, and each task sits where its stream's
    // last event put it.
    const replayed = boardView(board, await readLog(p().eventStore, 0));
    const read = (await p().query(`/boards/${board}`, { as: users.alice })).body;
    expect(read.cards).toEqual(replayed.cards);
    const finalCard = replayed.cards.find((c) => c.cardId === card)!.tasks;
    expect(finalCard.map((t) => t.taskId).sort()).toEqual([...tasks].sort());
    for (const t of finalCard) {
      const last = streams.get(t.taskId)!.at(-1)!;
      expect(t.position).toBe((last.data as { position: string }).position);
    }
    // Distinct keys, and the card's order is the keys' order.
    const keys = finalCard.map((t) => t.position);
    expect(new Set(keys).size).toBe(keys.length);
    for (let i = 1; i < keys.length; i++) expect(keys[i - 1]! < keys[i]!).toBe(true);
    const counts = [...statuses].map(([status, n]) => `${n}×${status}`).join(', ');
    const longest = Math.max(...keys.map((k) => k.length));
    console.info(
      `[conflicts] ${moves.length} moves by ${clients} clients: ${counts}; ` +
        `${moved.length} TaskMoved events; longest key ${longest}`,
    );
  });
});

async function readLog(store: EventStore, after: number): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let from = after + 1; ; ) {
    const page = await store.readAll({ fromPosition: from, limit: 500 });
    if (page.length === 0) return events;
    events.push(...page);
    from = page.at(-1)!.globalPosition + 1;
  }
}
