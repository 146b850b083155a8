import { randomUUID } from 'node:crypto';

/** What one command's last answer was, and how it went. */
export type CommandRecord = {
  operation: string;
  correlationId: string;
  /** The final status: the first one that was not a 503, or the last 503 when it never resolved. */
  status: number | 'timeout' | 'network';
  attempts: number;
  /** From a 2xx body. */
  position?: number;
  version?: number;
  id?: string;
  /** True when this command sent If-Match with a version it knew to be stale (412 expected). */
  stale?: boolean;
};

/** An answer no client may ever get: a 5xx other than 503, a 503 without Retry-After, a hang… */
export type Violation = { operation: string; status: number | string; detail: string };

export type WorkloadOptions = {
  baseUrl: string;
  clients: number;
  commands: number;
  /** One bearer token per client (each client is its own user with its own workspace). */
  tokens: readonly string[];
  /** A request not answered within this is a hang (a violation). */
  deadlineMs?: number;
  /** Give up on a command still answered 503 after this long (it counts as failed, not lost). */
  giveUpMs?: number;
  /** Retry-After is honoured up to this many ms, so an outage of seconds does not idle the run. */
  maxRetryAfterMs?: number;
  random?: () => number;
  onProgress?: (done: number) => void;
};

export type WorkloadResult = {
  records: CommandRecord[];
  violations: Violation[];
  /** Every HTTP answer (retries included), by status. */
  responses: Record<string, number>;
};

type Task = { id: string; version: number; card: 0 | 1; usable: boolean };

/**
 * 32 clients (by default) driving mixed commands through the command API until `commands` are
 * done: the setup of a workspace, project, board and two cards each, then creating, renaming,
 * moving, commenting on and adding checklist items to tasks, and now and then a rename with a
 * stale If-Match (412 expected). Each command has its own Idempotency-Key and X-Correlation-Id,
 * kept across retries: a 503 is retried after its Retry-After, so a write that happened before
 * the answer was lost is answered from the idempotency record, not done twice.
 */
