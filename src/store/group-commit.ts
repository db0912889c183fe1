import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.js';

/** The most writes one commit carries; the rest go in the next one, which starts as soon as this one ends. */
export const MAX_GROUP = 256;

type Work = (trx: Kysely<Database>) => Promise<unknown>;
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

interface Queued {
  work: Work;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitOptions {
  /**
   * Runs `work` in one write transaction and commits it (one fsync). `beforeBegin` runs once the connection is this
   * transaction's, before it begins.
   */
  transaction: <T>(
    work: (trx: Kysely<Database>) => Promise<T>,
    beforeBegin: () => Promise<void>,
  ) => Promise<T>;
  /**
   * Whether the connection is still inside that transaction: SQLite rolls the whole transaction back by itself on some
   * errors (disk full, I/O), and then no item of the group may be told it was written.
   */
  inTransaction: () => boolean;
}

/**
 * Group commit for a database with one writer (SQLite: one connection, `BEGIN IMMEDIATE`): writes that arrive in the
 * same turn of the event loop, or while a group is being written, share one write transaction and so one commit and
 * one fsync, instead of queueing for a commit each. Each write runs in its own SAVEPOINT, so one that throws is rolled
 * back alone and rejects alone while the others commit; each caller is resolved only once the commit that carries its
 * write returned (it is durable), and every caller of a group whose commit failed is rejected. Writes run in the order
 * they arrived, one at a time, exactly as they would in transactions of their own: same locks, same visibility, and
 * the event log's numbers are still taken in commit order.
 *
 * better-sqlite3 runs a transaction synchronously, so nothing arrives while one is written: the group takes the
 * connection at once (queries asked for later wait behind it, so a loop of reads cannot starve it) and begins on
 * `setImmediate`, once the event loop has handed over every request and upstream answer that is already in.
 */
export function groupCommit({ transaction, inTransaction }: GroupCommitOptions) {
  const queue: Queued[] = [];
  let running = false;

  const schedule = () => {
    if (running || queue.length === 0) return;
    running = true;
    void flush();
  };

  async function writeGroup(trx: Kysely<Database>, group: Queued[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    for (const item of group) {
      await sql`savepoint group_item`.execute(trx);
      try {
        outcomes.push({ ok: true, value: await item.work(trx) });
      } catch (error) {
        if (!inTransaction()) throw error;
        await sql`rollback to group_item`.execute(trx);
        outcomes.push({ ok: false, error });
      }
      await sql`release group_item`.execute(trx);
    }
    return outcomes;
  }

  async function flush(): Promise<void> {
    let group: Queued[] = [];
    try {
      const outcomes = await transaction(
        (trx) => writeGroup(trx, group),
        async () => {
          await new Promise((resolve) => setImmediate(resolve));
          group = queue.splice(0, MAX_GROUP);
        },
      );
      for (const [i, item] of group.entries()) {
        const outcome = outcomes[i]!;
        if (outcome.ok) item.resolve(outcome.value);
        else item.reject(outcome.error);
      }
    } catch (error) {
      // Failed before it took its group (no connection): what is queued would fail alike, and must not wait forever.
      for (const item of group.length > 0 ? group : queue.splice(0)) item.reject(error);
    } finally {
      running = false;
      schedule();
    }
  }

  /** Runs `work` in the next group's write transaction; resolves once that transaction committed. */
  return function write<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      schedule();
    });
  };
}
