import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { type Backend, checkDelay } from './backend.js';
import { groupCommit } from './group-commit.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

/** How long a writer waits for another process's write lock before giving up with SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|PROTOCOL)/;

/**
 * Stores opened on one file in one process share a single connection. better-sqlite3 waits for a lock by blocking
 * the thread, so a second connection in the same process would block the very event loop that must finish the
 * first one's transaction. Other processes share the file through WAL and the busy timeout.
 */
const shared = new Map<string, { backend: Backend; users: number }>();

export function openSqlite(path: string): Backend {
  const key = path === ':memory:' ? undefined : resolve(path);
  const entry = (key && shared.get(key)) || { backend: openFile(path), users: 0 };
  if (key) shared.set(key, entry);
  entry.users += 1;
  let closed = false;
  return {
    ...entry.backend,
    async close() {
      if (closed) return;
      closed = true;
      entry.users -= 1;
      if (entry.users > 0) return;
      if (key) shared.delete(key);
      await entry.backend.close();
    },
  };
}

/** One connection: kysely serialises this process's queries on it. */
function openFile(path: string): Backend {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new BetterSqlite3(path);
  database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  database.pragma('journal_mode = WAL');
  // FULL also syncs the WAL on every commit: a recorded intent survives a power loss, not only a crash.
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });

  // A deferred BEGIN that reads and then writes fails at once with SQLITE_BUSY when another process wrote in
  // between (the busy handler cannot help); BEGIN IMMEDIATE takes the write lock first and waits for it.
  const immediate = <T>(
    work: (trx: Kysely<Database>) => Promise<T>,
    beforeBegin?: () => Promise<void>,
  ): Promise<T> =>
    db.connection().execute(async (conn) => {
      await beforeBegin?.();
      await sql`begin immediate`.execute(conn);
      try {
        const result = await work(conn);
        await sql`commit`.execute(conn);
        return result;
      } catch (error) {
        if (database.inTransaction) await sql`rollback`.execute(conn);
        throw error;
      }
    });

  return {
    dialect: 'sqlite',
    db,
    rowLocks: false,
    clock(afterMs = 0) {
      const ms = checkDelay('afterMs', afterMs);
      return sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ${`+${ms / 1000} seconds`})`;
    },
    // One writer at a time holds the whole database: nothing waits for a lock inside a statement.
    clockNow: () => sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
    writeTransaction: (work) => immediate(work),
    groupWrite: groupCommit({ transaction: immediate, inTransaction: () => database.inTransaction }),
    async migrate() {
      await immediate(async (conn) => {
        const migrator = new Migrator({
          db: conn,
          provider: migrationProvider('sqlite'),
          disableTransactions: true,
        });
        const { error } = await migrator.migrateToLatest();
        if (error) throw error;
      });
    },
    isUnavailable(error) {
      return error instanceof Error && 'code' in error && UNAVAILABLE.test(String(error.code));
    },
    close: () => db.destroy(),
  };
}

/** How many distinct statements are kept compiled; the store issues a few dozen shapes. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * kysely prepares every query afresh; compiling SQL showed at ~9 % of the gateway's CPU on the mutation path. The
 * store's statements are few and parameterised, so each is compiled once and reused (kysely runs one query at a
 * time on this connection, and never iterates a statement, so a reused statement is never busy).
 */
export function withStatementCache(database: BetterSqlite3.Database) {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
        statement = database.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}
