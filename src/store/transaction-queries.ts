import { type Kysely, type Selectable, sql } from 'kysely';
import { type Backend, checkDelay } from './backend.js';
import { appendEvent, appendHistory } from './change-log.js';
import { prepared } from './prepared.js';
import { toCount, toHistoryEntry, toPhase, toTransactionRecord } from './rows.js';
import type { Database, StatusHistoryTable, TransactionsTable } from './schema.js';
import { capOf, spentOn, today, toMicros } from './spend-queries.js';
import { updateStatus } from './status-update.js';
import { checkPage, filtered } from './transaction-filter.js';
import type { NewTransaction, StatusChange, Store, TransactionRecord } from './types.js';

/** See `NewTransaction.pollAfterMs`. */
export const DEFAULT_FIRST_POLL_AFTER_MS = 2 * 60 * 1000;

/** The statements every callback and every subscriber's wake-up runs. */
const transactionOfTenant = prepared<{ id: string; tenantId: string }, Selectable<TransactionsTable>>(
  (db, p) =>
    db
      .selectFrom('transactions')
      .selectAll()
      .where('id', '=', p('id'))
      .where('tenant_id', '=', p('tenantId')),
);
const transactionById = prepared<{ id: string }, Selectable<TransactionsTable>>((db, p) =>
  db.selectFrom('transactions').selectAll().where('id', '=', p('id')),
);
const lockedTransactionById = prepared<{ id: string }, Selectable<TransactionsTable>>((db, p) =>
  db.selectFrom('transactions').selectAll().where('id', '=', p('id')).forUpdate(),
);
const historyOf = prepared<{ id: string }, Selectable<StatusHistoryTable>>((db, p) =>
  db
    .selectFrom('transaction_status_history')
    .selectAll()
    .where('transaction_id', '=', p('id'))
    .orderBy('seq'),
);

type TransactionQueries = Pick<
  Store,
  | 'insertIntent'
  | 'insertIntentWithinCap'
  | 'reclaimFailedIntent'
  | 'getTransaction'
  | 'getTransactionById'
  | 'getByIdempotencyKey'
  | 'listTransactions'
  | 'applyStatus'
  | 'history'
>;

