import { randomUUID } from 'node:crypto';
import type { Backend } from './backend.js';
import { toCount, toPinReadRecord } from './rows.js';
import { checkPage } from './transaction-filter.js';
import type { Store } from './types.js';

type PinReadQueries = Pick<Store, 'recordPinRead' | 'listPinReads'>;

export function pinReadQueries({ db, clock }: Backend): PinReadQueries {
  return {
    async recordPinRead(input) {
      const row = await db
        .insertInto('pin_reads')
        .values({
          id: randomUUID(),
          transaction_id: input.transactionId,
          tenant_id: input.tenantId,
          api_key_id: input.apiKeyId,
          read_at: clock(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toPinReadRecord(row);
    },

    async listPinReads(filter, page) {
      checkPage(page);
      let matching = db.selectFrom('pin_reads');
      if (filter.transactionId !== undefined)
        matching = matching.where('transaction_id', '=', filter.transactionId);
      const [rows, count] = await Promise.all([
        matching
          .selectAll()
          .orderBy('read_at', 'desc')
          .orderBy('id', 'desc')
          .offset(page.offset)
          .limit(page.limit)
          .execute(),
        matching.select((eb) => eb.fn.countAll<string | number>().as('total')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toPinReadRecord), total: toCount(count.total) };
    },
  };
}
