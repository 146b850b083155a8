import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type RequestListener } from 'node:http';
import formbody from '@fastify/formbody';
import type { EventStore } from '@taskomask/eventstore';
import { createRegistry, type Registry } from '@taskomask/observability';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import type Provider from 'oidc-provider';
import { type Accounts, createAccounts } from './accounts';
import { deriveCookieKeys, type SigningKeys } from './keys';
import { createLoginLimiter, defaultLoginLimits, type LoginLimits } from './login-limiter';
import { observePages, observeProvider } from './observe';
import { autoSignOutHash } from './pages';
import type { ScryptParams } from './password';
import { createProvider, type WebClientOptions, webClientId } from './provider';
import { registerRoutes, sendRequestError } from './routes';
import type { IdentityStore } from './store/port';

export type BuildIdentityOptions = Readonly<{
  eventStore: EventStore;
  /** Provider state, credentials and rate limits (sqliteIdentityStore / redisIdentityStore). */
  store: IdentityStore;
  /** The public URL of this service, e.g. http://localhost:4000 (no trailing slash). */
  issuer: string;
  keys: SigningKeys;
  /** Cookie signing keys; derived from `keys` when absent. */
  cookieKeys?: readonly string[];
  webClient: WebClientOptions;
  /** The API's resource indicator: the `aud` of every access token. */
  apiAudience: string;
  /** Behind an ingress: trust X-Forwarded-* for the client IP and the scheme. */
  trustProxy?: boolean;
  loginLimits?: LoginLimits;
  registrationsPerIpPerHour?: number;
  scrypt?: ScryptParams;
  /** Seconds; 10 minutes by default. */
  accessTokenTtl?: number;
  /** Seconds a signed-in browser may stay unused (refresh token, provider session); 14 days. */
  sessionIdleTtl?: number;
  /** Seconds a sign-in lasts at most, however active; 365 days. */
  sessionMaxTtl?: number;
  /** A pino logger (one line per request), or Fastify's logger options. */
  logger?: FastifyServerOptions['logger'] | FastifyBaseLogger;
  /** The process's metrics registry; one of this service's own without it. */
  metrics?: Registry;
  /** Serve `/metrics` here (the default). */
  serveMetrics?: boolean;
}>;

export type Identity = Readonly<{
  /** Our pages on Fastify; `app.listen()` serves them and the provider on one port. */
  app: FastifyInstance;
  /** The same as a Node request listener, for a server the caller owns. */
  handler: RequestListener;
  provider: Provider;
  accounts: Accounts;
  close(): Promise<void>;
}>;

const DAY = 24 * 60 * 60;

// Our pages; every other path is the provider's (discovery, /auth, /token, /jwks, /session/end…).
const OUR_PATHS =
  /^\/(?:interaction\/|account(?:\/|\?|$)|assets\/|health(?:\/live|\/ready)?(?:\?|$)|metrics(?:\?|$))/;

/**
 * The provider builds its URLs (discovery's `jwks_uri` and endpoints, redirects) from the
 * request's host and scheme: they are set from the configured issuer, whatever the client sent
 * in `Host` or `X-Forwarded-*` (the provider trusts the forwarded headers, see provider.ts).
 */
function pinnedToIssuer(issuer: string, trustProxy: boolean) {
  const { host, protocol } = new URL(issuer);
  const proto = protocol.slice(0, -1);
  return (req: IncomingMessage) => {
    req.headers.host = host;
    req.headers['x-forwarded-host'] = host;
    req.headers['x-forwarded-proto'] = proto;
    // The client's address: from the ingress when we sit behind one, from the socket otherwise.
    if (!trustProxy) delete req.headers['x-forwarded-for'];
  };
}

const isLogger = (logger: unknown): logger is FastifyBaseLogger =>
  typeof (logger as { child?: unknown } | undefined)?.child === 'function';

/**
 * The identity service: oidc-provider plus our interaction and account pages, over the given
 * event store and identity store (both owned by the caller, who closes them after `close()`).
 */
