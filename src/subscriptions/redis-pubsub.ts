import { randomUUID } from 'node:crypto';
import type { PubSub, TransactionChanged } from './pubsub.js';
import { createMemoryPubSub } from './pubsub.js';

const CHANNEL = 'dtgw:transaction-changed';

/**
 * Pub/sub across gateway processes over Redis. Local subscribers are woken directly; other processes through
 * Redis. Redis pub/sub is at-most-once, so nothing depends on it: when the connection comes back after a drop,
 * every local subscriber is woken to re-read the store, and an outage never throws into a request.
 */
export async function createRedisPubSub(redisUrl: string): Promise<PubSub> {
  const { Redis } = await import('ioredis');
  const origin = randomUUID();
  const local = createMemoryPubSub();
  const options = {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 1_000,
  };
  const publisher = new Redis(redisUrl, options);
  // Resubscribed by hand on every reconnect: ioredis's own resubscribe leaves its promise unhandled, and a Redis
  // that dies again during it would reject that promise with nobody listening (an unhandled rejection).
  const subscriber = new Redis(redisUrl, { ...options, enableOfflineQueue: true, autoResubscribe: false });
  publisher.on('error', () => undefined);
  subscriber.on('error', () => undefined);

  let dropped = false;
  subscriber.on('close', () => {
    dropped = true;
  });
  subscriber.on('ready', () => {
    // Every (re)connection subscribes again, also one that follows a start while Redis was down.
    subscriber.subscribe(CHANNEL).catch(() => undefined);
    if (dropped) local.deliverAll();
    dropped = false;
  });
  subscriber.on('message', (_channel: string, message: string) => {
    try {
      const { from, transactionId, tenantId } = JSON.parse(message) as {
        from: string;
        transactionId: string;
        tenantId?: unknown;
      };
      if (from !== origin && typeof transactionId === 'string') {
        local.deliver({ transactionId, ...(typeof tenantId === 'string' && { tenantId }) });
      }
    } catch {
      // Not ours: ignore.
    }
  });
  await Promise.allSettled([publisher.connect(), subscriber.connect()]);
  await subscriber.subscribe(CHANNEL).catch(() => undefined);

  return {
    async publish(event: TransactionChanged) {
      local.deliver(event);
      await publisher
        .publish(
          CHANNEL,
          JSON.stringify({ from: origin, transactionId: event.transactionId, tenantId: event.tenantId }),
        )
        .catch(() => undefined);
    },
    subscribe: (transactionId, signal) => local.subscribe(transactionId, signal),
    subscribeTenant: (tenantId, signal) => local.subscribeTenant(tenantId, signal),
    ready: () => subscriber.status === 'ready' && publisher.status === 'ready',
    async close() {
      await local.close();
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}
