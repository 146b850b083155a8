// npm run bench:import — cards/s of importing a generated 1,000-card Trello board (plan + run
// through the command side's write loop into the embedded SQLite event store, as `import trello`
// does), beside the raw rate of sending the same domain commands one by one through the command
// API (Fastify inject, bearer tokens checked) into another SQLite store, measured in the same run.
// Last line: {"bench":"import","value":…,"unit":"cards/s","raw":…,"ratio":…}.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCommandApi } from '@taskomask/api/commands';
import { bearerAuth } from '@taskomask/api/http';
import { peopleOf, requireImporter, runImport, siblingsOf } from '@taskomask/api/imports';
import { sqliteEventStore } from '@taskomask/eventstore/sqlite';
import { type ImportPlan, planTrelloImport, TrelloBoard } from '@taskomask/importing';
import { startTestIssuer } from '@taskomask/testkit/jwks';

const cardCount = Number(process.env.BENCH_CARDS ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'taskomask-bench-import-'));

/** A Trello export of a busy board: 10 lists, labels, due dates, checklists, comments. */
function generatedBoard(cards: number) {
  const hex = (kind: number, n: number) => `${kind}${n.toString(16).padStart(23, '0')}`;
  const lists = Array.from({ length: 10 }, (_, n) => ({
    id: hex(1, n),
    name: ['Backlog', 'To Do', 'Doing', 'Review', 'Done'][n % 5] + (n < 5 ? '' : ` ${n}`),
    closed: false,
    pos: (n + 1) * 16384,
  }));
  const labels = ['Bug', 'Feature', ''].map((name, n) => ({
    id: hex(2, n),
    name,
    color: ['red', 'green', 'blue'][n],
  }));
  const checklists: unknown[] = [];
  const actions: unknown[] = [];
  const trelloCards = Array.from({ length: cards }, (_, n) => {
    const id = hex(3, n);
    if (n % 2 === 0) {
      checklists.push({
        id: hex(4, n),
        idCard: id,
        name: 'Steps',
        pos: 1,
        checkItems: [
          { id: hex(5, 2 * n), name: 'Write it', state: 'complete', pos: 1 },
          { id: hex(5, 2 * n + 1), name: 'Check it', state: 'incomplete', pos: 2 },
        ],
      });
    }
    if (n % 4 === 0) {
      actions.push({
        id: hex(6, n),
        type: 'commentCard',
        date: new Date(1_767_000_000_000 + n * 60_000).toISOString(),
        idMemberCreator: hex(7, 0),
        data: { text: `Looked at card ${n}; looks fine.`, card: { id } },
        memberCreator: { fullName: 'Sam Trello', username: 'sam' },
      });
    }
    return {
      id,
      name: `Card number ${n} of the roadmap`,
      desc: `What card ${n} is about, in a sentence or two of **markdown**.`,
      closed: false,
      idList: lists[n % 10]!.id,
      pos: n,
      due: n % 3 === 0 ? '2027-03-01T12:00:00.000Z' : null,
      idLabels: [labels[n % 3]!.id],
      idMembers: [],
      idChecklists: n % 2 === 0 ? [hex(4, n)] : [],
    };
  });
  return {
    id: hex(8, 0),
    name: 'Generated roadmap',
    desc: 'A thousand cards',
    labels,
    lists,
    cards: trelloCards,
    checklists,
    members: [{ id: hex(7, 0), fullName: 'Sam Trello', username: 'sam' }],
    actions,
  };
}

type Request = {
  method: 'POST' | 'PATCH';
  url: (ids: Map<string, string>) => string;
  body: object | ((ids: Map<string, string>) => object);
  makes?: string;
};

/** The plan's commands as the API requests a client would send, one per command. */
function requestsOf(plan: ImportPlan, workspaceId: string): Request[] {
  const id = (ids: Map<string, string>, planned: string) => ids.get(planned) ?? planned;
  const out: Request[] = [];
  for (const step of plan.steps) {
    for (const command of step.commands) {
      const d = command.data as Record<string, string>;
      switch (command.type) {
        case 'AddProject':
          out.push({
            method: 'POST',
            url: () => `/workspaces/${workspaceId}/projects`,
            body: { name: d.name! },
            makes: d.projectId!,
          });
          break;
        case 'CreateBoard':
          out.push({
            method: 'POST',
            url: (ids) => `/workspaces/${workspaceId}/projects/${id(ids, d.projectId!)}/boards`,
            body: { name: d.name, description: d.description },
            makes: d.boardId!,
          });
          break;
        case 'AddCard':
          out.push({
            method: 'POST',
            url: (ids) => `/boards/${id(ids, d.boardId!)}/cards`,
            body: { name: d.name, type: d.type },
            makes: d.cardId!,
          });
          break;
        case 'CreateTask':
          out.push({
            method: 'POST',
            url: (ids) => `/boards/${id(ids, d.boardId!)}/tasks`,
            body: (ids) => ({
              title: d.title,
              description: d.description,
              cardId: id(ids, d.cardId!),
            }),
            makes: d.taskId!,
          });
          break;
        case 'SetDueDate':
          out.push({
            method: 'PATCH',
            url: (ids) => `/tasks/${id(ids, d.taskId!)}`,
            body: { dueDate: d.dueDate },
          });
          break;
        case 'AddLabel':
          out.push({
            method: 'POST',
            url: (ids) => `/tasks/${id(ids, d.taskId!)}/labels`,
            body: { label: d.label },
          });
          break;
        case 'AddChecklistItem':
          out.push({
            method: 'POST',
            url: (ids) => `/tasks/${id(ids, d.taskId!)}/checklist`,
            body: { text: d.text },
            makes: d.itemId!,
          });
          break;
        case 'CheckChecklistItem':
          out.push({
            method: 'PATCH',
            url: (ids) => `/tasks/${id(ids, d.taskId!)}/checklist/${id(ids, d.itemId!)}`,
            body: { done: true },
          });
          break;
        case 'AddComment':
          out.push({
            method: 'POST',
            url: (ids) => `/tasks/${id(ids, d.taskId!)}/comments`,
            body: { text: d.text },
          });
          break;
        default:
          throw new Error(`no request for ${command.type}`);
      }
    }
  }
  return out;
}

