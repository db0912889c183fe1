import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type { Pool, PoolClient, PoolConfig } from 'pg';
import { createConnectionGate } from './connection-gate.js';

/** RELIABILITY D4: a dead or hung database fails a request within about 2 s, never queues it for longer. */
export const PG_TIMEOUTS = {
  /** Opening a connection. */
  connectMs: 2_000,
  /** Waiting for a free connection while the database answers (a burst larger than the pool queues this long). */
  queueMs: 15_000,
  /** Server side: PostgreSQL cancels a statement (lock waits included) after this. */
  statementMs: 1_500,
  /** Client side, for a server that stopped answering (SIGSTOP, network partition): statement_timeout cannot fire. */
  queryMs: 1_800,
  /** A transaction left open by a stalled client releases its row locks after this. */
  idleInTransactionMs: 5_000,
} as const;

export const PG_POOL_MAX = 20;

export function poolConfig(connectionString: string): PoolConfig {
  return {
    connectionString,
    max: PG_POOL_MAX,
    connectionTimeoutMillis: PG_TIMEOUTS.connectMs,
    statement_timeout: PG_TIMEOUTS.statementMs,
    query_timeout: PG_TIMEOUTS.queryMs,
    idle_in_transaction_session_timeout: PG_TIMEOUTS.idleInTransactionMs,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: 'dtone-gateway',
  };
}

export interface GuardPoolOptions {
  /** Errors of idle pooled connections; they never reach a request. */
  onError: (error: Error) => void;
  /** Whether an error means "no usable database" (it empties the connection queue) rather than a bad query. */
  isUnavailable: (error: unknown) => boolean;
  /** Connections in use at once; the pool's `max`. */
  slots: number;
}

/**
 * Makes a pg pool safe to lose its server. An idle client's error reaches the pool's `error` event, which must have
 * a listener or Node exits; a checked-out client has no listener of its own while kysely holds it, so one is
 * added (its error already fails the query in flight, which is how the caller learns). A client whose query timed
 * out on our side may still be running that query, so it is destroyed instead of being reused. Requests beyond the
 * pool's size wait in a `ConnectionGate`, never in pg's own queue, whose timeout is the connect timeout.
 */
export function guardPool(pool: Pool, { onError, isUnavailable, slots }: GuardPoolOptions): PostgresPool {
  pool.on('error', onError);
  pool.on('connect', (client) => {
    client.on('error', ignoreCheckedOutError);
  });
  const gate = createConnectionGate({ slots, queueMs: PG_TIMEOUTS.queueMs });
  const health = {
    // Only a lost database empties the queue: a statement the server itself cancelled (a lock wait past the
    // statement timeout, say) says nothing about the requests waiting behind it.
    failed(error: unknown) {
      if (isUnavailable(error) && !(error instanceof Error && 'severity' in error)) gate.trip();
    },
    ok: () => gate.healthy(),
  };
  return {
    async connect() {
      const release = await gate.acquire();
      try {
        const client = await pool.connect();
        health.ok();
        return new GuardedClient(client, release, health);
      } catch (error) {
        release();
        health.failed(error);
        throw error;
      }
    },
    end: () => pool.end(),
  };
}

function ignoreCheckedOutError(): void {}

class GuardedClient implements PostgresPoolClient {
  #broken: Error | undefined;
  constructor(
    readonly client: PoolClient,
    private readonly releaseSlot: () => void,
    private readonly health: { failed(error: unknown): void; ok(): void },
  ) {}

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(
    sqlOrCursor: string | PostgresCursor<R>,
    parameters?: ReadonlyArray<unknown>,
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof sqlOrCursor !== 'string') {
      throw new TypeError('The gateway store configures no cursor; streaming queries are not supported');
    }
    return this.#run<R>(sqlOrCursor, parameters ?? []);
  }

  async #run<R>(text: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
    try {
      const result = await this.client.query(text, [...parameters]);
      this.health.ok();
      return result as unknown as PostgresQueryResult<R>;
    } catch (error) {
      if (error instanceof Error && error.message === 'Query read timeout') this.#broken = error;
      this.health.failed(error);
      throw error;
    }
  }

  release(): void {
    this.client.release(this.#broken);
    this.releaseSlot();
  }
}
