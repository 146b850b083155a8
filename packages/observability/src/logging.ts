// Logs: pino JSON, one line per request or message, with the active span's trace and span ids,
// the correlation id and the user id; secrets are censored by key wherever they sit.
import { createRequire } from 'node:module';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';

export type { Logger } from 'pino';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export type CreateLoggerOptions = {
  /** The app: `api-commands`, `projector` … (the `name` field of every line). */
  name: string;
  level?: LogLevel;
  /** Where lines go; stdout by default (tests pass a stream to read them back). */
  destination?: DestinationStream;
  /** Human-readable lines; by default only when NODE_ENV=development. */
  pretty?: boolean;
};

const censored = [
  'authorization',
  'cookie',
  'set-cookie',
  'password',
  'currentPassword',
  'newPassword',
  'secret',
  'client_secret',
  'clientSecret',
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'accessToken',
  'refreshToken',
  'idToken',
  'ticket',
  'code_verifier',
  'REALTIME_SECRET',
  'NEXTAUTH_SECRET',
  'WEB_CLIENT_SECRET',
  'IDENTITY_COOKIE_KEYS',
  'IDENTITY_JWKS',
  'METRICS_TOKEN',
];

/**
 * Keys whose values never reach a log line, at the top level, one and two levels down (pino's
 * `req.headers.cookie`, `{ body: { password } }`, `{ config: { REALTIME_SECRET } }`).
 */
export const redactedPaths: readonly string[] = censored.flatMap((key) => {
  const k = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  const child = k.startsWith('[') ? k : `.${k}`;
  return [k, `*${child}`, `*.*${child}`];
});

/** The active span's ids, when there is a valid one (tracing on and inside a traced operation). */
export function traceFields(): { traceId?: string; spanId?: string } {
  const context = trace.getActiveSpan()?.spanContext();
  if (context === undefined || !isSpanContextValid(context)) return {};
  return { traceId: context.traceId, spanId: context.spanId };
}

function prettyStream(destination: DestinationStream | undefined): DestinationStream {
  // A root devDependency: required only in development, so production images need not ship it.
  const require = createRequire(import.meta.url);
  const pretty = require('pino-pretty') as (options: Record<string, unknown>) => DestinationStream;
  return pretty({
    colorize: destination === undefined,
    translateTime: 'SYS:HH:MM:ss.l',
    ...(destination === undefined ? {} : { destination }),
  });
}

/** The one logger factory every app uses. */
export function createLogger({
  name,
  level = 'info',
  destination,
  pretty = process.env.NODE_ENV === 'development',
}: CreateLoggerOptions): Logger {
  const options: LoggerOptions = {
    name,
    level,
    redact: { paths: [...redactedPaths], censor: '[redacted]' },
    mixin: traceFields,
  };
  const stream = pretty ? prettyStream(destination) : destination;
  return stream === undefined ? pino(options) : pino(options, stream);
}

export type RequestLine = {
  method: string;
  /** The route pattern (`/boards/:boardId`), never the raw URL: ids and queries stay out. */
  route: string;
  statusCode: number;
  durationMs: number;
  requestId?: string;
  correlationId?: string;
  userId?: string;
};

/** The one line a request leaves: 5xx as errors, the rest (refusals included) as info. */
export function logRequest(logger: Pick<Logger, 'info' | 'error'>, line: RequestLine): void {
  const { requestId, ...rest } = line;
  const fields = {
    ...(requestId === undefined ? {} : { reqId: requestId }),
    ...rest,
    durationMs: Math.round(line.durationMs * 1000) / 1000,
  };
  if (line.statusCode >= 500) logger.error(fields, 'request failed');
  else logger.info(fields, 'request completed');
}
