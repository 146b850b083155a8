import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A real HTTP receiver for webhook tests: node:http on 127.0.0.1, recording every request, with
// an answer chosen per path (status, delay, redirect, or no answer at all).

export type ReceivedRequest = Readonly<{
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}>;

export type ReceiverAnswer =
  | Readonly<{ status: number; delayMs?: number; location?: string; body?: string }>
  | 'hang';

export type WebhookReceiver = Readonly<{
  url: (path: string) => string;
  port: number;
  received: ReceivedRequest[];
  /** Requests on one path, in arrival order. */
  on: (path: string) => ReceivedRequest[];
  /** How to answer the n-th (0-based) request on a path; 200 by default. */
  answer: (path: string, choose: (n: number, request: ReceivedRequest) => ReceiverAnswer) => void;
  close: () => Promise<void>;
}>;

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  const answers = new Map<string, (n: number, r: ReceivedRequest) => ReceiverAnswer>();
  const hanging = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const path = (request.url ?? '/').split('?')[0]!;
      const entry = {
        path,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      const n = received.filter((r) => r.path === path).length;
      received.push(entry);
      const answer = answers.get(path)?.(n, entry) ?? { status: 200 };
      if (answer === 'hang') {
        hanging.add(response);
        response.on('close', () => hanging.delete(response));
        return;
      }
      const send = () => {
        response.writeHead(answer.status, {
          'content-type': 'text/plain',
          ...(answer.location ? { location: answer.location } : {}),
        });
        response.end(answer.body ?? 'ok');
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    on: (path) => received.filter((r) => r.path === path),
    answer: (path, choose) => {
      answers.set(path, choose);
    },
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
