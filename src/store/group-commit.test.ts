import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { groupCommit, MAX_GROUP } from './group-commit.js';
import type { Database } from './schema.js';

/** A database with one table `t (v)`, a group commit over it, and how many transactions it committed. */
function open() {
  const database = new BetterSqlite3(':memory:');
  database.exec('create table t (v integer not null check (v >= 0))');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  const counts = { commits: 0 };
  const write = groupCommit({
    transaction: (work, beforeBegin) =>
      db.connection().execute(async (conn) => {
        await beforeBegin();
        await sql`begin immediate`.execute(conn);
        try {
          const result = await work(conn);
          await sql`commit`.execute(conn);
          counts.commits += 1;
          return result;
        } catch (error) {
          if (database.inTransaction) await sql`rollback`.execute(conn);
          throw error;
        }
      }),
    inTransaction: () => database.inTransaction,
  });
  const insert = (v: number) =>
    write((trx) => sql`insert into t (v) values (${v})`.execute(trx).then(() => v));
  const values = () => database.prepare('select v from t order by rowid').pluck().all();
  return { database, db, write, insert, values, counts };
}

let opened: ReturnType<typeof open> | undefined;
afterEach(async () => {
  await opened?.db.destroy();
  opened = undefined;
});

describe('group commit', () => {
  it('commits writes that arrive together in one transaction, in arrival order, each caller answered its own', async () => {
    opened = open();
    const { insert, values, counts } = opened;
    expect(await Promise.all([1, 2, 3, 4, 5].map(insert))).toEqual([1, 2, 3, 4, 5]);
    expect(counts.commits).toBe(1);
    expect(values()).toEqual([1, 2, 3, 4, 5]);
  });

  it('rolls back and rejects only the write that failed; the rest of its group commits', async () => {
    opened = open();
    const { insert, values, counts } = opened;
    const settled = await Promise.allSettled([1, -1, 3].map(insert));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(counts.commits).toBe(1);
    expect(values()).toEqual([1, 3]);
  });

  it('answers a write only after its commit, and carries writes made meanwhile in the next group', async () => {
    opened = open();
    const { insert, values, counts } = opened;
    const first = insert(1);
    const seenBefore: unknown[][] = [];
    const chained = first.then((v) => {
      seenBefore.push(values());
      return Promise.all([insert(v + 1), insert(v + 2)]);
    });
    await chained;
    expect(seenBefore).toEqual([[1]]);
    expect(counts.commits).toBe(2);
    expect(values()).toEqual([1, 2, 3]);
  });

  it('splits a burst larger than one group into several, losing none', async () => {
    opened = open();
    const { insert, values, counts } = opened;
    const burst = Array.from({ length: MAX_GROUP * 2 + 1 }, (_, i) => i);
    await Promise.all(burst.map(insert));
    expect(counts.commits).toBe(3);
    expect(values()).toEqual(burst);
  });

  it('writes a group even while a loop of reads keeps the event loop on promises alone', async () => {
    opened = open();
    const { db, insert } = opened;
    let written = false;
    const writing = insert(1).then(() => {
      written = true;
    });
    let reads = 0;
    while (!written) {
      await sql`select count(*) from t`.execute(db);
      reads += 1;
    }
    await writing;
    expect(reads).toBeGreaterThan(0);
  });

  it('rejects every write of a group whose transaction SQLite rolled back by itself', async () => {
    opened = open();
    const { database, write, insert, values } = opened;
    const rolledBack = write(async (trx) => {
      await sql`insert into t (v) values (7)`.execute(trx);
      // What a disk-full or I/O error does: the whole transaction is gone, not only this write.
      database.exec('rollback');
      throw new Error('disk full');
    });
    const settled = await Promise.allSettled([insert(1), rolledBack, insert(2)]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(values()).toEqual([]);
    expect(await insert(3)).toBe(3);
    expect(values()).toEqual([3]);
  });
});
