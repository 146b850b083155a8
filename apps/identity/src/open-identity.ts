import { type EventStore, eventStoreFromUrl } from '@taskomask/eventstore';
import type { Registry } from '@taskomask/observability';
import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';
import { buildIdentity, type Identity } from './build-identity';
import type { IdentityConfig } from './config';
import { loadOrCreateKeyFile, parseSigningKeys, type SigningKeys } from './keys';
import { identityStoreFromUrl } from './store/from-url';
import type { IdentityStore } from './store/port';

/** IDENTITY_JWKS when set, else the key file (generated on first start: the embedded mode). */
export async function loadSigningKeys(config: IdentityConfig): Promise<SigningKeys> {
  return config.jwks !== undefined
    ? parseSigningKeys(config.jwks, 'IDENTITY_JWKS')
    : loadOrCreateKeyFile(config.keyFile);
}

export type OpenedIdentity = Readonly<{
  identity: Identity;
  eventStore: EventStore;
  store: IdentityStore;
  /** Closes the server, then the stores this function opened (not an injected event store). */
  close(): Promise<void>;
}>;

/**
 * The identity service from its configuration, not yet listening: `identity.app.listen({ port })`.
 * The embedded start passes its shared event store; otherwise EVENT_STORE_URL is opened.
 */
export async function openIdentity(
  config: IdentityConfig,
  options: Readonly<{
    eventStore?: EventStore;
    logger?: FastifyServerOptions['logger'] | FastifyBaseLogger;
    metrics?: Registry;
    serveMetrics?: boolean;
  }> = {},
): Promise<OpenedIdentity> {
  const eventStore = options.eventStore ?? (await eventStoreFromUrl(config.eventStoreUrl));
  const store = identityStoreFromUrl(config.identityStoreUrl);
  try {
    const identity = await buildIdentity({
      eventStore,
      store,
      issuer: config.issuer,
      keys: await loadSigningKeys(config),
      cookieKeys: config.cookieKeys,
      webClient: config.webClient,
      apiAudience: config.apiAudience,
      accessTokenTtl: config.accessTokenTtl,
      sessionIdleTtl: config.sessionIdleTtl,
      sessionMaxTtl: config.sessionMaxTtl,
      trustProxy: config.trustProxy,
      logger: options.logger,
      ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
      ...(options.serveMetrics === undefined ? {} : { serveMetrics: options.serveMetrics }),
    });
    return {
      identity,
      eventStore,
      store,
      async close() {
        await identity.close();
        await store.close();
        if (!options.eventStore) await eventStore.close();
      },
    };
  } catch (error) {
    await store.close();
    if (!options.eventStore) await eventStore.close();
    throw error;
  }
}
