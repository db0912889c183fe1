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
  /** Events for one transaction until `signal` aborts or the iterator's `return()` is called. */
  subscribe(transactionId: string, signal?: AbortSignal): AsyncIterable<TransactionChanged>;
  /** Events for any transaction of one tenant until `signal` aborts or the iterator's `return()` is called. */
  subscribeTenant(tenantId: string, signal?: AbortSignal): AsyncIterable<TransactionChanged>;
  /** Whether events reach the other instances now (always, for the in-process one). */
  ready(): boolean;
  close(): Promise<void>;
}

type Topics = Map<string, Set<WakeUps>>;

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
    for (const listener of byTransaction.get(event.transactionId) ?? []) listener.deliver(event);
    if (event.tenantId) for (const listener of byTenant.get(event.tenantId) ?? []) listener.deliver(event);
  };

  return {
    deliver,
    ready: () => true,
    deliverAll: () => {
      for (const transactionId of [...byTransaction.keys()]) deliver({ transactionId });
      for (const tenantId of [...byTenant.keys()]) {
        // No one transaction: any of the tenant's may have changed. One object per tenant, so its feeds share reads.
        const event = { transactionId: '', tenantId };
        for (const listener of byTenant.get(tenantId) ?? []) listener.deliver(event);
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

function listen(topics: Topics, topic: string, signal?: AbortSignal): AsyncIterable<TransactionChanged> {
  return { [Symbol.asyncIterator]: () => new WakeUps(topics, topic, signal) };
}

/**
 * One subscriber of a topic: an iterator of wake-ups, listening from its creation until `return()` or the signal.
 * A class rather than closures: every waiting subscription holds one, so its fields are all it costs.
 */
class WakeUps implements AsyncIterator<TransactionChanged> {
  /**
   * Only "something changed" matters: one pending wake-up is as good as many. The newest event is kept: subscribers
   * share the store read of the event object they were woken with (transaction-updates.ts).
   */
  private pending: TransactionChanged | undefined;
  /** The pending `next()`'s resolver. */
  private waiting: ((result: IteratorResult<TransactionChanged>) => void) | undefined;
  private stopped = false;
  private readonly listeners: Set<WakeUps>;

  constructor(
    private readonly topics: Topics,
    private readonly topic: string,
    signal: AbortSignal | undefined,
  ) {
    this.listeners = topics.get(topic) ?? new Set();
    topics.set(topic, this.listeners);
    this.listeners.add(this);
    if (signal?.aborted) this.stop();
    else signal?.addEventListener('abort', () => this.stop(), { once: true });
  }

  deliver(event: TransactionChanged): void {
    const waiting = this.waiting;
    if (!waiting) {
      this.pending = event;
      return;
    }
    this.waiting = undefined;
    waiting({ done: false, value: event });
  }

  next(): Promise<IteratorResult<TransactionChanged>> {
    if (this.stopped) return Promise.resolve({ done: true, value: undefined });
    const value = this.pending;
    if (value) {
      this.pending = undefined;
      return Promise.resolve({ done: false, value });
    }
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<TransactionChanged>> {
    this.stop();
    return Promise.resolve({ done: true, value: undefined });
  }

  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.pending = undefined;
    this.listeners.delete(this);
    if (this.listeners.size === 0 && this.topics.get(this.topic) === this.listeners)
      this.topics.delete(this.topic);
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.({ done: true, value: undefined });
  }
}
