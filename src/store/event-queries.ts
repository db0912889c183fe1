import type { Backend } from './backend.js';
import { toTransactionEvent } from './rows.js';
import type { Store } from './types.js';

export const MAX_EVENTS = 1_000;
/** PostgreSQL's bigint: a number past it is no cursor of ours. */
const MAX_SEQ = 2n ** 63n - 1n;

/** Reads of the tenant event log that `change-log.ts` appends to. */
export function eventQueries({ db }: Backend): Pick<Store, 'listEvents'> {
  return {
    async listEvents(tenantId, { after, limit }) {
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_EVENTS) {
        throw new RangeError(`limit must be a whole number from 1 to ${MAX_EVENTS} (got ${limit})`);
      }
      const rows = await db
        .selectFrom('transaction_events')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('seq', '>', toSeq(after))
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map(toTransactionEvent);
    },
  };
}

function toSeq(after: bigint | string | undefined): bigint {
  if (after === undefined) return 0n;
  const seq = parseEventSeq(after);
  if (seq === undefined) {
    throw new RangeError(`after must be a sequence number from 0 to ${MAX_SEQ} (got ${String(after)})`);
  }
  return seq;
}

/** A sequence number (0 stands before the first) given as a bigint or as decimal text; undefined if it is none. */
export function parseEventSeq(value: bigint | string): bigint | undefined {
  const seq = typeof value === 'bigint' ? value : /^(0|[1-9]\d{0,18})$/.test(value) ? BigInt(value) : -1n;
  return seq < 0n || seq > MAX_SEQ ? undefined : seq;
}
