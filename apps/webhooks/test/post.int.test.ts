// One signed POST against a real receiver (node:http on 127.0.0.1): headers and signature, a
// redirect that is not followed, the timeout, the body cap, and the address guard refusing
// loopback by IP literal and by name unless private addresses are allowed.
import { startWebhookReceiver, type WebhookReceiver } from '@taskomask/testkit/webhook-receiver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPostLimits, postDelivery } from '../src/post';
import { verifySignature } from '../src/signature';

const secret = 'whsec_post_test_0123456789';
const allowed = { ...defaultPostLimits, allowPrivate: true, timeoutMs: 400 };
const delivery = (url: string, body = '{"type":"TaskCreated"}') => ({
  url,
  secret,
  body,
  deliveryId: 'd'.repeat(32),
  eventType: 'TaskCreated',
});

describe('postDelivery', () => {
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });

  it('posts the body as JSON with a signature the receiver verifies, and the delivery headers', async () => {
    const outcome = await postDelivery(delivery(receiver.url('/ok')), allowed);
    expect(outcome).toMatchObject({ ok: true, status: 200, error: null });
    const [request] = receiver.on('/ok');
    expect(request?.body).toBe('{"type":"TaskCreated"}');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['x-taskomask-delivery']).toBe('d'.repeat(32));
    expect(request?.headers['x-taskomask-event']).toBe('TaskCreated');
    const signature = String(request?.headers['x-taskomask-signature']);
    expect(verifySignature(secret, request!.body, signature, Math.floor(Date.now() / 1000))).toBe(
      true,
    );
    console.log(`one delivery to a local receiver took ${outcome.durationMs} ms`);
  });

  it('does not follow a redirect: a 3xx is a failure and the target sees nothing', async () => {
    receiver.answer('/moved', () => ({ status: 302, location: receiver.url('/target') }));
    const outcome = await postDelivery(delivery(receiver.url('/moved')), allowed);
    expect(outcome).toMatchObject({ ok: false, status: 302 });
    expect(outcome.error).toContain('redirect');
    expect(receiver.on('/target')).toEqual([]);
  });

  it('gives up when no answer comes within the timeout', async () => {
    receiver.answer('/hang', () => 'hang');
    const outcome = await postDelivery(delivery(receiver.url('/hang')), allowed);
    expect(outcome).toMatchObject({ ok: false, status: null, error: 'no answer within 400 ms' });
  });

  it('answers 500 as a failure with its status', async () => {
    receiver.answer('/broken', () => ({ status: 500 }));
    expect(await postDelivery(delivery(receiver.url('/broken')), allowed)).toMatchObject({
      ok: false,
      status: 500,
    });
  });

  it('does not send a body over the cap, and reads a big answer only up to its cap', async () => {
    const before = receiver.received.length;
    const big = `"${'x'.repeat(2_000)}"`;
    const refused = await postDelivery(delivery(receiver.url('/big'), big), {
      ...allowed,
      maxRequestBytes: 1_024,
    });
    expect(refused.ok).toBe(false);
    expect(refused.error).toContain('over the 1024 limit');
    expect(receiver.received.length).toBe(before);
    receiver.answer('/chatty', () => ({ status: 200, body: 'y'.repeat(1_000_000) }));
    const chatty = await postDelivery(delivery(receiver.url('/chatty')), {
      ...allowed,
      maxResponseBytes: 1_024,
    });
    expect(chatty).toMatchObject({ ok: true, status: 200 });
  });

  it('refuses loopback by IP literal (v4, v6, mapped) and by name unless allowed', async () => {
    const guarded = { ...allowed, allowPrivate: false };
    const before = receiver.received.length;
    for (const url of [
      receiver.url('/ssrf'),
      `http://[::1]:${receiver.port}/ssrf`,
      `http://[::ffff:127.0.0.1]:${receiver.port}/ssrf`,
      `http://localhost:${receiver.port}/ssrf`,
      'http://169.254.169.254/latest/meta-data/',
    ]) {
      const outcome = await postDelivery(delivery(url), guarded);
      expect(outcome.ok, url).toBe(false);
      expect(outcome.error, url).toMatch(/private, loopback or link-local/);
    }
    expect(receiver.received.length).toBe(before);
    // The same receiver by name, allowed: the guard is the only thing that stopped it.
    expect(
      (await postDelivery(delivery(`http://localhost:${receiver.port}/ssrf`), allowed)).ok,
    ).toBe(true);
  });
});
