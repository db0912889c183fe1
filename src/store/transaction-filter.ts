import type { Kysely, SelectQueryBuilder } from 'kysely';
import { toStoredInstant } from './instants.js';
import type { Database } from './schema.js';
import type { TransactionFilter } from './types.js';

export const MAX_PAGE_SIZE = 1_000;

/** A tenant's transactions narrowed by a filter (the listing's WHERE clause). */
export function filtered(
  db: Kysely<Database>,
  filter: TransactionFilter,
): SelectQueryBuilder<Database, 'transactions', object> {
  let query = db.selectFrom('transactions').where('tenant_id', '=', filter.tenantId);
  if (filter.api !== undefined) query = query.where('api', '=', filter.api);
  if (filter.statusClass !== undefined) query = query.where('status_class', '=', filter.statusClass);
  if (filter.productId !== undefined) query = query.where('product_id', '=', filter.productId);
  if (filter.createdAfter !== undefined) {
    query = query.where('created_at', '>', toStoredInstant('createdAfter', filter.createdAfter));
  }
  if (filter.createdBefore !== undefined) {
    query = query.where('created_at', '<', toStoredInstant('createdBefore', filter.createdBefore));
  }
  return query;
}

export function checkPage(page: { offset: number; limit: number }): void {
  if (!Number.isSafeInteger(page.offset) || page.offset < 0) {
    throw new RangeError(`offset must be a whole number ≥ 0 (got ${page.offset})`);
  }
  if (!Number.isSafeInteger(page.limit) || page.limit < 0 || page.limit > MAX_PAGE_SIZE) {
    throw new RangeError(`limit must be a whole number from 0 to ${MAX_PAGE_SIZE} (got ${page.limit})`);
  }
}