export async function buildIdentity(options: BuildIdentityOptions): Promise<Identity> {
  const issuer = options.issuer.replace(/\/+$/, '');
  const accounts = createAccounts({
    eventStore: options.eventStore,
    credentials: options.store.credentials,
    scrypt: options.scrypt,
  });
  const cookieKeys = options.cookieKeys ?? deriveCookieKeys(options.keys);
  const provider = createProvider({
    issuer,
    accounts,
    store: options.store,
    keys: options.keys,
    cookieKeys,
    webClient: options.webClient,
    apiAudience: options.apiAudience,
    accessTokenTtl: options.accessTokenTtl ?? 600,
    sessionIdleTtl: options.sessionIdleTtl ?? 14 * DAY,
    sessionMaxTtl: options.sessionMaxTtl ?? 365 * DAY,
  });
  const registry = options.metrics ?? createRegistry({ defaultMetrics: false });
  let app: FastifyInstance | undefined;
  const providerListener = observeProvider(provider.callback(), {
    registry,
    // Fastify's logger (a silent one without options.logger), made just below.
    log: () => app?.log,
  });

  // Forms post to us and then redirect to the client, which CSP's form-action also governs.
  const clientOrigins = [
    ...new Set(options.webClient.redirectUris.map((uri) => new URL(uri).origin)),
  ];
  const csp = [
    "default-src 'none'",
    "style-src 'self'",
    "img-src 'self'",
    `form-action 'self' ${clientOrigins.join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');

  const pageHeaders = {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
  const providerHeaders = {
    ...pageHeaders,
    'content-security-policy': `${csp}; script-src ${autoSignOutHash}`,
  };
  const secure = (reply: FastifyReply) => {
    reply.headers(pageHeaders);
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  };
  const pinned = pinnedToIssuer(issuer, options.trustProxy ?? false);

  let fastifyListener: RequestListener | undefined;
  const handler: RequestListener = (req, res) => {
    if (OUR_PATHS.test(req.url ?? '/')) {
      fastifyListener!(req, res);
      return;
    }
    // The provider renders pages of its own (errors, the sign-out confirmation) that our hooks
    // never see: the same headers go on everything it answers (harmless on its JSON). Its
    // pages may run one script: the self-submitting sign-out, or a form of its own whose hash
    // oidc-provider adds to script-src itself.
    for (const [name, value] of Object.entries(providerHeaders)) res.setHeader(name, value);
    pinned(req);
    providerListener(req, res);
  };
  app = Fastify({
    ...(isLogger(options.logger)
      ? { loggerInstance: options.logger }
      : { logger: options.logger ?? false }),
    // observePages writes one line per request instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    // Long interaction ids reach our checks (a page) instead of the router's bare JSON 414, and
    // the router's own refusals (a malformed percent-encoding…) go to our error handler too.
    routerOptions: { maxParamLength: 1000 },
    frameworkErrors: (error, _request, reply) => {
      // Before routing, so before the hooks: the page's headers are set here.
      secure(reply as unknown as FastifyReply);
      sendRequestError(reply as unknown as FastifyReply, error);
    },
    serverFactory: (listener) => {
      fastifyListener = listener;
      return createServer(handler);
    },
  });
  await app.register(formbody);
  // Our forms are HTML forms: a browser posts them urlencoded. JSON and text/plain bodies are a
  // script's (text/plain is the one a cross-site form can send without a preflight): 415.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  observePages(app, {
    registry,
    serveMetrics: options.serveMetrics ?? true,
    checks: [
      { name: 'eventStore', check: () => options.eventStore.headPosition() },
      // Any read proves the store answers; no account has the nil id.
      {
        name: 'identityStore',
        check: () => options.store.credentials.get('00000000-0000-0000-0000-000000000000'),
      },
    ],
  });
  app.addHook('onSend', async (_request, reply) => {
    secure(reply);
  });
  registerRoutes(app, {
    provider,
    accounts,
    limiter: createLoginLimiter(options.store, options.loginLimits ?? defaultLoginLimits),
    registrations: options.store.rateLimiter({
      name: 'register_ip',
      points: options.registrationsPerIpPerHour ?? 20,
      duration: 60 * 60,
    }),
    firstPartyClients: new Set([webClientId]),
    appUrl: `${clientOrigins[0] ?? issuer}/`,
    csrfKey: cookieKeys[0]!,
    stylesheet: readFileSync(new URL('./assets/identity.css', import.meta.url), 'utf8'),
  });
  await app.ready();

  return {
    app,
    handler,
    provider,
    accounts,
    close: () => app.close(),
  };
}
