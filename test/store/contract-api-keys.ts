import { describe, expect, it } from 'vitest';
import { hashApiKey, newApiKey } from '../../src/store/index.js';
import type { ApiKeyRecord } from '../../src/store/types.js';
import { type ContractContext, ISO_MS_UTC } from './fixture.js';

let serial = 0;
function keyInput(
  tenantId: string,
  scopes: string[] = ['catalogue:read'],
): Omit<ApiKeyRecord, 'createdAt' | 'revokedAt'> {
  const { prefix, hash } = newApiKey(tenantId);
  serial += 1;
  return {
    id: `key-${String(serial).padStart(6, '0')}-${hash.slice(0, 8)}`,
    tenantId,
    name: `key ${serial}`,
    prefix,
    hash,
    scopes,
  };
}

export function describeApiKeyContract(ctx: () => ContractContext): void {
  describe('API keys', () => {
    it('creates a key and finds it by the hash of the presented key', async () => {
      const { store } = ctx();
      const material = newApiKey('acme');
      const input = {
        id: 'key-a',
        tenantId: 'acme',
        name: 'checkout',
        prefix: material.prefix,
        hash: material.hash,
      };
      const created = await store.createApiKey({
        ...input,
        scopes: ['transactions:write', 'transactions:read'],
      });
      expect(created).toEqual({
        ...input,
        scopes: ['transactions:write', 'transactions:read'],
        createdAt: expect.stringMatching(ISO_MS_UTC),
        revokedAt: null,
      });
      expect(await store.findApiKeyByHash(hashApiKey(material.key))).toEqual(created);
      expect(await store.findApiKeyByHash(hashApiKey(`${material.key}x`))).toBeUndefined();
    });

    it('refuses a second key with the same hash', async () => {
      const { store } = ctx();
      const first = keyInput('acme');
      await store.createApiKey(first);
      await expect(store.createApiKey({ ...keyInput('globex'), hash: first.hash })).rejects.toThrow();
    });

    it('lists keys oldest first, all of them or one tenant’s', async () => {
      const { store } = ctx();
      const a1 = await store.createApiKey(keyInput('acme'));
      const g1 = await store.createApiKey(keyInput('globex', ['admin']));
      const a2 = await store.createApiKey(keyInput('acme'));
      expect(await store.listApiKeys('acme')).toEqual([a1, a2]);
      expect(await store.listApiKeys('globex')).toEqual([g1]);
      expect((await store.listApiKeys()).map((k) => k.id).sort()).toEqual([a1.id, g1.id, a2.id].sort());
      expect(await store.listApiKeys('initech')).toEqual([]);
    });

    it('revokes a key once, keeping it findable with its revocation time', async () => {
      const { store } = ctx();
      const key = await store.createApiKey(keyInput('acme'));
      expect(await store.revokeApiKey(key.id)).toBe(true);
      const revoked = await store.findApiKeyByHash(key.hash);
      expect(revoked).toEqual({ ...key, revokedAt: expect.stringMatching(ISO_MS_UTC) });
      expect(revoked!.revokedAt! >= key.createdAt).toBe(true);
      expect(await store.revokeApiKey(key.id)).toBe(false);
      expect((await store.findApiKeyByHash(key.hash))?.revokedAt).toBe(revoked?.revokedAt);
      expect(await store.revokeApiKey('no-such-key')).toBe(false);
      expect(await store.listApiKeys('acme')).toEqual([revoked]);
    });

    it('counts the keys that are not revoked', async () => {
      const { store } = ctx();
      expect(await store.countApiKeys()).toBe(0);
      const keys = [];
      for (const tenant of ['acme', 'acme', 'globex']) keys.push(await store.createApiKey(keyInput(tenant)));
      expect(await store.countApiKeys()).toBe(3);
      await store.revokeApiKey(keys[1]!.id);
      expect(await store.countApiKeys()).toBe(2);
    });
  });
}
