import { describe, expect, it } from 'vitest';
import type { StatusChange } from '../../src/store/types.js';
import { type ContractContext, ISO_MS_UTC, newIntent } from './fixture.js';

const LADDER = ['CREATED', 'CONFIRMED', 'SUBMITTED', 'COMPLETED'] as const;
const rank = (statusClass: string) => ['PENDING', ...LADDER].indexOf(statusClass);
const forwardTo =
  (to: string) =>
  ({ statusClass }: { statusClass: string }): boolean =>
    rank(to) > rank(statusClass);
const move = (statusClass: string, source: StatusChange['source'] = 'callback'): StatusChange => ({
  status: statusClass,
  statusClass,
  source,
});

export function describeStatusContract(ctx: () => ContractContext): void {
  describe('applyStatus', () => {
    it('applies an allowed change, returns the record after it and appends it to the history', async () => {
      const { store } = ctx();
      const { record } = await store.insertIntent(newIntent());
      const result = await store.applyStatus(
        record.id,
        {
          status: 'DECLINED-INVALID-CREDIT-PARTY',
          statusClass: 'DECLINED',
          source: 'create',
          upstream: '{"id":991,"status":{"message":"DECLINED-INVALID-CREDIT-PARTY"}}',
          upstreamId: '991',
          phase: 'FAILED',
          errorCode: 'INVALID_CREDIT_PARTY',
        },
        () => true,
      );
      expect(result?.changed).toBe(true);
      expect(result?.record).toEqual({
        ...record,
        status: 'DECLINED-INVALID-CREDIT-PARTY',
        statusClass: 'DECLINED',
        upstream: '{"id":991,"status":{"message":"DECLINED-INVALID-CREDIT-PARTY"}}',
        upstreamId: '991',
        phase: 'FAILED',
        errorCode: 'INVALID_CREDIT_PARTY',
        updatedAt: expect.stringMatching(ISO_MS_UTC),
      });
      expect(result!.record.updatedAt >= record.createdAt).toBe(true);
      expect(await store.getTransactionById(record.id)).toEqual(result?.record);
      expect(await store.history(record.id)).toEqual([
        {
          transactionId: record.id,
          seq: 1,
          status: 'DECLINED-INVALID-CREDIT-PARTY',
          statusClass: 'DECLINED',
          source: 'create',
          at: result!.record.updatedAt,
        },
      ]);
    });

    it('asks allowed about the current status, status class and phase', async () => {
      const { store } = ctx();
      const { record } = await store.insertIntent(newIntent());
      await store.applyStatus(record.id, { ...move('CREATED', 'create'), phase: 'SENT' }, () => true);
      const seen: unknown[] = [];
      await store.applyStatus(record.id, move('CONFIRMED'), (current) => {
        seen.push(current);
        return true;
      });
      expect(seen).toEqual([{ status: 'CREATED', statusClass: 'CREATED', phase: 'SENT' }]);
    });

    it('changes nothing and appends nothing when allowed says no', async () => {
      const { store } = ctx();
      const { record } = await store.insertIntent(newIntent());
      const result = await store.applyStatus(record.id, { ...move('CREATED'), upstream: '{}' }, () => false);
      expect(result).toEqual({ record, changed: false });
      expect(await store.getTransactionById(record.id)).toEqual(record);
      expect(await store.history(record.id)).toEqual([]);
    });

    it('leaves the fields a change does not name as they were', async () => {
      const { store } = ctx();
      const { record } = await store.insertIntent(newIntent());
      const upstream = '{"id":5,"status":{"class":{"message":"CREATED"}}}';
      const first = {
        ...move('CREATED', 'create'),
        upstream,
        upstreamId: '5',
        phase: 'SENT' as const,
        errorCode: 'X',
      };
      await store.applyStatus(record.id, first, () => true);
      const after = await store.applyStatus(record.id, move('CONFIRMED'), () => true);
      expect(after?.record).toMatchObject({ upstream, upstreamId: '5', phase: 'SENT', errorCode: 'X' });
      expect(after?.record.nextPollAt).toBe(record.nextPollAt);
      const cleared = await store.applyStatus(
        record.id,
        { ...move('SUBMITTED'), errorCode: null, upstream: null },
        () => true,
      );
      expect(cleared?.record).toMatchObject({ upstream: null, upstreamId: '5', errorCode: null });
    });

    it('writes each call its own values, for every combination of the fields a change names', async () => {
      const { store } = ctx();
      const a = (await store.insertIntent(newIntent({ pollAfterMs: 0 }))).record;
      const b = (await store.insertIntent(newIntent({ pollAfterMs: 0 }))).record;
      await store.recordPoll(a.id, { pollAfterMs: 0 });
      const reviewed = { ...move('SUBMITTED'), needsReview: true, pollAfterMs: null, errorCode: 'E1' };
      const first = await store.applyStatus(a.id, { ...reviewed, upstream: '{"a":1}' }, () => true);
      const second = await store.applyStatus(
        b.id,
        { ...reviewed, upstream: '{"b":2}', errorCode: null },
        () => true,
      );
      expect(first?.record).toMatchObject({
        needsReview: true,
        nextPollAt: null,
        upstream: '{"a":1}',
        errorCode: 'E1',
      });
      expect(first?.record.pollAttempts).toBe(1);
      expect(second?.record).toMatchObject({
        needsReview: true,
        nextPollAt: null,
        upstream: '{"b":2}',
        errorCode: null,
      });
      const polled = await store.applyStatus(
        a.id,
        { ...move('COMPLETED'), pollAfterMs: 60_000, needsReview: false },
        () => true,
      );
      expect(polled?.record).toMatchObject({ needsReview: false, pollAttempts: 0, upstream: '{"a":1}' });
      expect(polled!.record.nextPollAt! > polled!.record.updatedAt).toBe(true);
      expect(await store.getTransactionById(a.id)).toEqual(polled?.record);
      expect(await store.getTransactionById(b.id)).toEqual(second?.record);
    });

    it('answers undefined for an unknown transaction', async () => {
      expect(await ctx().store.applyStatus('no-such-id', move('CREATED'), () => true)).toBeUndefined();
    });

    it('lets exactly one of 20 concurrent attempts win when only the first move is allowed, across instances', async () => {
      const { store } = ctx();
      const other = await ctx().another();
      const { record } = await store.insertIntent(newIntent());
      const onlyFromPending = ({ statusClass }: { statusClass: string }) => statusClass === 'PENDING';
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? store : other).applyStatus(
            record.id,
            { ...move('CREATED'), status: `CREATED-${i}` },
            onlyFromPending,
          ),
        ),
      );
      const winners = results.filter((r) => r?.changed);
      expect(winners).toHaveLength(1);
      const history = await store.history(record.id);
      expect(history).toHaveLength(1);
      expect(history[0]?.status).toBe(winners[0]?.record.status);
      expect((await store.getTransactionById(record.id))?.status).toBe(winners[0]?.record.status);
    });

    it('only ever moves forward when forward moves race, ending on the furthest one', async () => {
      const { store } = ctx();
      const other = await ctx().another();
      const { record } = await store.insertIntent(newIntent());
      const attempts = Array.from({ length: 20 }, (_, i) => LADDER[(i * 7) % LADDER.length]!);
      await Promise.all(
        attempts.map((to, i) => (i % 2 ? store : other).applyStatus(record.id, move(to), forwardTo(to))),
      );
      const history = await store.history(record.id);
      const ranks = history.map((h) => rank(h.statusClass));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(new Set(ranks).size).toBe(ranks.length);
      expect(history.at(-1)?.statusClass).toBe('COMPLETED');
      expect((await store.getTransactionById(record.id))?.statusClass).toBe('COMPLETED');
    });
  });

  describe('history', () => {
    it('lists the changes in the order they were applied, numbered from 1', async () => {
      const { store } = ctx();
      const { record } = await store.insertIntent(newIntent());
      const sources: StatusChange['source'][] = ['create', 'confirm', 'callback', 'poll'];
      for (const [i, to] of LADDER.entries())
        await store.applyStatus(record.id, move(to, sources[i]), forwardTo(to));
      await store.applyStatus(record.id, move('CONFIRMED'), forwardTo('CONFIRMED'));
      const history = await store.history(record.id);
      expect(history.map(({ seq, statusClass, source }) => ({ seq, statusClass, source }))).toEqual(
        LADDER.map((statusClass, i) => ({ seq: i + 1, statusClass, source: sources[i] })),
      );
      const times = history.map((h) => h.at);
      expect(times).toEqual([...times].sort());
      expect(await store.history('no-such-id')).toEqual([]);
    });

    it("keeps each transaction's history apart", async () => {
      const { store } = ctx();
      const a = (await store.insertIntent(newIntent())).record;
      const b = (await store.insertIntent(newIntent())).record;
      await store.applyStatus(a.id, move('CREATED'), () => true);
      await store.applyStatus(b.id, move('CREATED'), () => true);
      await store.applyStatus(b.id, move('CONFIRMED'), () => true);
      expect((await store.history(a.id)).map((h) => [h.transactionId, h.seq])).toEqual([[a.id, 1]]);
      expect((await store.history(b.id)).map((h) => [h.transactionId, h.seq])).toEqual([
        [b.id, 1],
        [b.id, 2],
      ]);
    });
  });
}