const issuer = await startTestIssuer();
try {
  const owner = randomUUID();
  const token = await issuer.tokenFor(owner, { expiresIn: '1h' });
  const auth = bearerAuth({
    issuer: issuer.issuer,
    audience: issuer.audience,
    jwksUrl: issuer.jwksUrl,
  });
  const trello = generatedBoard(cardCount);
  const bodyOf = (response: { statusCode: number; body: string }, what: string) => {
    if (response.statusCode >= 300)
      throw new Error(`${what} → ${response.statusCode} ${response.body}`);
    return JSON.parse(response.body) as { id?: string };
  };

  // One store per side, each with its workspace made through the API.
  const setUp = async (name: string) => {
    const eventStore = sqliteEventStore({ path: join(dir, `${name}.db`) });
    const api = buildCommandApi({ eventStore, auth, bodyLimit: 25 * 1024 * 1024 });
    await api.ready();
    const send = async (method: 'POST' | 'PATCH', url: string, body: object) =>
      bodyOf(
        await api.inject({
          method,
          url,
          headers: { authorization: `Bearer ${token}` },
          payload: body,
        }),
        `${method} ${url}`,
      );
    const { id: workspaceId } = await send('POST', '/workspaces', { name: `Bench ${name}` });
    return { eventStore, api, send, workspaceId: workspaceId! };
  };

  // Raw: the same commands, one request each, through the command API.
  const raw = await setUp('raw');
  const rawPlan = planTrelloImport(
    trello,
    { workspaceId: raw.workspaceId },
    {
      fix: true,
      people: { writers: new Set(), byEmail: new Map() },
    },
  );
  const requests = requestsOf(rawPlan, raw.workspaceId);
  const ids = new Map<string, string>();
  const rawStarted = performance.now();
  for (const r of requests) {
    const answer = await raw.send(
      r.method,
      r.url(ids),
      typeof r.body === 'function' ? r.body(ids) : r.body,
    );
    if (r.makes !== undefined && answer.id !== undefined) ids.set(r.makes, answer.id);
  }
  const rawSeconds = (performance.now() - rawStarted) / 1000;
  const rawCards = cardCount / rawSeconds;
  console.log(
    `raw: ${requests.length} commands through the API in ${rawSeconds.toFixed(1)}s — ` +
      `${Math.round(requests.length / rawSeconds)} commands/s, ${rawCards.toFixed(0)} cards/s`,
  );

  // The import, as `import trello` runs it: plan (with the people lookup) and run.
  const imported = await setUp('import');
  const started = performance.now();
  const target = { workspaceId: imported.workspaceId };
  const state = await requireImporter(imported.eventStore, target, owner);
  const parsed = TrelloBoard.parse(trello);
  const people = await peopleOf(
    imported.eventStore,
    state,
    parsed.members.map((m) => m.email),
  );
  const plan = planTrelloImport(parsed, target, { fix: true, people, siblings: siblingsOf(state) });
  const planned = performance.now();
  const run = await runImport(imported.eventStore, plan, { importerId: owner });
  const seconds = (performance.now() - started) / 1000;
  const value = cardCount / seconds;
  const commands = plan.steps.reduce((n, s) => n + s.commands.length, 0);
  console.log(
    `import: ${cardCount} cards (${commands} commands in ${run.written} steps) in ${seconds.toFixed(1)}s ` +
      `(planning ${((planned - started) / 1000).toFixed(2)}s) — ${value.toFixed(0)} cards/s`,
  );

  // The API's upload of the same file, for the record (plan + run behind the HTTP edge).
  const viaApi = await setUp('upload');
  const uploadStarted = performance.now();
  bodyOf(
    await viaApi.api.inject({
      method: 'POST',
      url: `/workspaces/${viaApi.workspaceId}/imports/trello?fix=true`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify(trello),
    }),
    'upload',
  );
  const uploadSeconds = (performance.now() - uploadStarted) / 1000;
  console.log(
    `upload (POST …/imports/trello): ${uploadSeconds.toFixed(1)}s — ${(cardCount / uploadSeconds).toFixed(0)} cards/s`,
  );

  for (const side of [raw, imported, viaApi]) {
    await side.api.close();
    await side.eventStore.close();
  }
  console.log(
    JSON.stringify({
      bench: 'import',
      value: Math.round(value),
      unit: 'cards/s',
      raw: Math.round(rawCards),
      ratio: Number((value / rawCards).toFixed(2)),
    }),
  );
} finally {
  await issuer.close();
  rmSync(dir, { recursive: true, force: true });
}
