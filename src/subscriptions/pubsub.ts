/**
 * Wakes subscribers up when a transaction changed. Payloads carry only ids: subscribers re-read the store, which is
 * the truth (a pub/sub may drop messages; a PIN must never travel through it).
 */
export interface TransactionChanged {
  transactionId: string;
  /** The transaction's tenant: wakes that tenant's event feeds too. Absent from a publisher that predates them. */
  tenantId?: string;
}

export interface PubSub {
  publish(event: TransactionChanged): Promise<void>;
  /** Events for one transaction until `signal` aborts. */
  subscribe(transactionId: string, signal: AbortSignal): AsyncIterable<TransactionChanged>;
  /** Events for any transaction of one tenant until `signal` aborts. */
  subscribeTenant(tenantId: string, signal: AbortSignal): AsyncIterable<TransactionChanged>;
  /** Whether events reach the other instances now (always, for the in-process one). */
  ready(): boolean;
  close(): Promise<void>;
}

type Topics = Map<string, Set<(event: TransactionChanged) => void>>;

/** In-process pub/sub: one process, or the local half of the Redis one. */
export function createMemoryPubSub(): PubSub & {
  deliver(event: TransactionChanged): void;
  /** Wakes every subscriber (after a pub/sub outage: they re-read the store). */
  deliverAll(): void;
  listeners(): number;
} {
  const byTransaction: Topics = new Map();
  const byTenant: Topics = new Map();

  const deliver = (event: TransactionChanged) => {
    for (const listener of byTransaction.get(event.transactionId) ?? []) listener(event);
    if (event.tenantId) for (const listener of byTenant.get(event.tenantId) ?? []) listener(event);
  };

  return {
    deliver,
    ready: () => true,
    deliverAll: () => {
      for (const transactionId of [...byTransaction.keys()]) deliver({ transactionId });
      for (const tenantId of [...byTenant.keys()]) {
        // No one transaction: any of the tenant's may have changed. One object per tenant, so its feeds share reads.
        const event = { transactionId: '', tenantId };
        for (const listener of byTenant.get(tenantId) ?? []) listener(event);
      }
    },
    listeners: () => [...byTransaction.values(), ...byTenant.values()].reduce((n, set) => n + set.size, 0),
    async publish(event) {
      deliver(event);
    },
    subscribe: (transactionId, signal) => listen(byTransaction, transactionId, signal),
    subscribeTenant: (tenantId, signal) => listen(byTenant, tenantId, signal),
    async close() {
      byTransaction.clear();
      byTenant.clear();
    },
  };
}

function listen(topics: Topics, topic: string, signal: AbortSignal): AsyncIterable<TransactionChanged> {
  return {
    [Symbol.asyncIterator]() {
      const queue: TransactionChanged[] = [];
      let wake: (() => void) | undefined;
      const listener = (event: TransactionChanged) => {
        // Only "something changed" matters: one pending wake-up is as good as many. Keep the newest event:
        // subscribers share the store read of the event object they were woken with (transaction-updates.ts).
        queue[0] = event;
        wake?.();
      };
      const set = topics.get(topic) ?? new Set();
      topics.set(topic, set);
      set.add(listener);
      const cleanup = () => {
        set.delete(listener);
        if (set.size === 0) topics.delete(topic);
        wake?.();
      };
      signal.addEventListener('abort', cleanup, { once: true });
      return {
        async next(): Promise<IteratorResult<TransactionChanged>> {
          while (queue.length === 0 && !signal.aborted) {
            await new Promise<void>((resolve) => {
              wake = resolve;
            });
            wake = undefined;
          }
          if (signal.aborted) return { done: true, value: undefined };
          return { done: false, value: queue.shift()! };
        },
        async return(): Promise<IteratorResult<TransactionChanged>> {
          cleanup();
          return { done: true, value: undefined };
        },
      };
    },
  };
}
