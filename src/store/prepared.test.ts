import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Backend } from './backend.js';
import { prepared } from './prepared.js';
import type { Database } from './schema.js';

const sqlite: Pick<Backend, 'dialect' | 'clock' | 'clockNow'> = {
  dialect: 'sqlite',
  clock: () => sql<string>`'clock'`,
  clockNow: () => sql<string>`'now'`,
};

function open() {
  const database = new BetterSqlite3(':memory:');
  database.exec(
    "create table transaction_accounts (transaction_id text primary key, account text not null); insert into transaction_accounts values ('t1', 'a1'), ('t2', 'a2'), ('t3', 'a2')",
  );
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}

describe('prepared statements', () => {
  it('build once per dialect, then bind each call its own values and keep the builder constants', async () => {
    const db = open();
    let builds = 0;
    const accounts = prepared<{ account: string; other: string }, { transaction_id: string }>((handle, p) => {
      builds += 1;
      return handle
        .selectFrom('transaction_accounts')
        .select('transaction_id')
        .where((eb) => eb.or([eb('account', '=', p('account')), eb('account', '=', p('other'))]))
        .where('transaction_id', '!=', 't3')
        .orderBy('transaction_id');
    });
    try {
      expect(await accounts(db, sqlite, { account: 'a1', other: 'none' })).toEqual([
        { transaction_id: 't1' },
      ]);
      expect(await accounts(db, sqlite, { account: 'none', other: 'a2' })).toEqual([
        { transaction_id: 't2' },
      ]);
      expect(await accounts(db, sqlite, { account: 'a2', other: 'a1' })).toEqual([
        { transaction_id: 't1' },
        { transaction_id: 't2' },
      ]);
      expect(builds).toBe(1);
      // Inside a transaction's handle too, with the same compiled statement.
      await db.transaction().execute(async (trx) => {
        expect(await accounts(trx, sqlite, { account: 'a2', other: 'a2' })).toEqual([
          { transaction_id: 't2' },
        ]);
      });
      expect(builds).toBe(1);
    } finally {
      await db.destroy();
    }
  });

  it('refuses a builder that writes a value into the SQL text, where it could not be bound', async () => {
    const db = open();
    const inlined = prepared<{ id: string }, { account: string }>((handle, p) =>
      handle
        .selectFrom('transaction_accounts')
        .select('account')
        .where('transaction_id', '=', sql.lit(p('id'))),
    );
    try {
      await expect(inlined(db, sqlite, { id: 't1' })).rejects.toThrow(/put a parameter into its SQL text/);
    } finally {
      await db.destroy();
    }
  });
});
