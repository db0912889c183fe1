import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import { type Backend, checkDelay } from './backend.js';
import { ConnectionQueueError } from './connection-gate.js';
import { migrationProvider } from './migrations/index.js';
import { guardPool, PG_POOL_MAX, poolConfig } from './pg-pool.js';
import { retryOnConflict } from './retry.js';
import type { Database } from './schema.js';

/** SQLSTATE classes and codes meaning "no usable database right now" (not "your query is wrong"). */
const UNAVAILABLE_STATES = /^(08|53|57P0[1-3]$|57014$)/;
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
const UNAVAILABLE_MESSAGES =
  /^(Connection terminated|Query read timeout|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/** Migrations may build indexes on big tables: they get their own connection and a longer statement timeout. */
const MIGRATION_STATEMENT_TIMEOUT_MS = 10 * 60 * 1000;

export interface PostgresOptions {
  /** Errors of idle pooled connections (database restarted, connection killed); they never reach a request. */
  onPoolError?: (error: Error) => void;
}

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Backend> {
  const { default: pg } = await import('pg');
  const onPoolError =
    options.onPoolError ?? ((error) => process.emitWarning(error.message, 'StorePoolWarning'));
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: guardPool(new pg.Pool(poolConfig(url)), {
        onError: onPoolError,
        isUnavailable: isPostgresUnavailable,
        slots: PG_POOL_MAX,
      }),
    }),
  });

  const writeTransaction = <T>(work: (trx: Kysely<Database>) => Promise<T>) =>
    retryOnConflict(() => db.transaction().execute(work));
  /** ISO 8601 UTC with milliseconds, as a literal format (a bound parameter would make each statement's text vary). */
  const ISO_MS = sql.lit('YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
  return {
    dialect: 'postgres',
    db,
    rowLocks: true,
    clock(afterMs = 0) {
      const ms = checkDelay('afterMs', afterMs);
      // statement_timestamp(), not now(): inside a transaction now() is when it began, before any lock wait, so a
      // later writer could stamp an earlier time than the one it waited for.
      return sql<string>`to_char((statement_timestamp() + ${ms}::float8 * interval '1 millisecond') at time zone 'UTC', ${ISO_MS})`;
    },
    clockNow: () => sql<string>`to_char(clock_timestamp() at time zone 'UTC', ${ISO_MS})`,
    writeTransaction,
    groupWrite: writeTransaction,
    async migrate() {
      const migrationDb = new Kysely<unknown>({
        dialect: new PostgresDialect({
          pool: guardPool(
            new pg.Pool({
              ...poolConfig(url),
              max: 1,
              statement_timeout: MIGRATION_STATEMENT_TIMEOUT_MS,
              query_timeout: undefined,
            }),
            { onError: onPoolError, isUnavailable: isPostgresUnavailable, slots: 1 },
          ),
        }),
      });
      try {
        const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(
          migrationDb,
        );
        const schema = rows[0]?.schema;
        if (!schema)
          throw new Error('The PostgreSQL search_path names no existing schema to create the tables in');
        // Named explicitly: without it kysely takes another schema's kysely_migration table for ours.
        const migrator = new Migrator({
          db: migrationDb,
          provider: migrationProvider('postgres'),
          migrationTableSchema: schema,
        });
        const { error } = await migrator.migrateToLatest();
        if (error) throw error;
      } finally {
        await migrationDb.destroy();
      }
    },
    isUnavailable: isPostgresUnavailable,
    close: () => db.destroy(),
  };
}

function isPostgresUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error instanceof ConnectionQueueError) return true;
  const code = 'code' in error ? String(error.code) : '';
  return (
    UNAVAILABLE_STATES.test(code) ||
    UNAVAILABLE_NODE_CODES.has(code) ||
    UNAVAILABLE_MESSAGES.test(error.message)
  );
}
