import { Redis } from 'ioredis';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import {
  type CredentialStore,
  checkLimiterName,
  grantableModels,
  type IdentityStore,
  type RateLimiterOptions,
} from './port';

// Marks a token consumed only while it still exists: HSET on a missing key would recreate it
// without its TTL.
const CONSUME = `
if redis.call('exists', KEYS[1]) == 1 then
  redis.call('hset', KEYS[1], 'consumed', ARGV[1])
end
return 0`;

// Adds a token to its grant's member set, which lives as long as its longest-lived member (for
// ever once a member has no expiry).
const ADD_TO_GRANT = `
local ttl = tonumber(ARGV[2])
local existed = redis.call('exists', KEYS[1])
redis.call('sadd', KEYS[1], ARGV[1])
if ttl <= 0 then
  redis.call('persist', KEYS[1])
elseif existed == 0 then
  redis.call('expire', KEYS[1], ttl)
else
  local current = redis.call('ttl', KEYS[1])
  if current ~= -1 and current < ttl then redis.call('expire', KEYS[1], ttl) end
end
return 0`;

type ScriptedRedis = Redis & {
  identityConsume(key: string, now: number): Promise<number>;
};

export type RedisIdentityStoreOptions = Readonly<{
  url: string;
  /** Prepended to every key, e.g. `identity:`; tests use a unique one per run. */
  keyPrefix?: string;
}>;

/**
 * Each provider entry is a hash `<prefix>oidc:<model>:<id>` {payload, consumed} with the entry's
 * TTL; `oidc:grant:<grantId>` lists a grant's tokens, `oidc:uid:<uid>` and `oidc:userCode:<code>`
 * point to ids. Credentials are `credential:<ownerId>` without TTL: run Redis with appendonly.
 */
export function redisIdentityStore({
  url,
  keyPrefix = 'identity:',
}: RedisIdentityStoreOptions): IdentityStore {
  const redis = new Redis(url, { maxRetriesPerRequest: 3 }) as ScriptedRedis;
  redis.defineCommand('identityConsume', { numberOfKeys: 1, lua: CONSUME });

  const entryKey = (model: string, id: string) => `${keyPrefix}oidc:${model}:${id}`;
  const grantKey = (grantId: string) => `${keyPrefix}oidc:grant:${grantId}`;
  const uidKey = (model: string, uid: string) => `${keyPrefix}oidc:uid:${model}:${uid}`;
  const userCodeKey = (model: string, code: string) => `${keyPrefix}oidc:userCode:${model}:${code}`;
  const credentialKey = (ownerId: string) => `${keyPrefix}credential:${ownerId}`;

  const adapters = new Map<string, Adapter>();
  const providerAdapter = (model: string): Adapter => {
    const existing = adapters.get(model);
    if (existing) return existing;
    const find = async (id: string | null): Promise<AdapterPayload | undefined> => {
      if (id === null) return undefined;
      const { payload, consumed } = await redis.hgetall(entryKey(model, id));
      if (payload === undefined) return undefined;
      const parsed = JSON.parse(payload) as AdapterPayload;
      return consumed === undefined ? parsed : { ...parsed, consumed: Number(consumed) };
    };
    const adapter: Adapter = {
      async upsert(id, payload, expiresIn) {
        const key = entryKey(model, id);
        const ttl = typeof expiresIn === 'number' && expiresIn > 0 ? Math.ceil(expiresIn) : 0;
        const tx = redis.multi().del(key).hset(key, 'payload', JSON.stringify(payload));
        if (ttl > 0) tx.expire(key, ttl);
        const index = (indexKey: string) => {
          tx.set(indexKey, id);
          if (ttl > 0) tx.expire(indexKey, ttl);
        };
        if (payload.uid) index(uidKey(model, payload.uid));
        if (payload.userCode) index(userCodeKey(model, payload.userCode));
        if (grantableModels.has(model) && payload.grantId) {
          tx.eval(ADD_TO_GRANT, 1, grantKey(payload.grantId), key, ttl);
        }
        const results = await tx.exec();
        const failed = results?.find(([error]) => error !== null);
        if (failed) throw failed[0];
      },
      find: (id) => find(id),
      async findByUid(uid) {
        return find(await redis.get(uidKey(model, uid)));
      },
      async findByUserCode(userCode) {
        return find(await redis.get(userCodeKey(model, userCode)));
      },
      async consume(id) {
        await redis.identityConsume(entryKey(model, id), Math.floor(Date.now() / 1000));
      },
      async destroy(id) {
        await redis.del(entryKey(model, id));
      },
      async revokeByGrantId(grantId) {
        const key = grantKey(grantId);
        const members = await redis.smembers(key);
        await redis.del(key, ...members);
      },
    };
    adapters.set(model, adapter);
    return adapter;
  };

  const credentials: CredentialStore = {
    async get(ownerId) {
      return redis.get(credentialKey(ownerId));
    },
    async set(ownerId, hash) {
      await redis.set(credentialKey(ownerId), hash);
    },
    async delete(ownerId) {
      await redis.del(credentialKey(ownerId));
    },
  };

  return {
    providerAdapter,
    credentials,
    rateLimiter({ name, points, duration }: RateLimiterOptions) {
      return new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${keyPrefix}rate-limit:${checkLimiterName(name)}`,
        points,
        duration,
      });
    },
    async close() {
      await redis.quit();
    },
  };
}
