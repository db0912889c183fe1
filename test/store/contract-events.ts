import { describe, expect, it } from 'vitest';
import type { StatusChange, Store, TransactionEvent } from '../../src/store/types.js';
import { type ContractContext, ISO_MS_UTC, newIntent } from './fixture.js';

const LADDER = ['CREATED', 'CONFIRMED', 'SUBMITTED', 'COMPLETED'] as const;
const move = (statusClass: string, source: StatusChange['source'] = 'callback'): StatusChange => ({
  status: statusClass,
  statusClass,
  source,
});
const USD = (micros: bigint) => ({ unit: 'USD', micros });
const brief = (e: TransactionEvent) => [Number(e.seq), e.transactionId, e.statusClass, e.source];
const all = (store: Store, tenantId = 'acme') => store.listEvents(tenantId, { limit: 1_000 });

export function describeEventContract(ctx: () => ContractContext): void {
  describe('event log', () => {
    it("appends the creation and each recorded status as the tenant's next event, numbered from 1", async () => {
      const { store } = ctx();
      const { record } = await store.insertIntent(newIntent({ api: 'GS' }));
      const created = await store.applyStatus(record.id, move('CREATED', 'create'), () => true);
      await store.applyStatus(record.id, move('CONFIRMED'), () => false);
      await store.insertIntent(newIntent({ idempotencyKey: record.idempotencyKey, api: 'GS' }));
      const events = await all(store);
      expect(events).toEqual([
        {
          seq: 1n,
          tenantId: 'acme',
          transactionId: record.id,
          api: 'GS',
          status: 'PENDING',
          statusClass: 'PENDING',
          source: 'create',
          at: expect.stringMatching(ISO_MS_UTC),
        },
        {
          seq: 2n,
          tenantId: 'acme',
          transactionId: record.id,
          api: 'GS',
          status: 'CREATED',
          statusClass: 'CREATED',
          source: 'create',
          at: expect.stringMatching(ISO_MS_UTC),
        },
      ]);
      expect(events[0]!.at >= record.createdAt).toBe(true);
      expect(events[1]!.at >= created!.record.updatedAt).toBe(true);
    });

    it('records the phases an intent goes through, a reclaimed failure, and capped creates that were made', async () => {
      const { store } = ctx();
      await store.setSpendCap({ tenantId: 'acme', unit: 'USD', daily: '2', dailyMicros: 2_000_000n });
      const made = await store.insertIntentWithinCap(newIntent(), USD(1_500_000n));
      if (!('record' in made)) throw new Error('the first create fits the cap');
      expect(await store.insertIntentWithinCap(newIntent(), USD(1_000_000n))).toHaveProperty('refused');
      const { id } = made.record;
      await store.applyStatus(
        id,
        { ...move('PENDING', 'create'), phase: 'FAILED', errorCode: 'X' },
        () => true,
      );
      await store.reclaimFailedIntent(id, 0);
      await store.applyStatus(id, { ...move('CREATED', 'recovery'), phase: 'SENT' }, () => true);
      expect((await all(store)).map(brief)).toEqual([
        [1, id, 'PENDING', 'create'],
        [2, id, 'PENDING', 'create'],
        [3, id, 'PENDING', 'create'],
        [4, id, 'CREATED', 'recovery'],
      ]);
      expect((await store.history(id)).map((h) => h.statusClass)).toEqual(['PENDING', 'PENDING', 'CREATED']);
    });

    it("keeps each tenant's sequence apart", async () => {
      const { store } = ctx();
      const a = (await store.insertIntent(newIntent({ tenantId: 'acme' }))).record;
      const b = (await store.insertIntent(newIntent({ tenantId: 'globex' }))).record;
      await store.applyStatus(b.id, move('CREATED'), () => true);
      expect((await all(store, 'acme')).map(brief)).toEqual([[1, a.id, 'PENDING', 'create']]);
      expect((await all(store, 'globex')).map(brief)).toEqual([
        [1, b.id, 'PENDING', 'create'],
        [2, b.id, 'CREATED', 'callback'],
      ]);
      expect(await all(store, 'nobody')).toEqual([]);
    });

    it('pages after a sequence number given as a bigint or as text, up to limit', async () => {
      const { store } = ctx();
      const { record } = await store.insertIntent(newIntent());
      for (const to of LADDER) await store.applyStatus(record.id, move(to), () => true);
      const seqs = (events: TransactionEvent[]) => events.map((e) => Number(e.seq));
      expect(seqs(await store.listEvents('acme', { after: 2n, limit: 2 }))).toEqual([3, 4]);
      expect(seqs(await store.listEvents('acme', { after: '4', limit: 10 }))).toEqual([5]);
      expect(seqs(await store.listEvents('acme', { after: 5n, limit: 10 }))).toEqual([]);
      expect(seqs(await store.listEvents('acme', { after: undefined, limit: 1 }))).toEqual([1]);
      for (const after of ['-1', '1.5', 'x', '01', '99999999999999999999', -1n]) {
        await expect(store.listEvents('acme', { after, limit: 1 })).rejects.toThrow(RangeError);
      }
      for (const limit of [0, 1_001, 1.5]) {
        await expect(store.listEvents('acme', { limit })).rejects.toThrow(RangeError);
      }
    });

    it('takes no number for a change that fails', async () => {
      const { store } = ctx();
      const { record } = await store.insertIntent(newIntent());
      const broken = { ...move('CREATED'), phase: 'NOT-A-PHASE' } as unknown as StatusChange;
      await expect(store.applyStatus(record.id, broken, () => true)).rejects.toThrow();
      await store.applyStatus(record.id, move('CREATED'), () => true);
      expect((await all(store)).map((e) => [Number(e.seq), e.statusClass])).toEqual([
        [1, 'PENDING'],
        [2, 'CREATED'],
      ]);
    });

    it('numbers concurrent changes from several instances 1..N in the order they committed, never showing n+1 before n', async () => {
      const { store } = ctx();
      const writers = [store, await ctx().another(), await ctx().another()];
      const reader = await ctx().another();
      const TRANSACTIONS = 20;
      /** When each write was sent and when its commit was acknowledged, by the event it must have appended. */
      const spans = new Map<string, { sent: number; done: number }>();
      const timed = async (key: string, write: () => Promise<unknown>) => {
        const sent = performance.now();
        await write();
        spans.set(key, { sent, done: performance.now() });
      };
      const lives = Array.from({ length: TRANSACTIONS }, async (_, i) => {
        const intent = newIntent();
        await timed(`${intent.id}:PENDING`, () => writers[i % 3]!.insertIntent(intent));
        for (const [step, to] of LADDER.entries()) {
          const writer = writers[(i + step + 1) % 3]!;
          await timed(`${intent.id}:${to}`, () => writer.applyStatus(intent.id, move(to), () => true));
        }
        // Another tenant's changes interleave with acme's and take no acme number.
        if (i % 4 === 0) await writers[i % 3]!.insertIntent(newIntent({ tenantId: 'globex' }));
      });
      let writing = true;
      const writes = Promise.all(lives).finally(() => {
        writing = false;
      });

      // A reader tailing the log, as the feed does: each page must start right after the last event it saw.
      const tailed: TransactionEvent[] = [];
      for (let caughtUp = false; writing || !caughtUp; ) {
        const after = tailed.at(-1)?.seq ?? 0n;
        const page = await reader.listEvents('acme', { after, limit: 7 });
        page.forEach((event, i) => {
          expect(event.seq).toBe(after + BigInt(i + 1));
        });
        tailed.push(...page);
        caughtUp = !writing && page.length === 0;
      }
      await writes;

      const events = await all(store);
      const total = TRANSACTIONS * (LADDER.length + 1);
      expect(events.map((e) => Number(e.seq))).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      expect(tailed).toEqual(events);
      expect((await all(store, 'globex')).map((e) => Number(e.seq))).toEqual([1, 2, 3, 4, 5]);
      const times = events.map((e) => e.at);
      expect(times).toEqual([...times].sort());

      // A write acknowledged before another was sent committed first, so its number is smaller.
      const seqOf = new Map(events.map((e) => [`${e.transactionId}:${e.statusClass}`, e.seq]));
      let ordered = 0;
      for (const [a, first] of spans) {
        for (const [b, second] of spans) {
          if (first.done >= second.sent) continue;
          ordered += 1;
          expect(seqOf.get(a)! < seqOf.get(b)!, `${a} committed before ${b} was sent`).toBe(true);
        }
      }
      expect(ordered).toBeGreaterThan(total);
    });
  });
}