export function transactionQueries(backend: Backend): TransactionQueries {
  const { db, clock, rowLocks, writeTransaction, groupWrite, dialect } = backend;
  const byIdempotencyKey = (tenantId: string, api: string, key: string, handle: Kysely<Database> = db) =>
    handle
      .selectFrom('transactions')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('api', '=', api)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();

  /** The insert of `insertIntent`, in the write transaction `handle`, with what it spends when known. */
  async function insertOn(
    handle: Kysely<Database>,
    input: NewTransaction,
    spend?: { unit: string; micros: bigint; day: string },
  ) {
    const firstPoll = clock(checkDelay('pollAfterMs', input.pollAfterMs ?? DEFAULT_FIRST_POLL_AFTER_MS));
    const now = clock();
    // Atomic across processes: the unique constraint decides, then whoever lost reads the winner's row.
    const inserted = await handle
      .insertInto('transactions')
      .values({
        id: input.id,
        tenant_id: input.tenantId,
        api: input.api,
        idempotency_key: input.idempotencyKey,
        fingerprint: input.fingerprint,
        external_id: input.externalId,
        upstream_id: null,
        product_id: input.productId,
        product_snapshot: input.productSnapshot,
        request: input.request,
        upstream: null,
        phase: 'INTENT',
        status: 'PENDING',
        status_class: 'PENDING',
        error_code: null,
        callback_token_hash: input.callbackTokenHash,
        needs_review: 0,
        next_poll_at: firstPoll,
        poll_attempts: 0,
        created_at: now,
        updated_at: now,
        spend_unit: spend?.unit ?? null,
        spend_micros: spend ? spend.micros.toString() : null,
        spend_day: spend?.day ?? null,
      })
      // No arbiter: under a race PostgreSQL may see the duplicate first on the external_id index, and an
      // arbiter naming only (tenant, api, key) would then raise instead of doing nothing.
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) {
      const record = toTransactionRecord(inserted);
      await appendEvent(handle, backend, { ...eventOf(record), source: 'create' });
      return { record, created: true };
    }
    const existing = await byIdempotencyKey(input.tenantId, input.api, input.idempotencyKey, handle);
    if (!existing) throw new Error('The transaction holding this idempotency key vanished while it was read');
    return { record: toTransactionRecord(existing), created: false };
  }

  return {
    insertIntent: (input) => writeTransaction((trx) => insertOn(trx, input)),

    insertIntentWithinCap(input, spend) {
      return writeTransaction(async (trx) => {
        if (dialect === 'postgres') {
          // Every check of one tenant and currency waits here, on every instance, until the one before commits.
          await sql`select pg_advisory_xact_lock(hashtext(${`${input.tenantId}:${spend.unit}`}))`.execute(
            trx,
          );
        }
        const existing = await byIdempotencyKey(input.tenantId, input.api, input.idempotencyKey, trx);
        if (existing) return { record: toTransactionRecord(existing), created: false };
        const day = await today(trx, clock);
        const cap = await capOf(trx, input.tenantId, spend.unit);
        if (cap !== undefined) {
          const spent = await spentOn(trx, input.tenantId, spend.unit, day);
          if (spent + spend.micros > cap) {
            return {
              refused: {
                unit: spend.unit,
                capMicros: cap,
                spentMicros: spent,
                requestedMicros: spend.micros,
              },
            };
          }
        }
        return insertOn(trx, input, { ...spend, day });
      });
    },

    async getTransaction(tenantId, id) {
      const [row] = await transactionOfTenant(db, backend, { id, tenantId });
      return row && toTransactionRecord(row);
    },

    async getTransactionById(id) {
      const [row] = await transactionById(db, backend, { id });
      return row && toTransactionRecord(row);
    },

    async getByIdempotencyKey(tenantId, api, key) {
      const row = await byIdempotencyKey(tenantId, api, key);
      return row && toTransactionRecord(row);
    },

    async listTransactions(filter, page) {
      checkPage(page);
      const matching = filtered(db, filter);
      const [rows, count] = await Promise.all([
        matching
          .selectAll()
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .offset(page.offset)
          .limit(page.limit)
          .execute(),
        matching.select((eb) => eb.fn.countAll<string | number>().as('total')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toTransactionRecord), total: toCount(count.total) };
    },

    reclaimFailedIntent(id, pollAfterMs) {
      const pollAt = clock(checkDelay('pollAfterMs', pollAfterMs));
      return writeTransaction(async (trx) => {
        const peek = await trx
          .selectFrom('transactions')
          .select(['tenant_id', 'spend_unit'])
          .where('id', '=', id)
          .executeTakeFirst();
        if (!peek) return undefined;
        if (dialect === 'postgres' && peek.spend_unit) {
          // The lock insertIntentWithinCap takes, taken first as it does, before the row's.
          await sql`select pg_advisory_xact_lock(hashtext(${`${peek.tenant_id}:${peek.spend_unit}`}))`.execute(
            trx,
          );
        }
        const query = trx.selectFrom('transactions').selectAll().where('id', '=', id);
        const row = await (rowLocks ? query.forUpdate() : query).executeTakeFirstOrThrow();
        if (row.phase !== 'FAILED') return { record: toTransactionRecord(row), changed: false };
        const day = await today(trx, clock);
        if (row.spend_unit && row.spend_micros !== null) {
          const requested = toMicros(row.spend_micros);
          const cap = await capOf(trx, row.tenant_id, row.spend_unit);
          const spent = cap === undefined ? 0n : await spentOn(trx, row.tenant_id, row.spend_unit, day);
          if (cap !== undefined && spent + requested > cap) {
            return {
              refused: {
                unit: row.spend_unit,
                capMicros: cap,
                spentMicros: spent,
                requestedMicros: requested,
              },
            };
          }
        }
        const change = {
          status: 'PENDING',
          statusClass: 'PENDING',
          source: 'create' as const,
          phase: 'INTENT' as const,
          errorCode: null,
        };
        const updated = await trx
          .updateTable('transactions')
          .set({
            status: change.status,
            status_class: change.statusClass,
            phase: change.phase,
            error_code: null,
            next_poll_at: pollAt,
            updated_at: clock(),
            ...(row.spend_unit && { spend_day: day }),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendHistory(trx, backend, id, change, updated.updated_at);
        const record = toTransactionRecord(updated);
        await appendEvent(trx, backend, { ...eventOf(record), source: change.source });
        return { record, changed: true };
      });
    },

    applyStatus(id, change, allowed) {
      return groupWrite(async (trx) => {
        const [row] = await (rowLocks ? lockedTransactionById : transactionById)(trx, backend, { id });
        if (!row) return undefined;
        const current = { status: row.status, statusClass: row.status_class, phase: toPhase(row.phase) };
        if (!allowed(current)) return { record: toTransactionRecord(row), changed: false };
        const updated = await updateStatus(trx, backend, id, change);
        await appendHistory(trx, backend, id, change, updated.updated_at);
        const record = toTransactionRecord(updated);
        await appendEvent(trx, backend, { ...eventOf(record), source: change.source });
        return { record, changed: true };
      });
    },

    async history(transactionId) {
      const rows = await historyOf(db, backend, { id: transactionId });
      return rows.map(toHistoryEntry);
    },
  };
}

/** What the event log says of a record just written (its status as it now stands). */
function eventOf(record: TransactionRecord) {
  const { tenantId, id: transactionId, api, status, statusClass } = record;
  return { tenantId, transactionId, api, status, statusClass };
}
