import { Writable } from 'node:stream';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger, logRequest, traceFields } from '../src/logging';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, destination };
}

const span = trace.wrapSpanContext({
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceFlags: 1,
});

describe('createLogger', () => {
  const manager = new AsyncLocalStorageContextManager();
  beforeAll(() => {
    context.setGlobalContextManager(manager.enable());
  });
  afterAll(() => {
    context.disable();
  });

  it('writes JSON with the name, and censors secrets wherever they sit', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ name: 'test-app', destination, pretty: false });
    logger.info(
      {
        password: 'hunter2-top',
        body: { password: 'nested-pass', client_secret: 'cs-value', currentPassword: 'old-one' },
        req: { headers: { authorization: 'Bearer abc.def.ghi', cookie: 'sid=cookie-value' } },
        res: { headers: { 'set-cookie': 'sid=set-cookie-value' } },
        config: { REALTIME_SECRET: 'realtime-value', WEB_CLIENT_SECRET: 'web-secret-value' },
        tokens: { access_token: 'at-value', refresh_token: 'rt-value', id_token: 'it-value' },
        socket: { ticket: 'ticket-value' },
        kept: 'visible',
      },
      'hello',
    );
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    const entry = JSON.parse(line) as Record<string, unknown>;
    expect(entry).toMatchObject({ name: 'test-app', msg: 'hello', kept: 'visible', level: 30 });
    for (const secret of [
      'hunter2-top',
      'nested-pass',
      'cs-value',
      'old-one',
      'abc.def.ghi',
      'cookie-value',
      'set-cookie-value',
      'realtime-value',
      'web-secret-value',
      'at-value',
      'rt-value',
      'it-value',
      'ticket-value',
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(entry.password).toBe('[redacted]');
  });

  it('adds the active span’s trace and span ids, and nothing without a valid span', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ name: 'test-app', destination, pretty: false });
    logger.info('outside');
    context.with(trace.setSpan(context.active(), span), () => logger.info('inside'));
    const invalid = trace.wrapSpanContext({
      traceId: '00000000000000000000000000000000',
      spanId: '0000000000000000',
      traceFlags: 0,
    });
    context.with(trace.setSpan(context.active(), invalid), () => logger.info('invalid'));
    const [outside, inside, noSpan] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(outside).not.toHaveProperty('traceId');
    expect(inside).toMatchObject({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
    });
    expect(noSpan).not.toHaveProperty('traceId');
    expect(noSpan).not.toHaveProperty('spanId');
    expect(traceFields()).toEqual({});
  });

  it('writes one request line with its ids, as an error for a 5xx', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ name: 'api', destination, pretty: false });
    const line = {
      method: 'POST',
      route: '/boards/:boardId/tasks',
      durationMs: 12.34567,
      requestId: 'r-1',
      correlationId: 'c-1',
      userId: 'u-1',
    };
    logRequest(logger, { ...line, statusCode: 201 });
    logRequest(logger, { ...line, statusCode: 503 });
    const [ok, failed] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(ok).toMatchObject({
      level: 30,
      msg: 'request completed',
      reqId: 'r-1',
      route: '/boards/:boardId/tasks',
      statusCode: 201,
      durationMs: 12.346,
      correlationId: 'c-1',
      userId: 'u-1',
    });
    expect(failed).toMatchObject({ level: 50, msg: 'request failed', statusCode: 503 });
  });

  it('is human-readable (pino-pretty) when asked, by default only in development', () => {
    const { lines, destination } = capture();
    createLogger({ name: 'pretty-app', destination, pretty: true }).info({ password: 'p-w' }, 'hi');
    const text = lines.join('\n');
    expect(text).toContain('hi');
    expect(text).toContain('pretty-app');
    expect(text).not.toContain('p-w');
    expect(() => JSON.parse(lines[0]!)).toThrow();

    try {
      vi.stubEnv('NODE_ENV', 'development');
      const dev = capture();
      createLogger({ name: 'dev', destination: dev.destination }).info('dev line');
      expect(() => JSON.parse(dev.lines[0]!)).toThrow();
      vi.stubEnv('NODE_ENV', 'production');
      const prod = capture();
      createLogger({ name: 'prod', destination: prod.destination }).info('prod line');
      expect(JSON.parse(prod.lines[0]!)).toMatchObject({ msg: 'prod line' });
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
