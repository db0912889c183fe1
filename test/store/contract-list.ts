import { describe, expect, it } from 'vitest';
import type { Store, TransactionRecord } from '../../src/store/types.js';
import { type ContractContext, newIntent } from './fixture.js';

/** Inserts one at a time, so creation order is the order of the returned array. */
async function insertSeries(store: Store, count: number, tenantId = 'acme'): Promise<TransactionRecord[]> {
  const records: TransactionRecord[] = [];
  for (let i = 0; i < count; i++) {
    records.push((await store.insertIntent(newIntent({ tenantId, productId: 100 + (i % 3) }))).record);
  }
  return records;
}

const newestFirst = (records: TransactionRecord[]) =>
  [...records].sort((a, b) =>
    a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1,
  );

export function describeListContract(ctx: () => ContractContext): void {
  describe('listTransactions', () => {
    it("lists the tenant's own transactions only, newest first, with the total", async () => {
      const { store } = ctx();
      const mine = await insertSeries(store, 4, 'acme');
      await insertSeries(store, 3, 'globex');
      const page = await store.listTransactions({ tenantId: 'acme' }, { offset: 0, limit: 50 });
      expect(page.total).toBe(4);
      expect(page.items).toEqual(newestFirst(mine));
      expect(await store.listTransactions({ tenantId: 'initech' }, { offset: 0, limit: 50 })).toEqual({
        items: [],
        total: 0,
      });
    });

    it('pages through a list without gaps or repeats, counting every match on each page', async () => {
      const { store } = ctx();
      const all = newestFirst(await insertSeries(store, 7));
      const pages = [];
      for (let offset = 0; offset < 9; offset += 3) {
        pages.push(await store.listTransactions({ tenantId: 'acme' }, { offset, limit: 3 }));
      }
      expect(pages.map((p) => p.items.length)).toEqual([3, 3, 1]);
      expect(pages.every((p) => p.total === 7)).toBe(true);
      expect(pages.flatMap((p) => p.items)).toEqual(all);
      expect(await store.listTransactions({ tenantId: 'acme' }, { offset: 7, limit: 3 })).toEqual({
        items: [],
        total: 7,
      });
    });

    it('filters by API, status class and product', async () => {
      const { store } = ctx();
      const dvs = (await store.insertIntent(newIntent({ api: 'DVS', productId: 1 }))).record;
      const gs = (await store.insertIntent(newIntent({ api: 'GS', productId: 2 }))).record;
      const confirmed = (await store.insertIntent(newIntent({ api: 'DVS', productId: 2 }))).record;
      await store.applyStatus(
        confirmed.id,
        { status: 'CONFIRMED', statusClass: 'CONFIRMED', source: 'confirm' },
        () => true,
      );
      const ids = async (filter: Parameters<Store['listTransactions']>[0]) =>
        (await store.listTransactions(filter, { offset: 0, limit: 10 })).items.map((r) => r.id).sort();
      expect(await ids({ tenantId: 'acme', api: 'GS' })).toEqual([gs.id]);
      expect(await ids({ tenantId: 'acme', statusClass: 'CONFIRMED' })).toEqual([confirmed.id]);
      expect(await ids({ tenantId: 'acme', statusClass: 'PENDING' })).toEqual([dvs.id, gs.id].sort());
      expect(await ids({ tenantId: 'acme', productId: 2 })).toEqual([gs.id, confirmed.id].sort());
      expect(await ids({ tenantId: 'acme', api: 'DVS', productId: 2, statusClass: 'CONFIRMED' })).toEqual([
        confirmed.id,
      ]);
      expect(await ids({ tenantId: 'globex', api: 'GS' })).toEqual([]);
    });

    it('filters strictly after and strictly before an instant, in any zone offset', async () => {
      const { store } = ctx();
      const all = await insertSeries(store, 6);
      const pivot = all[3]!.createdAt;
      const list = async (filter: { createdAfter?: string; createdBefore?: string }) =>
        (await store.listTransactions({ tenantId: 'acme', ...filter }, { offset: 0, limit: 10 })).items;
      expect(await list({ createdAfter: pivot })).toEqual(
        newestFirst(all.filter((r) => r.createdAt > pivot)),
      );
      expect(await list({ createdBefore: pivot })).toEqual(
        newestFirst(all.filter((r) => r.createdAt < pivot)),
      );
      const sameInstantInTokyo = new Date(Date.parse(pivot) + 9 * 3600_000)
        .toISOString()
        .replace('Z', '+09:00');
      expect(await list({ createdAfter: sameInstantInTokyo })).toEqual(await list({ createdAfter: pivot }));
      const [first, last] = [all[0]!.createdAt, all[5]!.createdAt];
      expect(await list({ createdAfter: first, createdBefore: last })).toEqual(
        newestFirst(all.filter((r) => r.createdAt > first && r.createdAt < last)),
      );
    });

    it('rejects a negative offset, an oversized limit and an instant without a zone', async () => {
      const { store } = ctx();
      await expect(store.listTransactions({ tenantId: 'acme' }, { offset: -1, limit: 10 })).rejects.toThrow(
        RangeError,
      );
      await expect(
        store.listTransactions({ tenantId: 'acme' }, { offset: 0, limit: 100_000 }),
      ).rejects.toThrow(RangeError);
      await expect(
        store.listTransactions(
          { tenantId: 'acme', createdAfter: '2024-05-01T12:00:00' },
          { offset: 0, limit: 10 },
        ),
      ).rejects.toThrow(/ISO 8601 instant with a zone/);
    });
  });
}
