import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { type SpanRecord, spanRecord, startTracing, type Tracing } from '@taskomask/observability';
import { unavailable, waitFor } from '@taskomask/testkit';
import { NextRequest } from 'next/server';
import { encode } from 'next-auth/jwt';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from './support/test-system';

// One command followed from the web app's forward (run here, in the test process: a Next server
// would add minutes and nothing to what is checked — its route handler calls this very function)
// through the real processes of the distributed mode: command API, event store, forwarder,
// RabbitMQ, projector, Redis notice, and the query side's Socket.IO emit. Each process writes its
// finished spans to a JSON-lines file (TASKOMASK_SPAN_DIR, for tests only); this process keeps
// its own in memory.
describe.skipIf(unavailable('redis') || unavailable('rabbitmq'))(
  'one trace across processes',
  () => {
    const spanDir = mkdtempSync(join(tmpdir(), 'taskomask-tracing-spans-'));
    let exchange = '';
    let queue = '';
    const webSecret = randomUUID() + randomUUID();
    const memory = new InMemorySpanExporter();
    const output: string[] = [];
    let tracing: Tracing;
    let running: TestSystem | undefined;
    let system: TestSystem['system'];
    let token: string;

    beforeAll(async () => {
      tracing = startTracing({
        serviceName: 'taskomask-web',
        otlp: false,
        sampleRatio: 1,
        asyncContext: true, // as apps/web's instrumentation starts it
        spanProcessors: [new SimpleSpanProcessor(memory)],
      });
      running = await startTestSystem({
        name: 'tracing',
        user: {
          displayName: 'Grace Hopper',
          email: 'gh@example.com',
          password: 'compilers-since-1952',
        },
        env: {
          TASKOMASK_SPAN_DIR: spanDir,
          OTEL_TRACES_SAMPLER_ARG: '1',
          // Whatever the developer's shell says, these runs export nowhere else.
          OTEL_EXPORTER_OTLP_ENDPOINT: undefined,
          OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: undefined,
          OTEL_SERVICE_NAME: undefined,
        },
        onLine: (app, line) => output.push(`[${app}] ${line}`),
      });
      ({ system, exchange, queue } = running);
      token = running.tokens.access_token;
      // What apps/web's config reads on its first use.
      process.env.NEXTAUTH_SECRET = webSecret;
      process.env.NEXTAUTH_URL = 'http://localhost:3000';
      process.env.COMMAND_API_URL = system.urls.commands;
      process.env.QUERY_API_URL = system.urls.queries;
    }, 120_000);

    afterAll(async () => {
      await tracing?.shutdown();
      await running?.stop();
      rmSync(spanDir, { recursive: true, force: true });
    });

    const command = async (method: string, path: string, body: unknown) => {
      const response = await fetch(`${system.urls.commands}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await response.json()) as Record<string, unknown>;
    };

    /** Every span finished so far: the other processes' files and this process's memory. */
    const spans = (): SpanRecord[] => {
      const files = existsSync(spanDir) ? readdirSync(spanDir) : [];
      const written = files.flatMap((file) =>
        readFileSync(join(spanDir, file), 'utf8')
          .split('\n')
          .filter((line) => line !== '')
          .map((line) => JSON.parse(line) as SpanRecord),
      );
      return [...written, ...memory.getFinishedSpans().map((s) => spanRecord(s, 'taskomask-web'))];
    };

    it('follows a command from the web forward to the socket emit under one trace id', async () => {
      const ws = (await command('POST', '/workspaces', { name: 'Harvard' })).id as string;
      const project = (await command('POST', `/workspaces/${ws}/projects`, { name: 'Mark I' }))
        .id as string;
      const board = (
        await command('POST', `/workspaces/${ws}/projects/${project}/boards`, { name: 'Bugs' })
      ).id as string;
      const card = (
        await command('POST', `/boards/${board}/cards`, { name: 'To do', type: 'ToDo' })
      ).id as string;

      const socket = io(system.urls.queries, { auth: { token }, transports: ['websocket'] });
      try {
        const joined = await new Promise<{ ok: boolean }>((resolve) =>
          socket.emit('board:join', board, resolve),
        );
        expect(joined).toEqual({ ok: true });
        const notices: { position: number; traceparent?: string }[] = [];
        socket.on('board:changed', (n: { position: number }) => notices.push(n));

        // The browser's request as apps/web's route handler receives it: the session cookie holds
        // the access token, the origin is the web app's own.
        const session = await encode({
          token: { sub: 'grace', name: 'Grace Hopper', accessToken: token },
          secret: webSecret,
        });
        // Imported by a path tsc does not follow: the web app is type-checked with its own
        // tsconfig (DOM lib), not with the one for the Node packages.
        const { forward } = (await import(/* @vite-ignore */ webForward)) as { forward: Forward };
        const response = await forward(
          new NextRequest('http://localhost:3000/api/cmd/boards/x/tasks', {
            method: 'POST',
            headers: {
              cookie: `next-auth.session-token=${session}`,
              origin: 'http://localhost:3000',
              'content-type': 'application/json',
            },
            body: JSON.stringify({ cardId: card, title: 'Find the moth' }),
          }),
          'command',
          ['boards', board, 'tasks'],
        );
        expect(response.status, output.join('\n')).toBe(201);
        const created = (await response.json()) as { position: number };
        const notice = await waitFor(() => notices.find((n) => n.position >= created.position), {
          timeoutMs: 15_000,
          what: 'the board:changed notice of the created task',
        });
        // The trace context rides inside our processes, never out to browsers.
        expect(notice.traceparent).toBeUndefined();
      } finally {
        socket.close();
      }

      const [web] = memory.getFinishedSpans().filter((s) => s.name === 'web command POST');
      expect(web, 'the web forward span').toBeDefined();
      const traceId = web!.spanContext().traceId;
      const named = (trace: SpanRecord[], service: string, name: string) =>
        trace.filter((s) => s.service === service && s.name === name);
      const expected: [string, string][] = [
        ['taskomask-web', 'web command POST'],
        ['taskomask-commands', 'command createTask'],
        ['taskomask-commands', 'eventstore append'],
        ['taskomask-forwarder', `publish ${exchange}`],
        ['taskomask-projector', `process ${queue}`],
        ['taskomask-projector', 'projector write'],
        ['taskomask-queries', 'socket.io emit board:changed'],
      ];
      // Spans are written as they end, and a consumer's ends after its notice went out: wait for
      // every hop.
      const trace = await waitFor(
        () => {
          const all = spans().filter((s) => s.traceId === traceId);
          return expected.every(([service, name]) => named(all, service, name).length > 0)
            ? all
            : undefined;
        },
        { timeoutMs: 15_000, what: 'every hop of the command in its trace' },
      ).catch((error: Error) => {
        const all = spans().filter((s) => s.traceId === traceId);
        throw new Error(`${error.message}; the trace holds ${describeTrace(all)}`);
      });
      const byId = new Map(trace.map((s) => [s.spanId, s]));
      const one = (service: string, name: string) => {
        const found = named(trace, service, name);
        expect(found.length, `${service}: ${name} in ${describeTrace(trace)}`).toBeGreaterThan(0);
        return found[0]!;
      };
      /** The chain of ancestors of a span, nearest first, as far as the trace holds them. */
      const ancestors = (span: SpanRecord): SpanRecord[] => {
        const chain: SpanRecord[] = [];
        for (let p = span.parentSpanId; p !== undefined; p = byId.get(p)?.parentSpanId) {
          const parent = byId.get(p);
          if (!parent) break;
          chain.push(parent);
        }
        return chain;
      };

      const root = one('taskomask-web', 'web command POST');
      const commandSpan = one('taskomask-commands', 'command createTask');
      const append = one('taskomask-commands', 'eventstore append');
      const publish = one('taskomask-forwarder', `publish ${exchange}`);
      const process_ = one('taskomask-projector', `process ${queue}`);
      const write = one('taskomask-projector', 'projector write');
      const emit = one('taskomask-queries', 'socket.io emit board:changed');

      // Parent-child links intact: every span but the web one hangs from a span of this trace.
      expect(root.parentSpanId).toBeUndefined();
      for (const span of trace) {
        if (span === root) continue;
        expect(byId.has(span.parentSpanId ?? ''), `parent of ${span.service}: ${span.name}`).toBe(
          true,
        );
      }
      // …and in the order the command travelled.
      expect(ancestors(commandSpan)).toContain(root);
      expect(ancestors(append)).toContain(commandSpan);
      expect(publish.kind).toBe('PRODUCER');
      expect(ancestors(publish)).toContain(commandSpan);
      expect(process_.kind).toBe('CONSUMER');
      const processes = named(trace, 'taskomask-projector', `process ${queue}`);
      expect(processes.map((p) => byId.get(p.parentSpanId!)?.name)).toEqual(
        processes.map(() => `publish ${exchange}`),
      );
      expect(processes).toContainEqual(byId.get(write.parentSpanId!));
      expect(emit.parentSpanId).toBe(write.spanId);
    });
  },
);

const webForward = new URL('../../web/src/server/forward.ts', import.meta.url).href;
type Forward = (
  request: NextRequest,
  side: 'command' | 'query',
  segments: readonly string[],
) => Promise<Response>;

function describeTrace(trace: readonly SpanRecord[]): string {
  return trace.map((s) => `${s.service}: ${s.name}`).join(', ');
}
