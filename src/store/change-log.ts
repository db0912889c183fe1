import { type Kysely, type QueryCreator, sql } from 'kysely';
import type { Backend } from './backend.js';
import { prepared } from './prepared.js';
import type { Database } from './schema.js';
import type { StatusChange, TransactionEvent } from './types.js';

/**
 * What a recorded status writes besides the transaction row, inside the same write transaction: the transaction's
 * own history, and its tenant's event log (the outbox the `transactionEvents` feed reads).
 */

const insertHistory = prepared<
  { id: string; status: string; statusClass: string; source: string; at: string },
  never
>((db, p) =>
  db.insertInto('transaction_status_history').values({
    transaction_id: p('id'),
    seq: sql<number>`(select coalesce(max(seq), 0) + 1 from transaction_status_history where transaction_id = ${p('id')})`,
    status: p('status'),
    status_class: p('statusClass'),
    source: p('source'),
    at: p('at'),
  }),
);

/** Called with the row locked, so the next `seq` cannot be taken by another writer. */
export async function appendHistory(
  trx: Kysely<Database>,
  backend: Pick<Backend, 'dialect' | 'clock' | 'clockNow'>,
  id: string,
  change: StatusChange,
  at: string,
): Promise<void> {
  const { status, statusClass, source } = change;
  await insertHistory(trx, backend, { id, status, statusClass, source, at });
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
  backend: Pick<Backend, 'dialect' | 'clock' | 'clockNow'>,
  event: RecordedStatus,
): Promise<void> {
  const row = {
    tenantId: event.tenantId,
    transactionId: event.transactionId,
    api: event.api,
    status: event.status,
    statusClass: event.statusClass,
    source: event.source,
  };
  if (backend.dialect === 'postgres') {
    await insertNumberedEvent(trx, backend, row);
    return;
  }
  const [counter] = await takeNumber(trx, backend, { tenantId: event.tenantId });
  if (!counter) throw new Error('the event counter answered no number');
  await insertEvent(trx, backend, { ...row, seq: counter.last_seq });
}

type EventRow = Omit<RecordedStatus, 'seq'>;

const nextSeq = (db: QueryCreator<Database>, tenantId: string) =>
  db
    .insertInto('transaction_event_counters')
    .values({ tenant_id: tenantId, last_seq: 1 })
    .onConflict((oc) =>
      oc.column('tenant_id').doUpdateSet({ last_seq: sql`transaction_event_counters.last_seq + 1` }),
    )
    .returning('last_seq');

const takeNumber = prepared<{ tenantId: string }, { last_seq: number }>((db, p) =>
  nextSeq(db, p('tenantId')),
);

const insertEvent = prepared<EventRow & { seq: number }, never>((db, p, { clockNow }) =>
  db.insertInto('transaction_events').values({
    tenant_id: p('tenantId'),
    transaction_id: p('transactionId'),
    api: p('api'),
    status: p('status'),
    status_class: p('statusClass'),
    source: p('source'),
    seq: p('seq'),
    at: clockNow(),
  }),
);

/** PostgreSQL: the number and the event in one statement. */
const insertNumberedEvent = prepared<EventRow, never>((db, p, { clockNow }) =>
  db
    .with('counter', (qc) => nextSeq(qc, p('tenantId')))
    .insertInto('transaction_events')
    .columns(['tenant_id', 'seq', 'transaction_id', 'api', 'status', 'status_class', 'source', 'at'])
    .expression((eb) =>
      eb.selectFrom('counter').select([
        eb.val(p('tenantId')).as('tenant_id'),
        'counter.last_seq as seq',
        eb.val(p('transactionId')).as('transaction_id'),
        eb.val(p('api')).as('api'),
        eb.val(p('status')).as('status'),
        eb.val(p('statusClass')).as('status_class'),
        eb.val(p('source')).as('source'),
        // Read once the counter's row is granted, so it is never earlier than the event before it.
        clockNow().as('at'),
      ]),
    ),
);
