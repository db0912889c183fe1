/** Why a request waiting for a database connection was turned away. */
export class ConnectionQueueError extends Error {
  override readonly name = 'ConnectionQueueError';
  constructor(reason: 'timeout' | 'database-down') {
    super(
      reason === 'timeout'
        ? 'Timed out waiting for a free database connection'
        : 'The database stopped answering while this request waited for a connection',
    );
  }
}

export interface ConnectionGateOptions {
  /** Connections in use at once (the pool's size). */
  slots: number;
  /** How long a request may wait for a free connection while the database is answering. */
  queueMs: number;
}

/**
 * The queue in front of the PostgreSQL pool. A burst larger than the pool waits its turn (up to `queueMs`) instead of
 * failing after pg's connect timeout, which is meant for a database that does not answer. Once a connection or a
 * query fails for want of the database (`trip`), every waiting request fails at once and new ones fail instead of
 * queueing, until one succeeds (`healthy`): a dead database still fails a request within its query timeout.
 */
export function createConnectionGate({ slots, queueMs }: ConnectionGateOptions) {
  let inUse = 0;
  let down = false;
  const waiting = new Set<{ grant(): void; fail(error: Error): void }>();

  const release = () => {
    const next = waiting.values().next();
    if (next.done) inUse -= 1;
    else {
      waiting.delete(next.value);
      next.value.grant();
    }
  };

  return {
    /** Resolves with the slot's release function once a connection may be taken. */
    acquire(): Promise<() => void> {
      if (inUse < slots) {
        inUse += 1;
        return Promise.resolve(once(release));
      }
      if (down) return Promise.reject(new ConnectionQueueError('database-down'));
      return new Promise((resolve, reject) => {
        const waiter = {
          grant: () => {
            clearTimeout(timer);
            resolve(once(release));
          },
          fail: (error: Error) => {
            clearTimeout(timer);
            waiting.delete(waiter);
            reject(error);
          },
        };
        const timer = setTimeout(() => waiter.fail(new ConnectionQueueError('timeout')), queueMs);
        timer.unref();
        waiting.add(waiter);
      });
    },
    /** The database failed a connection or a query: the queue empties at once. */
    trip(): void {
      down = true;
      for (const waiter of [...waiting]) waiter.fail(new ConnectionQueueError('database-down'));
    },
    /** A connection or query succeeded: requests queue again. */
    healthy(): void {
      down = false;
    },
    stats: () => ({ inUse, waiting: waiting.size, down }),
  };
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}
