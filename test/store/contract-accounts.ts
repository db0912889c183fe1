import { describe, expect, it } from 'vitest';
import { type ContractContext, ISO_MS_UTC, newIntent } from './fixture.js';

const pair = (tenantId: string, api: 'DVS' | 'GS', n: number) => ({
  tenantId,
  api,
  sealedKey: `enc:v1:k:key-${n}`,
  sealedSecret: `enc:v1:k:secret-${n}`,
  fingerprint: `fp-${n}`,
  keyHint: `…${n}`.slice(-4),
});

export function describeAccountContract(ctx: () => ContractContext): void {
  describe('tenant accounts', () => {
    it('sets, rotates, lists and clears a tenant’s key pair per API, listing never the pair', async () => {
      const { store } = ctx();
      const set = await store.setTenantAccount(pair('acme', 'DVS', 1));
      expect(set).toEqual({
        tenantId: 'acme',
        api: 'DVS',
        fingerprint: 'fp-1',
        keyHint: '…1',
        updatedAt: expect.stringMatching(ISO_MS_UTC),
      });
      await store.setTenantAccount(pair('acme', 'DVS', 2));
      await store.setTenantAccount(pair('acme', 'GS', 3));
      await store.setTenantAccount(pair('globex', 'DVS', 4));
      expect(await store.getTenantAccounts('acme')).toEqual([
        expect.objectContaining({
          api: 'DVS',
          sealedKey: 'enc:v1:k:key-2',
          sealedSecret: 'enc:v1:k:secret-2',
        }),
        expect.objectContaining({ api: 'GS', sealedKey: 'enc:v1:k:key-3' }),
      ]);
      const listed = await store.listTenantAccounts();
      expect(listed.map((a) => [a.tenantId, a.api, a.fingerprint])).toEqual([
        ['acme', 'DVS', 'fp-2'],
        ['acme', 'GS', 'fp-3'],
        ['globex', 'DVS', 'fp-4'],
      ]);
      expect(JSON.stringify(listed)).not.toContain('enc:v1');
      expect(await store.listTenantAccounts('globex')).toHaveLength(1);
      expect(await store.clearTenantAccount('acme', 'GS')).toBe(1);
      expect(await store.clearTenantAccount('acme', 'GS')).toBe(0);
      expect(await store.clearTenantAccount('globex')).toBe(1);
      expect((await store.listTenantAccounts()).map((a) => a.tenantId)).toEqual(['acme']);
      expect(await store.getTenantAccounts('nobody')).toEqual([]);
    });

    it('re-seals a pair only while it is still the one read', async () => {
      const { store } = ctx();
      await store.setTenantAccount(pair('acme', 'DVS', 1));
      const [stored] = await store.listSealedTenantAccounts();
      const next = { sealedKey: 'enc:v1:n:key', sealedSecret: 'enc:v1:n:secret' };
      expect(await store.resealTenantAccount(stored!, next)).toBe(true);
      expect(await store.resealTenantAccount(stored!, { ...next, sealedKey: 'other' })).toBe(false);
      expect(await store.getTenantAccounts('acme')).toEqual([expect.objectContaining(next)]);
    });

    it('records the account a transaction was sent with, replaces it, and forgets it for the default', async () => {
      const { store } = ctx();
      const { record } = await store.insertIntent(newIntent());
      expect(await store.transactionAccount(record.id)).toBeNull();
      await store.setTransactionAccount(record.id, 'account-a');
      await store.setTransactionAccount(record.id, 'account-b');
      expect(await (await ctx().another()).transactionAccount(record.id)).toBe('account-b');
      await store.setTransactionAccount(record.id, null);
      expect(await store.transactionAccount(record.id)).toBeNull();
    });
  });
}
