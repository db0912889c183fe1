import { type Kysely, type Migration, sql } from 'kysely';
import { refuseUpdates } from './0001-initial.js';

/**
 * The transaction event log (issue 16), a transactional outbox: one row per recorded status of a transaction or bill
 * payment, written in the same write transaction as the change, numbered per tenant from 1 with no gaps.
 * - `transaction_event_counters` holds each tenant's last number. A writer increments its tenant's row as the last
 *   step of its transaction and keeps that row locked until it commits, so numbers are taken one writer at a time, in
 *   commit order, and one rolled back returns its number with it (see `store/change-log.ts`). A global sequence would
 *   not do: on PostgreSQL transactions commit out of id order, and a reader past id 5 would skip a 4 committed later.
 * - `transaction_events` is append-only (a trigger refuses updates). It has no foreign key: a log entry outlives
 *   whatever it names, and a tenant's feed reads by (tenant, seq) alone.
 *
 * The past is backfilled: each transaction's creation (PENDING at `created_at`) and its status history, numbered per
 * tenant in time order. Those rows were committed before this migration, so their order is the clock's, not a
 * commit order; every later row is numbered as it commits.
 */
export function transactionEvents(dialect: 'sqlite' | 'postgres'): Migration {
  const integer = dialect === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('transaction_event_counters')
        .addColumn('tenant_id', 'text', (c) => c.primaryKey())
        .addColumn('last_seq', integer, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('transaction_events')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('seq', integer, (c) => c.notNull().check(sql`seq > 0`))
        .addColumn('transaction_id', 'text', (c) => c.notNull())
        .addColumn('api', 'text', (c) => c.notNull().check(sql`api in ('DVS', 'GS')`))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('status_class', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('transaction_events_pk', ['tenant_id', 'seq'])
        .execute();
      await refuseUpdates(db, dialect, 'transaction_events');

      await sql`
        insert into transaction_events (tenant_id, seq, transaction_id, api, status, status_class, source, at)
        select tenant_id,
               row_number() over (partition by tenant_id order by at, transaction_id, step),
               transaction_id, api, status, status_class, source, at
        from (
          select id as transaction_id, tenant_id, api, 'PENDING' as status, 'PENDING' as status_class,
                 'create' as source, created_at as at, 0 as step
          from transactions
          union all
          select h.transaction_id, t.tenant_id, t.api, h.status, h.status_class, h.source, h.at, h.seq
          from transaction_status_history h join transactions t on t.id = h.transaction_id
        ) as past`.execute(db);
      await sql`
        insert into transaction_event_counters (tenant_id, last_seq)
        select tenant_id, max(seq) from transaction_events group by tenant_id`.execute(db);
    },
  };
}
