import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { type ContractContext, newIntent } from './fixture.js';

async function withUpstream(store: Store, id: string, upstream: unknown): Promise<string> {
  const { record } = await store.insertIntent(newIntent({ id }));
  const text = JSON.stringify(upstream);
  await store.applyStatus(
    record.id,
    { status: 'COMPLETED', statusClass: 'COMPLETED', source: 'create', upstream: text },
    () => true,
  );
  return text;
}

export function describeUpstreamContract(ctx: () => ContractContext): void {
  describe('stored DT One objects', () => {
    it('lists the transactions whose PIN is in clear or sealed under another key, in id order, a page at a time', async () => {
      const { store } = ctx();
      const product = { id: 7, pin: { usage_info: ['Redeem online'] } };
      await withUpstream(store, 'tx-1-clear', { id: 1, pin: { code: '1234', serial: 'SN1' }, product });
      await withUpstream(store, 'tx-2-current', {
        id: 2,
        pin: { code: 'enc:v1:key_A:xx', serial: 'enc:v1:key_A:yy' },
      });
      await withUpstream(store, 'tx-3-older', { id: 3, pin: { code: 'enc:v1:keyBB:xx', serial: null } });
      await withUpstream(store, 'tx-4-none', { id: 4, pin: null, product });
      await withUpstream(store, 'tx-5-serial', { id: 5, pin: { code: null, serial: 'SN5' } });
      // `_` in the key id is no wildcard: a value under `keyXA` still needs sealing under `key_A`.
      await withUpstream(store, 'tx-6-lookalike', { id: 6, pin: { code: 'enc:v1:keyXA:xx', serial: null } });
      await store.insertIntent(newIntent({ id: 'tx-7-intent' }));

      const all = await store.listPinsToSeal('key_A', '', 10);
      expect(all.map((r) => r.id)).toEqual(['tx-1-clear', 'tx-3-older', 'tx-5-serial', 'tx-6-lookalike']);
      expect(JSON.parse(all[0]!.upstream)).toMatchObject({ pin: { code: '1234' } });
      const page = await store.listPinsToSeal('key_A', 'tx-1-clear', 2);
      expect(page.map((r) => r.id)).toEqual(['tx-3-older', 'tx-5-serial']);
      await expect(store.listPinsToSeal('key_A', '', 0)).rejects.toThrow(RangeError);
    });

    it('replaces a stored object only while it is still the one expected', async () => {
      const { store } = ctx();
      const before = await withUpstream(store, 'tx-cas', { id: 1, pin: { code: '1', serial: '2' } });
      const updatedAt = (await store.getTransactionById('tx-cas'))!.updatedAt;
      const next = JSON.stringify({ id: 1, pin: { code: 'enc:v1:k:1', serial: 'enc:v1:k:2' } });
      expect(await store.replaceUpstream('tx-cas', before, next)).toBe(true);
      expect(await store.replaceUpstream('tx-cas', before, '{"lost":true}')).toBe(false);
      expect(await store.replaceUpstream('tx-missing', before, next)).toBe(false);
      const after = (await store.getTransactionById('tx-cas'))!;
      expect(after.upstream).toBe(next);
      expect(after.updatedAt).toBe(updatedAt);
    });
  });
}
