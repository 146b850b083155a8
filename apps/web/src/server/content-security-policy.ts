import { webConfig } from './config';

/** A fresh, unguessable nonce for one page view. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

/** The same origin in the WebSocket scheme (Socket.IO upgrades its polling connection). */
const webSocketOrigin = (origin: string) => origin.replace(/^http/, 'ws');

/**
 * The web app's policy: scripts only with this view's nonce (Next.js puts it on its own scripts
 * when it reads the policy from the request) and those they load, never inline ones; sockets
 * only to the realtime server; forms only to us and the identity provider; never framed.
 * Styles allow inline ones: the board sets `style` attributes while dragging.
 */
export function contentSecurityPolicy(
  nonce: string,
  dev = process.env.NODE_ENV === 'development',
): string {
  const config = webConfig();
  const realtime = new URL(config.realtimeUrl).origin;
  const identity = new URL(config.issuer).origin;
  return [
    "default-src 'self'",
    // React's development build evaluates code for its error overlay; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${realtime} ${webSocketOrigin(realtime)}`,
    `form-action 'self' ${identity}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}
