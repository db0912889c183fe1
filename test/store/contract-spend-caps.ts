import { describe, expect, it } from 'vitest';
import { type ContractContext, ISO_MS_UTC, newIntent } from './fixture.js';

const USD = (micros: bigint) => ({ unit: 'USD', micros });

export function describeSpendCapContract(ctx: () => ContractContext): void {
  describe('spend caps', () => {
    it('sets, replaces, lists and clears a tenant’s daily cap per currency', async () => {
      const { store } = ctx();
      const set = await store.setSpendCap({
        tenantId: 'acme',
        unit: 'USD',
        daily: '100.5',
        dailyMicros: 100_500_000n,
      });
      expect(set).toEqual({
        tenantId: 'acme',
        unit: 'USD',
        daily: '100.5',
        updatedAt: expect.stringMatching(ISO_MS_UTC),
      });
      await store.setSpendCap({ tenantId: 'acme', unit: 'USD', daily: '200', dailyMicros: 200_000_000n });
      await store.setSpendCap({ tenantId: 'acme', unit: 'EUR', daily: '5', dailyMicros: 5_000_000n });
      await store.setSpendCap({ tenantId: 'globex', unit: 'USD', daily: '1', dailyMicros: 1_000_000n });
      expect((await store.listSpendCaps('acme')).map((c) => [c.unit, c.daily])).toEqual([
        ['EUR', '5'],
        ['USD', '200'],
      ]);
      expect(await store.listSpendCaps()).toHaveLength(3);
      expect(await store.clearSpendCap('acme', 'EUR')).toBe(true);
      expect(await store.clearSpendCap('acme', 'EUR')).toBe(false);
      expect(await store.listSpendCaps('acme')).toHaveLength(1);
    });

    it('records intents within the cap, refuses the one past it with the exact sums, and answers replays unchecked', async () => {
      const { store } = ctx();
      await store.setSpendCap({ tenantId: 'acme', unit: 'USD', daily: '3', dailyMicros: 3_000_000n });
      const first = newIntent({ tenantId: 'acme' });
      expect(await store.insertIntentWithinCap(first, USD(1_250_000n))).toMatchObject({ created: true });
      expect(
        await store.insertIntentWithinCap(newIntent({ tenantId: 'acme' }), USD(1_750_000n)),
      ).toMatchObject({
        created: true,
      });
      expect(await store.spentToday('acme', 'USD')).toBe(3_000_000n);
      expect(await store.insertIntentWithinCap(newIntent({ tenantId: 'acme' }), USD(1n))).toEqual({
        refused: { unit: 'USD', capMicros: 3_000_000n, spentMicros: 3_000_000n, requestedMicros: 1n },
      });
      expect(await store.insertIntentWithinCap(first, USD(1_250_000n))).toMatchObject({ created: false });
      // Another currency, and another tenant, have no cap.
      expect(
        await store.insertIntentWithinCap(newIntent({ tenantId: 'acme' }), { unit: 'EUR', micros: 9n }),
      ).toMatchObject({
        created: true,
      });
      expect(
        await store.insertIntentWithinCap(newIntent({ tenantId: 'globex' }), USD(9_000_000n)),
      ).toMatchObject({
        created: true,
      });
    });

    it('stops counting a transaction once it failed or was declined', async () => {
      const { store } = ctx();
      await store.setSpendCap({ tenantId: 'acme', unit: 'USD', daily: '2', dailyMicros: 2_000_000n });
      const inserted = await store.insertIntentWithinCap(newIntent({ tenantId: 'acme' }), USD(2_000_000n));
      if (!('record' in inserted)) throw new Error('refused');
      expect(await store.insertIntentWithinCap(newIntent({ tenantId: 'acme' }), USD(1n))).toHaveProperty(
        'refused',
      );
      await store.applyStatus(
        inserted.record.id,
        { status: 'DECLINED', statusClass: 'DECLINED', source: 'callback', phase: 'SENT' },
        () => true,
      );
      expect(await store.spentToday('acme', 'USD')).toBe(0n);
      expect(
        await store.insertIntentWithinCap(newIntent({ tenantId: 'acme' }), USD(2_000_000n)),
      ).toMatchObject({
        created: true,
      });
    });

    it('reclaims a FAILED intent as a fresh one: a poll again, and the cap checked against today', async () => {
      const { store } = ctx();
      await store.setSpendCap({ tenantId: 'acme', unit: 'USD', daily: '2', dailyMicros: 2_000_000n });
      const inserted = await store.insertIntentWithinCap(newIntent({ tenantId: 'acme' }), USD(1_500_000n));
      if (!('record' in inserted)) throw new Error('refused');
      const id = inserted.record.id;
      await store.applyStatus(
        id,
        { status: 'PENDING', statusClass: 'PENDING', source: 'create', phase: 'FAILED' },
        () => true,
      );
      await store.recordPoll(id, { pollAfterMs: null });
      // While it is FAILED its spend is free: another takes most of the cap.
      expect(
        await store.insertIntentWithinCap(newIntent({ tenantId: 'acme' }), USD(1_000_000n)),
      ).toMatchObject({
        created: true,
      });
      expect(await store.reclaimFailedIntent(id, 60_000)).toEqual({
        refused: { unit: 'USD', capMicros: 2_000_000n, spentMicros: 1_000_000n, requestedMicros: 1_500_000n },
      });
      await store.setSpendCap({ tenantId: 'acme', unit: 'USD', daily: '5', dailyMicros: 5_000_000n });
      const reclaimed = await store.reclaimFailedIntent(id, 60_000);
      expect(reclaimed).toMatchObject({ changed: true, record: { phase: 'INTENT', statusClass: 'PENDING' } });
      const record = (reclaimed as { record: { nextPollAt: string | null } }).record;
      expect(record.nextPollAt! > (await store.now())).toBe(true);
      expect(await store.reclaimFailedIntent(id, 60_000)).toMatchObject({ changed: false });
      expect(await store.spentToday('acme', 'USD')).toBe(2_500_000n);
    });
  });
}
