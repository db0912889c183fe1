import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Per-tenant DT One accounts (issue 16, part 4).
 * - `tenant_accounts`: a tenant's own key pair for one API (DVS or G&S), both halves sealed with the data key ring
 *   (like PINs), with a fingerprint and the key's last characters to list it by; at most one pair per API.
 * - `transaction_accounts`: the account a transaction was sent with, when it was not the deployment's own (no row),
 *   so that its re-reads, confirm and cancel go to that account whatever the tenant holds later.
 */
export function tenantAccounts(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('tenant_accounts')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('api', 'text', (c) => c.notNull().check(sql`api in ('DVS', 'GS')`))
        .addColumn('api_key', 'text', (c) => c.notNull())
        .addColumn('api_secret', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('key_hint', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('tenant_accounts_pk', ['tenant_id', 'api'])
        .execute();
      await db.schema
        .createTable('transaction_accounts')
        .addColumn('transaction_id', 'text', (c) =>
          c.primaryKey().references('transactions.id').onDelete('cascade'),
        )
        .addColumn('account', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
