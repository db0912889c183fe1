import type { Kysely, Migration } from 'kysely';

/**
 * Spend caps per tenant (issue 12): `spend_caps` holds each tenant's daily cap per currency, and every transaction
 * records what it spends: its currency, its amount in millionths (an integer, so sums are exact on both databases)
 * and its UTC day. Rows from before this migration spend nothing: they were never checked against a cap.
 */
export function spendCaps(dialect: 'sqlite' | 'postgres'): Migration {
  const integer = dialect === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('spend_caps')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('daily', 'text', (c) => c.notNull())
        .addColumn('daily_micros', integer, (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('spend_caps_pk', ['tenant_id', 'unit'])
        .execute();
      await db.schema.alterTable('transactions').addColumn('spend_unit', 'text').execute();
      await db.schema.alterTable('transactions').addColumn('spend_micros', integer).execute();
      await db.schema.alterTable('transactions').addColumn('spend_day', 'text').execute();
      await db.schema
        .createIndex('transactions_spend_idx')
        .on('transactions')
        .columns(['tenant_id', 'spend_day', 'spend_unit'])
        .execute();
    },
  };
}
