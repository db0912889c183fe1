import { type Kysely, type QueryCreator, sql } from 'kysely';
import type { Backend } from './backend.js';
import type { Database } from './schema.js';
import type { StatusChange, TransactionEvent } from './types.js';

/**
 * What a recorded status writes besides the transaction row, inside the same write transaction: the transaction's
 * own history, and its tenant's event log (the outbox the `transactionEvents` feed reads).
 */

/** Called with the row locked, so the next `seq` cannot be taken by another writer. */
export async function appendHistory(
  trx: Kysely<Database>,
  id: string,
  change: StatusChange,
  at: string,
): Promise<void> {
  await trx
    .insertInto('transaction_status_history')
    .values({
      transaction_id: id,
      seq: sql<number>`(select coalesce(max(seq), 0) + 1 from transaction_status_history where transaction_id = ${id})`,
      status: change.status,
      status_class: change.statusClass,
      source: change.source,
      at,
    })
    .execute();
}

/** An event as its writer gives it: the number and the time are the database's. */
export type RecordedStatus = Omit<TransactionEvent, 'seq' | 'at'>;

/**
 * Appends the tenant's next event. Call it as the LAST write of the transaction: incrementing the tenant's counter row
 * locks that row until commit (PostgreSQL; SQLite's `BEGIN IMMEDIATE` already holds the whole database), so of two
 * writers of one tenant the second takes its number only after the first committed or rolled back. Hence numbers are
 * taken in commit order, a rollback gives its number back (no gap), and a reader never sees n + 1 before n. Taken last,
 * the lock is held for one statement and the commit, and is never held while waiting for any other lock (no deadlock:
 * every other lock of the write comes before it). On PostgreSQL the number and the event are one statement: each
 * round trip between taking the lock and the commit would keep every other writer of the tenant waiting.
 */
export async function appendEvent(
  trx: Kysely<Database>,
  { dialect, clockNow }: Pick<Backend, 'dialect' | 'clockNow'>,
  event: RecordedStatus,
): Promise<void> {
  const nextSeq = (db: QueryCreator<Database>) =>
    db
      .insertInto('transaction_event_counters')
      .values({ tenant_id: event.tenantId, last_seq: 1 })
      .onConflict((oc) =>
        oc.column('tenant_id').doUpdateSet({ last_seq: sql`transaction_event_counters.last_seq + 1` }),
      )
      .returning('last_seq');
  const row = {
    tenant_id: event.tenantId,
    transaction_id: event.transactionId,
    api: event.api,
    status: event.status,
    status_class: event.statusClass,
    source: event.source,
  };
  if (dialect === 'postgres') {
    await trx
      .with('counter', nextSeq)
      .insertInto('transaction_events')
      .columns(['tenant_id', 'seq', 'transaction_id', 'api', 'status', 'status_class', 'source', 'at'])
      .expression((eb) =>
        eb.selectFrom('counter').select([
          eb.val(row.tenant_id).as('tenant_id'),
          'counter.last_seq as seq',
          eb.val(row.transaction_id).as('transaction_id'),
          eb.val(row.api).as('api'),
          eb.val(row.status).as('status'),
          eb.val(row.status_class).as('status_class'),
          eb.val(row.source).as('source'),
          // Read once the counter's row is granted, so it is never earlier than the event before it.
          clockNow().as('at'),
        ]),
      )
      .execute();
    return;
  }
  const { last_seq: seq } = await nextSeq(trx).executeTakeFirstOrThrow();
  await trx
    .insertInto('transaction_events')
    .values({ ...row, seq, at: clockNow() })
    .execute();
}