export async function runWorkload(options: WorkloadOptions): Promise<WorkloadResult> {
  const {
    baseUrl,
    clients,
    commands,
    tokens,
    deadlineMs = 10_000,
    giveUpMs = 60_000,
    maxRetryAfterMs = 1_000,
    random = Math.random,
    onProgress,
  } = options;
  const records: CommandRecord[] = [];
  const violations: Violation[] = [];
  const responses: Record<string, number> = {};
  let started = 0;
  const count = (key: string) => {
    responses[key] = (responses[key] ?? 0) + 1;
  };

  async function send(
    token: string,
    operation: string,
    method: string,
    path: string,
    body?: unknown,
    ifMatch?: number,
    stale?: boolean,
  ): Promise<CommandRecord> {
    const correlationId = randomUUID();
    const key = randomUUID();
    const began = Date.now();
    const record: CommandRecord = {
      operation,
      correlationId,
      status: 'network',
      attempts: 0,
      ...(stale ? { stale } : {}),
    };
    for (;;) {
      record.attempts++;
      let response: Response;
      try {
        response = await fetch(`${baseUrl}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            'idempotency-key': key,
            'x-correlation-id': correlationId,
            ...(ifMatch === undefined ? {} : { 'if-match': `"${ifMatch}"` }),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(deadlineMs),
        });
      } catch (error) {
        const timedOut = (error as Error).name === 'TimeoutError';
        record.status = timedOut ? 'timeout' : 'network';
        count(record.status);
        violations.push({
          operation,
          status: record.status,
          detail: timedOut ? `no answer within ${deadlineMs} ms` : String(error),
        });
        break;
      }
      const text = await response.text();
      record.status = response.status;
      count(String(response.status));
      if (response.status === 503) {
        const retryAfter = Number(response.headers.get('retry-after'));
        if (!(retryAfter > 0)) {
          violations.push({ operation, status: 503, detail: 'no Retry-After' });
          break;
        }
        if (Date.now() - began > giveUpMs) break;
        const wait = Math.min(retryAfter * 1000, maxRetryAfterMs) * (0.5 + random() / 2);
        await new Promise((r) => setTimeout(r, wait));
        continue;
      }
      if (response.status >= 200 && response.status < 300) {
        const answer = JSON.parse(text) as { id?: string; version: number; position: number };
        record.position = answer.position;
        record.version = answer.version;
        if (answer.id !== undefined) record.id = answer.id;
      } else if (!(response.status === 409 || (response.status === 412 && ifMatch !== undefined))) {
        violations.push({ operation, status: response.status, detail: text.slice(0, 300) });
      }
      break;
    }
    records.push(record);
    onProgress?.(records.length);
    return record;
  }

  const ok = (r: CommandRecord) => typeof r.status === 'number' && r.status < 300;

  async function client(index: number): Promise<void> {
    const token = tokens[index]!;
    const take = () => {
      if (started >= commands) return false;
      started++;
      return true;
    };
    // The client's own corner: one workspace, project, board and two cards.
    let workspace = '';
    let project = '';
    let board = '';
    const cards: string[] = [];
    const steps = [
      async () => {
        const r = await send(token, 'createWorkspace', 'POST', '/workspaces', {
          name: `Faults ${index}`,
        });
        workspace = r.id ?? '';
        return r;
      },
      async () => {
        const r = await send(token, 'addProject', 'POST', `/workspaces/${workspace}/projects`, {
          name: 'Load',
        });
        project = r.id ?? '';
        return r;
      },
      async () => {
        const r = await send(
          token,
          'createBoard',
          'POST',
          `/workspaces/${workspace}/projects/${project}/boards`,
          { name: 'Under fire' },
        );
        board = r.id ?? '';
        return r;
      },
      ...(['ToDo', 'Done'] as const).map((type) => async () => {
        const r = await send(token, 'addCard', 'POST', `/boards/${board}/cards`, {
          name: type,
          type,
        });
        if (r.id) cards.push(r.id);
        return r;
      }),
    ];
    for (const step of steps) {
      if (!take()) return;
      // Setup must succeed for the rest to mean anything; a failed step ends this client.
      if (!ok(await step())) return;
    }

    const tasks: Task[] = [];
    let serial = 0;
    while (take()) {
      const usable = tasks.filter((t) => t.usable);
      const task = usable[Math.floor(random() * usable.length)];
      const roll = random();
      serial++;
      if (task === undefined || roll < 0.25) {
        const card = random() < 0.5 ? 0 : 1;
        const r = await send(token, 'createTask', 'POST', `/boards/${board}/tasks`, {
          cardId: cards[card],
          title: `Task ${index}.${serial}`,
        });
        if (ok(r) && r.id) tasks.push({ id: r.id, version: 1, card, usable: true });
        continue;
      }
      let r: CommandRecord;
      if (roll < 0.45) {
        r = await send(token, 'renameTask', 'PATCH', `/tasks/${task.id}`, {
          title: `Renamed ${index}.${serial}`,
        });
      } else if (roll < 0.6) {
        const to = task.card === 0 ? 1 : 0;
        r = await send(token, 'moveTask', 'POST', `/tasks/${task.id}/move`, {
          toCardId: cards[to],
        });
        if (ok(r)) task.card = to;
      } else if (roll < 0.75) {
        r = await send(token, 'addComment', 'POST', `/tasks/${task.id}/comments`, {
          text: `Comment ${serial}`,
        });
      } else if (roll < 0.85 && task.version < 90) {
        r = await send(token, 'addChecklistItem', 'POST', `/tasks/${task.id}/checklist`, {
          text: `Item ${serial}`,
        });
      } else if (roll < 0.92) {
        r = await send(
          token,
          'describeTask',
          'PATCH',
          `/tasks/${task.id}`,
          { description: `Described ${serial}` },
          task.version,
        );
      } else {
        // A stale If-Match, as a client that loaded the task before someone else changed it.
        r = await send(
          token,
          'staleRename',
          'PATCH',
          `/tasks/${task.id}`,
          { title: `Stale ${index}.${serial}` },
          task.version - 1,
          true,
        );
      }
      if (ok(r) && r.version !== undefined) task.version = r.version;
      // Unresolved: we cannot know whether it happened, so this client leaves the task alone.
      else if (r.status === 503 || r.status === 'timeout' || r.status === 'network') {
        task.usable = false;
      }
    }
  }

  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  return { records, violations, responses };
}
