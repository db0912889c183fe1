import { describe, expect, it } from 'vitest';
import { type ContractContext, newIntent } from './fixture.js';

export function describePollContract(ctx: () => ContractContext): void {
  describe('reconciler polls', () => {
    it('claims only transactions that are due, oldest due first, and leases them', async () => {
      const { store } = ctx();
      const due = [];
      for (let i = 0; i < 3; i++) due.push((await store.insertIntent(newIntent({ pollAfterMs: 0 }))).record);
      await store.insertIntent(newIntent());
      const claimed = await store.claimDuePolls(10, 60_000);
      const dueOrder = [...due].sort((a, b) =>
        a.nextPollAt === b.nextPollAt ? (a.id < b.id ? -1 : 1) : a.nextPollAt! < b.nextPollAt! ? -1 : 1,
      );
      expect(claimed.map((r) => r.id)).toEqual(dueOrder.map((r) => r.id));
      for (const r of claimed)
        expect(Date.parse(r.nextPollAt!) - Date.parse(r.createdAt)).toBeGreaterThanOrEqual(60_000);
      expect(claimed.map((r) => r.updatedAt)).toEqual(dueOrder.map((r) => r.updatedAt));
      expect(await store.claimDuePolls(10, 60_000)).toEqual([]);
    });

    it('claims at most limit transactions', async () => {
      const { store } = ctx();
      for (let i = 0; i < 4; i++) await store.insertIntent(newIntent({ pollAfterMs: 0 }));
      expect(await store.claimDuePolls(3, 60_000)).toHaveLength(3);
      expect(await store.claimDuePolls(3, 60_000)).toHaveLength(1);
      await expect(store.claimDuePolls(0, 60_000)).rejects.toThrow(RangeError);
    });

    it('never hands one transaction to two instances claiming at the same time', async () => {
      const { store } = ctx();
      const other = await ctx().another();
      for (let i = 0; i < 12; i++) await store.insertIntent(newIntent({ pollAfterMs: 0 }));
      const claims = await Promise.all([store, other, store, other].map((s) => s.claimDuePolls(12, 60_000)));
      const ids = claims.flat().map((r) => r.id);
      expect(ids).toHaveLength(12);
      expect(new Set(ids).size).toBe(12);
    });

    it('counts each poll and schedules the next one, or stops polling and flags the transaction for review', async () => {
      const { store } = ctx();
      const { record } = await store.insertIntent(newIntent());
      const first = await store.recordPoll(record.id, { pollAfterMs: 30_000 });
      expect(first?.pollAttempts).toBe(1);
      expect(Date.parse(first!.nextPollAt!)).toBeGreaterThanOrEqual(Date.parse(record.createdAt) + 30_000);
      const last = await store.recordPoll(record.id, { pollAfterMs: null, needsReview: true });
      expect(last).toEqual({ ...record, pollAttempts: 2, nextPollAt: null, needsReview: true });
      expect(await store.recordPoll('no-such-id', { pollAfterMs: 0 })).toBeUndefined();
    });

    it('reschedules or stops polling with a status change when the change says so', async () => {
      const { store } = ctx();
      const { record } = await store.insertIntent(newIntent());
      for (let i = 0; i < 3; i++) await store.recordPoll(record.id, { pollAfterMs: 60_000 });
      const soon = await store.applyStatus(
        record.id,
        { status: 'CONFIRMED', statusClass: 'CONFIRMED', source: 'confirm', pollAfterMs: 0 },
        () => true,
      );
      expect(soon?.record.nextPollAt).toBe(soon?.record.updatedAt);
      // The backoff starts over from its first step.
      expect(soon?.record.pollAttempts).toBe(0);
      const final = await store.applyStatus(
        record.id,
        { status: 'COMPLETED', statusClass: 'COMPLETED', source: 'callback', pollAfterMs: null },
        () => true,
      );
      expect(final?.record.nextPollAt).toBeNull();
      expect(await store.claimDuePolls(10, 60_000)).toEqual([]);
    });
  });
}
