import { describe, expect, it } from 'vitest';
import { type ContractContext, ISO_MS_UTC } from './fixture.js';

export function describePinReadContract(ctx: () => ContractContext): void {
  describe('PIN read audit', () => {
    it('records who read which PIN, stamped with the database clock', async () => {
      const { store } = ctx();
      const before = await store.now();
      const read = await store.recordPinRead({ transactionId: 'tx-1', tenantId: 'acme', apiKeyId: 'key-1' });
      expect(read).toEqual({
        id: expect.any(String),
        transactionId: 'tx-1',
        tenantId: 'acme',
        apiKeyId: 'key-1',
        readAt: expect.stringMatching(ISO_MS_UTC),
      });
      expect(read.readAt >= before).toBe(true);
      const keyless = await store.recordPinRead({
        transactionId: 'tx-1',
        tenantId: 'sandbox',
        apiKeyId: null,
      });
      expect(keyless.apiKeyId).toBeNull();
      expect(keyless.id).not.toBe(read.id);
    });

    it('lists every tenant’s reads newest first, by transaction, a page at a time, with the total', async () => {
      const { store } = ctx();
      const reads = [];
      for (const [transactionId, tenantId] of [
        ['tx-a', 'acme'],
        ['tx-b', 'globex'],
        ['tx-a', 'acme'],
        ['tx-c', 'acme'],
      ] as const) {
        reads.push(await store.recordPinRead({ transactionId, tenantId, apiKeyId: `key-${tenantId}` }));
      }
      const newestFirst = [...reads].sort((x, y) =>
        x.readAt === y.readAt ? (x.id < y.id ? 1 : -1) : x.readAt < y.readAt ? 1 : -1,
      );
      const all = await store.listPinReads({}, { offset: 0, limit: 10 });
      expect(all).toEqual({ items: newestFirst, total: 4 });
      const page = await store.listPinReads({}, { offset: 1, limit: 2 });
      expect(page).toEqual({ items: newestFirst.slice(1, 3), total: 4 });
      const ofA = await store.listPinReads({ transactionId: 'tx-a' }, { offset: 0, limit: 10 });
      expect(ofA.total).toBe(2);
      expect(ofA.items.map((r) => r.transactionId)).toEqual(['tx-a', 'tx-a']);
      expect(await store.listPinReads({ transactionId: 'tx-none' }, { offset: 0, limit: 10 })).toEqual({
        items: [],
        total: 0,
      });
      await expect(store.listPinReads({}, { offset: -1, limit: 10 })).rejects.toThrow(RangeError);
    });

    it('shows a read to every instance on the database', async () => {
      const { store } = ctx();
      const other = await ctx().another();
      const read = await store.recordPinRead({ transactionId: 'tx-x', tenantId: 'acme', apiKeyId: null });
      expect((await other.listPinReads({ transactionId: 'tx-x' }, { offset: 0, limit: 5 })).items).toEqual([
        read,
      ]);
    });
  });
}
