import { describe, expect, it } from 'vitest';
import { migrateRawTo, type RawFixture, row } from './contract-migrations.js';

const transaction = (id: string, tenantId: string, api: string, createdAt: string) =>
  row(id, null, { tenant_id: tenantId, api, created_at: createdAt, updated_at: createdAt });

const history = (transactionId: string, seq: number, statusClass: string, at: string) => ({
  transaction_id: transactionId,
  seq,
  status: statusClass,
  status_class: statusClass,
  source: 'callback',
  at,
});

/** Rows written before migration 0004 become each tenant's first events, in time order, and numbering goes on. */
export function describeEventsMigration(name: string, makeRaw: () => Promise<RawFixture>): void {
  describe(`${name} migration 0004-transaction-events`, () => {
    it("backfills every creation and recorded status as each tenant's events, and new ones follow", async () => {
      const raw = await makeRaw();
      try {
        await migrateRawTo(raw, '0003-spend-caps');
        await raw.db
          .insertInto('transactions')
          .values([
            transaction('tx-b', 'acme', 'GS', '2024-05-01T12:00:01.000Z'),
            transaction('tx-a', 'acme', 'DVS', '2024-05-01T12:00:00.000Z'),
            transaction('tx-g', 'globex', 'DVS', '2024-05-01T12:00:00.500Z'),
          ])
          .execute();
        await raw.db
          .insertInto('transaction_status_history')
          .values([
            history('tx-a', 1, 'CREATED', '2024-05-01T12:00:00.000Z'),
            history('tx-a', 2, 'COMPLETED', '2024-05-01T12:00:02.000Z'),
            history('tx-b', 1, 'COMPLETED', '2024-05-01T12:00:01.500Z'),
          ])
          .execute();

        const store = await raw.open();
        try {
          await store.migrate();
          const events = await store.listEvents('acme', { limit: 100 });
          expect(events.map((e) => [Number(e.seq), e.transactionId, e.api, e.statusClass, e.at])).toEqual([
            [1, 'tx-a', 'DVS', 'PENDING', '2024-05-01T12:00:00.000Z'],
            [2, 'tx-a', 'DVS', 'CREATED', '2024-05-01T12:00:00.000Z'],
            [3, 'tx-b', 'GS', 'PENDING', '2024-05-01T12:00:01.000Z'],
            [4, 'tx-b', 'GS', 'COMPLETED', '2024-05-01T12:00:01.500Z'],
            [5, 'tx-a', 'DVS', 'COMPLETED', '2024-05-01T12:00:02.000Z'],
          ]);
          expect((await store.listEvents('globex', { limit: 100 })).map((e) => Number(e.seq))).toEqual([1]);
          await store.applyStatus(
            'tx-a',
            { status: 'REVERSED', statusClass: 'REVERSED', source: 'poll' },
            () => true,
          );
          const next = await store.listEvents('acme', { after: 5n, limit: 100 });
          expect(next.map((e) => [Number(e.seq), e.statusClass, e.source])).toEqual([
            [6, 'REVERSED', 'poll'],
          ]);
        } finally {
          await store.close();
        }
      } finally {
        await raw.dispose();
      }
    });
  });
}
