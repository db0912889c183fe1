import { type Kysely, sql } from 'kysely';
import type { Backend } from './backend.js';
import type { Database } from './schema.js';
import type { SpendCapRecord, Store } from './types.js';

type SpendQueries = Pick<Store, 'setSpendCap' | 'listSpendCaps' | 'clearSpendCap' | 'spentToday'>;

/** Status classes that spend nothing: the money never moved, or came back. */
export const NOT_SPENT = ['REJECTED', 'CANCELLED', 'DECLINED', 'REVERSED'] as const;

export const toMicros = (value: string | number | bigint | null | undefined): bigint =>
  value === null || value === undefined ? 0n : BigInt(String(value));

/** The database clock's UTC day (`YYYY-MM-DD`). */
export async function today(db: Kysely<Database>, clock: Backend['clock']): Promise<string> {
  const { now } = await db.selectNoFrom(clock().as('now')).executeTakeFirstOrThrow();
  return now.slice(0, 10);
}

/** The tenant's spend on `day` in `unit`, in millionths, on the handle given (inside a transaction, or not). */
export async function spentOn(
  db: Kysely<Database>,
  tenantId: string,
  unit: string,
  day: string,
): Promise<bigint> {
  const row = await db
    .selectFrom('transactions')
    .select(sql<string | number | null>`sum(spend_micros)`.as('spent'))
    .where('tenant_id', '=', tenantId)
    .where('spend_day', '=', day)
    .where('spend_unit', '=', unit)
    .where('phase', '!=', 'FAILED')
    .where('status_class', 'not in', [...NOT_SPENT])
    .executeTakeFirst();
  return toMicros(row?.spent);
}

export async function capOf(
  db: Kysely<Database>,
  tenantId: string,
  unit: string,
): Promise<bigint | undefined> {
  const row = await db
    .selectFrom('spend_caps')
    .select('daily_micros')
    .where('tenant_id', '=', tenantId)
    .where('unit', '=', unit)
    .executeTakeFirst();
  return row ? toMicros(row.daily_micros) : undefined;
}

const toRecord = (row: {
  tenant_id: string;
  unit: string;
  daily: string;
  updated_at: string;
}): SpendCapRecord => ({
  tenantId: row.tenant_id,
  unit: row.unit,
  daily: row.daily,
  updatedAt: row.updated_at,
});

export function spendQueries({ db, clock }: Backend): SpendQueries {
  return {
    async setSpendCap({ tenantId, unit, daily, dailyMicros }) {
      const row = await db
        .insertInto('spend_caps')
        .values({
          tenant_id: tenantId,
          unit,
          daily,
          daily_micros: dailyMicros.toString(),
          updated_at: clock(),
        })
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'unit']).doUpdateSet({
            daily,
            daily_micros: dailyMicros.toString(),
            updated_at: clock(),
          }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRecord(row);
    },
    async listSpendCaps(tenantId) {
      let query = db.selectFrom('spend_caps').selectAll().orderBy('tenant_id').orderBy('unit');
      if (tenantId !== undefined) query = query.where('tenant_id', '=', tenantId);
      return (await query.execute()).map(toRecord);
    },
    async clearSpendCap(tenantId, unit) {
      const result = await db
        .deleteFrom('spend_caps')
        .where('tenant_id', '=', tenantId)
        .where('unit', '=', unit)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async spentToday(tenantId, unit) {
      return spentOn(db, tenantId, unit, await today(db, clock));
    },
  };
}
