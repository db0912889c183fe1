import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type { Pool, PoolClient, PoolConfig } from 'pg';

/** RELIABILITY D4: a dead or hung database fails a request within about 2 s, never queues it for longer. */
export const PG_TIMEOUTS = {
  /** Opening a connection, or waiting for a free one in the pool (a burst of requests queues here briefly). */
  connectMs: 2_000,
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

/**
 * Makes a pg pool safe to lose its server. An idle client's error reaches the pool's `error` event, which must have
 * a listener or Node exits; a checked-out client has no listener of its own while kysely holds it, so one is
 * added (its error already fails the query in flight, which is how the caller learns). A client whose query timed
 * out on our side may still be running that query, so it is destroyed instead of being reused.
 */
export function guardPool(pool: Pool, onError: (error: Error) => void): PostgresPool {
  pool.on('error', onError);
  pool.on('connect', (client) => {
    client.on('error', ignoreCheckedOutError);
  });
  return {
    async connect() {
      return new GuardedClient(await pool.connect());
    },
    end: () => pool.end(),
  };
}

function ignoreCheckedOutError(): void {}

class GuardedClient implements PostgresPoolClient {
  #broken: Error | undefined;
  constructor(readonly client: PoolClient) {}

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
      return result as unknown as PostgresQueryResult<R>;
    } catch (error) {
      if (error instanceof Error && error.message === 'Query read timeout') this.#broken = error;
      throw error;
    }
  }

  release(): void {
    this.client.release(this.#broken);
  }
}
