import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Transactions, their status history and API keys. Portable types only (TEXT, INTEGER); timestamps are ISO 8601
 * UTC text written from the database clock. Unique constraints carry idempotency: (tenant, api, key) and
 * external_id. The history is append-only, enforced by a trigger that refuses updates.
 */
export function initial(dialect: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('transactions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('api', 'text', (c) => c.notNull().check(sql`api in ('DVS', 'GS')`))
        .addColumn('idempotency_key', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('external_id', 'text', (c) => c.notNull())
        .addColumn('upstream_id', 'text')
        .addColumn('product_id', 'integer', (c) => c.notNull())
        .addColumn('product_snapshot', 'text', (c) => c.notNull())
        .addColumn('request', 'text', (c) => c.notNull())
        .addColumn('upstream', 'text')
        .addColumn('phase', 'text', (c) =>
          c.notNull().check(sql`phase in ('INTENT', 'SENT', 'OUTCOME_UNKNOWN', 'FAILED')`),
        )
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('status_class', 'text', (c) => c.notNull())
        .addColumn('error_code', 'text')
        .addColumn('callback_token_hash', 'text', (c) => c.notNull())
        .addColumn('needs_review', 'integer', (c) =>
          c.notNull().defaultTo(0).check(sql`needs_review in (0, 1)`),
        )
        .addColumn('next_poll_at', 'text')
        .addColumn('poll_attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('transactions_idempotency_key_unique', ['tenant_id', 'api', 'idempotency_key'])
        .addUniqueConstraint('transactions_external_id_unique', ['external_id'])
        .execute();
      await db.schema
        .createIndex('transactions_tenant_created_idx')
        .on('transactions')
        .columns(['tenant_id', 'created_at'])
        .execute();
      // Only rows still to poll (not final) are in this index: the reconciler's scan stays small.
      await db.schema
        .createIndex('transactions_next_poll_idx')
        .on('transactions')
        .column('next_poll_at')
        .where(sql.ref('next_poll_at'), 'is not', null)
        .execute();

      await db.schema
        .createTable('transaction_status_history')
        .addColumn('transaction_id', 'text', (c) =>
          c.notNull().references('transactions.id').onDelete('cascade'),
        )
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('status_class', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('transaction_status_history_pk', ['transaction_id', 'seq'])
        .execute();
      await refuseUpdates(db, dialect, 'transaction_status_history');

      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('scopes', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addUniqueConstraint('api_keys_hash_unique', ['hash'])
        .execute();
      await db.schema.createIndex('api_keys_tenant_idx').on('api_keys').column('tenant_id').execute();
    },
  };
}

/** A trigger that refuses every UPDATE of `table` (rows of an append-only log are written once). */
export async function refuseUpdates(
  db: Kysely<unknown>,
  dialect: 'sqlite' | 'postgres',
  table: string,
): Promise<void> {
  const trigger = sql.id(`${table}_append_only`);
  const message = sql.lit(`${table} is append-only`);
  if (dialect === 'sqlite') {
    await sql`create trigger ${trigger} before update on ${sql.table(table)}
      begin select raise(abort, ${message}); end`.execute(db);
    return;
  }
  await sql`create function ${trigger}() returns trigger language plpgsql as $$
      begin raise exception ${message}; end $$`.execute(db);
  await sql`create trigger ${trigger} before update on ${sql.table(table)}
      for each row execute function ${trigger}()`.execute(db);
}
