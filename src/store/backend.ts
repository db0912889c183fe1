import type { Kysely, RawBuilder } from 'kysely';
import type { Database } from './schema.js';

/** What differs between SQLite and PostgreSQL; the queries themselves are shared. */
export interface Backend {
  readonly dialect: 'sqlite' | 'postgres';
  readonly db: Kysely<Database>;
  /** The database clock, `afterMs` ahead, as ISO 8601 UTC text with milliseconds. */
  clock(afterMs?: number): RawBuilder<string>;
  /** The database clock when the expression is evaluated, after any lock its statement waited for. */
  clockNow(): RawBuilder<string>;
  /**
   * Runs `work` in one write transaction whose locks last to its end: PostgreSQL (rows locked with `FOR UPDATE`,
   * re-run on serialization failures and deadlocks), SQLite `BEGIN IMMEDIATE` (the whole database).
   * `work` must use the handle it is given, never `db`.
   */
  writeTransaction<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  /**
   * `writeTransaction` for short writes that may share their commit with concurrent ones (group commit, see
   * `group-commit.ts`): resolves once the write is durable; a write that throws is rolled back alone. SQLite groups
   * them (one writer, one fsync per group); PostgreSQL runs each in its own transaction, since it already flushes the
   * WAL of concurrent commits together, and rows of several transactions locked in one would invite deadlocks between
   * instances.
   */
  groupWrite<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  /** Whether rows are locked with `SELECT … FOR UPDATE` inside `writeTransaction`. */
  readonly rowLocks: boolean;
  migrate(): Promise<void>;
  /** Whether an error means the database could not be reached or did not answer in time. */
  isUnavailable(error: unknown): boolean;
  close(): Promise<void>;
}

/** The longest wait a schedule may ask for (a year), so no clock arithmetic overflows. */
const MAX_DELAY_MS = 366 * 24 * 60 * 60 * 1000;

export function checkDelay(name: string, ms: number): number {
  if (!Number.isSafeInteger(ms) || ms < 0 || ms > MAX_DELAY_MS) {
    throw new RangeError(
      `${name} must be a whole number of milliseconds from 0 to ${MAX_DELAY_MS} (got ${ms})`,
    );
  }
  return ms;
}
