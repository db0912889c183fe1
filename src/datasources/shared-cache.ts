import Keyv from 'keyv';
import { createEntityCache, type EntityCacheOptions } from './cache.js';

export interface SharedCache {
  keyv: Keyv;
  /** False while Redis is unreachable: the cache then skips it instead of waiting on every read. */
  ready(): boolean;
  close(): Promise<void>;
}

/**
 * The Redis layer shared by several gateway processes (`REDIS_URL`). Values are JSON: amounts are already exact
 * decimal strings once parsed, so JSON round-trips them exactly. A Redis outage never throws into a request or
 * crashes the process: errors are swallowed here and reads fall back to the process layer and DT One.
 */
export async function createSharedCache(redisUrl: string): Promise<SharedCache> {
  const { default: KeyvRedis } = await import('@keyv/redis');
  const store = new KeyvRedis(redisUrl, {
    namespace: 'dtone-gw',
    throwOnConnectError: false,
    throwOnErrors: false,
    connectionTimeout: 1_000,
  });
  store.on('error', () => undefined);
  const keyv = new Keyv({ store, useKeyPrefix: false, serialize: JSON.stringify, deserialize: JSON.parse });
  keyv.on('error', () => undefined);
  const ready = () => (store.client as { isReady?: boolean }).isReady === true;
  const connect = () =>
    store.getClient().then(
      () => undefined,
      () => undefined,
    );
  await Promise.race([connect(), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
  // The client reconnects by itself after a drop; this covers a Redis that was down when we started.
  const retry = setInterval(() => {
    if (!ready()) void connect();
  }, 5_000).unref();
  return {
    keyv,
    ready,
    async close() {
      clearInterval(retry);
      await store.disconnect().catch(() => undefined);
    },
  };
}

/**
 * The entity cache of one gateway: the process layer, with Redis shared under it when `redisUrl` is set. Answers are
 * frozen outside production so a resolver mutating a shared answer throws in tests.
 */
export async function openEntityCache(
  config: { redisUrl?: string | undefined; env: string },
  options: Omit<EntityCacheOptions, 'shared' | 'sharedReady'>,
) {
  const shared = config.redisUrl ? await createSharedCache(config.redisUrl) : undefined;
  const cache = createEntityCache({
    freeze: config.env !== 'production',
    ...options,
    shared: shared?.keyv,
    ...(shared && { sharedReady: shared.ready }),
  });
  return { cache, shared };
}
