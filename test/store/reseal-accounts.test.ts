import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openKeyPair, sealKeyPair } from '../../src/accounts/key-pairs.js';
import { resealTenantAccounts } from '../../src/accounts/reseal.js';
import { loadConfig } from '../../src/config.js';
import { createKeyRing, keyIdOf } from '../../src/secrets/data-keys.js';
import { createStore } from '../../src/store/index.js';

const key = (n: number) => Buffer.alloc(32, n).toString('base64');

it('seals tenants’ key pairs again under a new data key, and reports those sealed under a key it lacks', async () => {
  const store = await createStore(loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'reseal-')) }).store);
  try {
    await store.migrate();
    const old = createKeyRing({ current: key(1) });
    const lost = createKeyRing({ current: key(2) });
    const pair = { apiKey: 'dvs-key-0123456789', apiSecret: 'dvs-secret-0123456789' };
    await store.setTenantAccount(sealKeyPair(old, 'acme', 'DVS', pair));
    await store.setTenantAccount(sealKeyPair(lost, 'globex', 'GS', pair));

    const rotated = createKeyRing({ current: key(3), old: [key(1)] });
    expect(await resealTenantAccounts(store, rotated)).toEqual({ sealed: 1, unreadable: ['globex/GS'] });
    const [acme] = await store.getTenantAccounts('acme');
    expect(keyIdOf(acme!.sealedKey)).toBe(rotated.currentKeyId);
    expect(openKeyPair(createKeyRing({ current: key(3) }), acme!)).toEqual(pair);
    expect(await resealTenantAccounts(store, rotated)).toEqual({ sealed: 0, unreadable: ['globex/GS'] });
  } finally {
    await store.close();
  }
});
