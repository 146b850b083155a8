import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';

export type RequestLine = Readonly<{
  level: 'info' | 'error';
  time: string;
  name: 'web';
  msg: 'request';
  method: string;
  /** The path only: query strings carry authorization codes and states. */
  path: string;
  statusCode: number;
  durationMs: number;
}>;

type Message = { request: IncomingMessage; response: ServerResponse };

// Probes and scrapes come every few seconds: logged only when they fail, as the APIs do.
const quiet = /^\/(?:health\/|metrics$|_next\/static\/)/;

/**
 * One JSON line per request the process's HTTP server answers (`next start` has no request log
 * of its own), from Node's diagnostics channels, so pages, route handlers and assets all count.
 * Returns the unsubscribe.
 */
export function logRequests(write: (line: RequestLine) => void): () => void {
  const started = new WeakMap<IncomingMessage, number>();
  const onStart = (message: unknown) => {
    started.set((message as Message).request, performance.now());
  };
  const onFinish = (message: unknown) => {
    const { request, response } = message as Message;
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const statusCode = response.statusCode;
    if (quiet.test(path) && statusCode < 500) return;
    const begin = started.get(request);
    write({
      level: statusCode >= 500 ? 'error' : 'info',
      time: new Date().toISOString(),
      name: 'web',
      msg: 'request',
      method: request.method ?? 'GET',
      path,
      statusCode,
      durationMs: begin === undefined ? 0 : Math.round((performance.now() - begin) * 10) / 10,
    });
  };
  subscribe('http.server.request.start', onStart);
  subscribe('http.server.response.finish', onFinish);
  return () => {
    unsubscribe('http.server.request.start', onStart);
    unsubscribe('http.server.response.finish', onFinish);
  };
}
