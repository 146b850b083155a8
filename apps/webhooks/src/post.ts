import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { guardedLookup, literalHostBlocked } from './address-guard';
import { signatureHeader, signatureOf } from './signature';

export type PostLimits = Readonly<{
  /** Whole request, connect to last response byte. */
  timeoutMs: number;
  /** Bodies above this are not sent (the delivery fails). */
  maxRequestBytes: number;
  /** At most this much of the response is read; the rest is dropped. */
  maxResponseBytes: number;
  /** Let hooks reach private, loopback and link-local addresses (tests, closed networks). */
  allowPrivate: boolean;
}>;

export const defaultPostLimits: PostLimits = {
  timeoutMs: 5_000,
  maxRequestBytes: 256 * 1024,
  maxResponseBytes: 64 * 1024,
  allowPrivate: false,
};

export type PostOutcome = Readonly<{
  ok: boolean;
  /** The receiver's status; null when no answer came (refused, timeout, blocked …). */
  status: number | null;
  durationMs: number;
  error: string | null;
}>;

export type Delivery = Readonly<{
  url: string;
  secret: string;
  body: string;
  deliveryId: string;
  eventType: string;
}>;

/**
 * One signed POST. Only a 2xx counts: a redirect is not followed and counts as a failure, as do
 * a blocked address, a timeout and an oversized body.
 */
export async function postDelivery(
  delivery: Delivery,
  limits: PostLimits,
  nowMs: () => number = Date.now,
): Promise<PostOutcome> {
  const started = nowMs();
  const done = (status: number | null, error: string | null): PostOutcome => ({
    ok: status !== null && status >= 200 && status < 300 && error === null,
    status,
    durationMs: nowMs() - started,
    error,
  });
  const url = new URL(delivery.url);
  const blocked = literalHostBlocked(url.hostname, limits.allowPrivate);
  if (blocked !== null) {
    return done(null, `${blocked} is a private, loopback or link-local address`);
  }
  const body = Buffer.from(delivery.body, 'utf8');
  if (body.length > limits.maxRequestBytes) {
    return done(null, `body of ${body.length} bytes is over the ${limits.maxRequestBytes} limit`);
  }
  const signature = signatureOf(delivery.secret, delivery.body, Math.floor(Date.now() / 1000));
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<PostOutcome>((resolve) => {
    let settled = false;
    const finish = (status: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(done(status, error));
    };
    const req = request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': String(body.length),
        'user-agent': 'TaskoMask-Webhooks/1',
        [signatureHeader]: signature,
        'x-taskomask-delivery': delivery.deliveryId,
        'x-taskomask-event': delivery.eventType,
      },
      lookup: guardedLookup(limits.allowPrivate) as never,
      agent: false,
    });
    const timer = setTimeout(
      () => finish(null, `no answer within ${limits.timeoutMs} ms`),
      limits.timeoutMs,
    );
    req.on('error', (error) => finish(null, error.message));
    req.on('response', (response) => {
      const status = response.statusCode ?? 0;
      let read = 0;
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > limits.maxResponseBytes) finish(status, null); // enough: the status is known
      });
      response.on('end', () =>
        finish(status, status >= 300 && status < 400 ? `redirect (${status}) not followed` : null),
      );
      response.on('error', (error) => finish(status, error.message));
    });
    req.end(body);
  });
}
