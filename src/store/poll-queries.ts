import type { Kysely } from 'kysely';
import { type Backend, checkDelay } from './backend.js';
import { toTransactionRecord } from './rows.js';
import type { Database } from './schema.js';
import type { Store } from './types.js';

export const MAX_CLAIM = 1_000;

export function pollQueries({
  db,
  dialect,
  clock,
  rowLocks,
  writeTransaction,
  groupWrite,
}: Backend): Pick<Store, 'claimDuePolls' | 'recordPoll'> {
  return {
    claimDuePolls(limit, leaseMs) {
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_CLAIM) {
        throw new RangeError(`limit must be a whole number from 1 to ${MAX_CLAIM} (got ${limit})`);
      }
      const leaseUntil = clock(checkDelay('leaseMs', leaseMs));
      return writeTransaction(async (trx) => {
        const due = trx
          .selectFrom('transactions')
          .select('id')
          .where('next_poll_at', 'is not', null)
          .where('next_poll_at', '<=', clock())
          .orderBy('next_poll_at')
          .orderBy('id')
          .limit(limit);
        // SKIP LOCKED: a row another instance is claiming right now is its, not a reason to wait.
        const ids = (await (rowLocks ? due.forUpdate().skipLocked() : due).execute()).map((row) => row.id);
        if (ids.length === 0) return [];
        const rows = await trx
          .updateTable('transactions')
          .set({ next_poll_at: leaseUntil })
          .where('id', 'in', ids)
          .returningAll()
          .execute();
        const order = new Map(ids.map((id, index) => [id, index]));
        return rows.map(toTransactionRecord).sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
      });
    },

    async recordPoll(id, outcome) {
      const next =
        outcome.pollAfterMs === null ? null : clock(checkDelay('pollAfterMs', outcome.pollAfterMs));
      const update = (handle: Kysely<Database>) =>
        handle
          .updateTable('transactions')
          .set((eb) => ({
            poll_attempts: eb('poll_attempts', '+', 1),
            next_poll_at: next,
            ...(outcome.needsReview !== undefined && { needs_review: outcome.needsReview ? 1 : 0 }),
          }))
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst();
      // One statement: PostgreSQL commits it alone, SQLite shares the commit with the writes around it.
      const row = await (dialect === 'postgres' ? update(db) : groupWrite(update));
      return row && toTransactionRecord(row);
    },
  };
}
