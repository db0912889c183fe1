import { describe, expect, it } from 'vitest';
import type { StatusChange } from '../../src/store/types.js';
import { type ContractContext, newIntent } from './fixture.js';

const move = (statusClass: string): StatusChange => ({
  status: statusClass,
  statusClass,
  source: 'callback',
});

/**
 * Status writes and poll bookkeeping that arrive together (a burst of callbacks) may share one commit (SQLite's group
 * commit); seen from outside they must behave exactly as writes of their own.
 */
export function describeGroupCommitContract(ctx: () => ContractContext): void {
  describe('concurrent status writes (group commit)', () => {
    it('applies each of many concurrent changes once, with its history, and answers each caller its own record', async () => {
      const { store } = ctx();
      const records = await Promise.all(
        Array.from({ length: 40 }, async () => (await store.insertIntent(newIntent())).record),
      );
      const results = await Promise.all(
        records.map((r) => store.applyStatus(r.id, move('CREATED'), (c) => c.statusClass === 'PENDING')),
      );
      for (const [i, result] of results.entries()) {
        expect(result).toMatchObject({
          changed: true,
          record: { id: records[i]!.id, statusClass: 'CREATED' },
        });
        expect((await store.history(records[i]!.id)).map((h) => h.statusClass)).toEqual(['CREATED']);
      }
    });

    it('fails only the write that threw: the others in flight with it commit, and its change leaves no trace', async () => {
      const { store } = ctx();
      const records = await Promise.all(
        Array.from({ length: 9 }, async () => (await store.insertIntent(newIntent())).record),
      );
      const refusal = new Error('this one refuses');
      const settled = await Promise.allSettled(
        records.map((r, i) =>
          store.applyStatus(r.id, move('CREATED'), () => {
            if (i === 4) throw refusal;
            return true;
          }),
        ),
      );
      expect(settled[4]).toEqual({ status: 'rejected', reason: refusal });
      for (const [i, outcome] of settled.entries()) {
        if (i !== 4) expect(outcome).toMatchObject({ status: 'fulfilled', value: { changed: true } });
        const stored = await store.getTransactionById(records[i]!.id);
        expect(stored?.statusClass).toBe(i === 4 ? 'PENDING' : 'CREATED');
      }
      expect(await store.history(records[4]!.id)).toEqual([]);
      const events = await store.listEvents('acme', { limit: 1_000 });
      // 9 creations, then 8 changes: the refused one took no number.
      expect(events.map((e) => Number(e.seq))).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
      expect(events.filter((e) => e.transactionId === records[4]!.id)).toHaveLength(1);
    });

    it('keeps the event log gap-free and in commit order when writes of one transaction race, duplicates included', async () => {
      const { store } = ctx();
      const { record } = await store.insertIntent(newIntent());
      const ladder = ['CREATED', 'CONFIRMED', 'SUBMITTED', 'COMPLETED'];
      const rank = (s: string) => ladder.indexOf(s);
      // Every step three times at once: each moves the row only forward, so each status is recorded once.
      const writes = ladder.flatMap((to) =>
        [0, 1, 2].map(() => store.applyStatus(record.id, move(to), (c) => rank(c.statusClass) < rank(to))),
      );
      const results = await Promise.all(writes);
      const changed = results.filter((r) => r?.changed).map((r) => r!.record.statusClass);
      const events = await store.listEvents('acme', { limit: 1_000 });
      expect(events.map((e) => Number(e.seq))).toEqual(
        Array.from({ length: changed.length + 1 }, (_, i) => i + 1),
      );
      expect(events.slice(1).map((e) => e.statusClass)).toEqual(changed);
      expect(changed.map(rank)).toEqual([...changed.map(rank)].sort((a, b) => a - b));
      expect(new Set(changed).size).toBe(changed.length);
      expect((await store.getTransactionById(record.id))?.statusClass).toBe('COMPLETED');
      expect((await store.history(record.id)).map((h) => h.statusClass)).toEqual(changed);
    });

    it('records concurrent polls each once, alongside concurrent status changes', async () => {
      const { store } = ctx();
      const { record } = await store.insertIntent(newIntent());
      const polls = Array.from({ length: 10 }, () => store.recordPoll(record.id, { pollAfterMs: 0 }));
      const change = store.applyStatus(record.id, move('CREATED'), () => true);
      await Promise.all([...polls, change]);
      const stored = await store.getTransactionById(record.id);
      expect(stored).toMatchObject({ pollAttempts: 10, statusClass: 'CREATED' });
      expect(await store.recordPoll('no-such-id', { pollAfterMs: 0 })).toBeUndefined();
    });
  });
}
