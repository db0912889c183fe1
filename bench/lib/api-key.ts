import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { newApiKey } from '../../src/store/api-key-material.js';
import { createStore } from '../../src/store/index.js';
import { SCOPES } from '../../src/store/scopes.js';

/** A fresh SQLite store in a temporary folder holding one client key with every scope (live mode needs one). */
export async function freshStoreWithKey(): Promise<{ dataDir: string; apiKey: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dtgw-bench-'));
  const store = await createStore(loadConfig({ DATA_DIR: dataDir }).store);
  await store.migrate();
  const { key, prefix, hash } = newApiKey('bench');
  await store.createApiKey({
    id: randomUUID(),
    tenantId: 'bench',
    name: 'bench',
    prefix,
    hash,
    scopes: [...SCOPES],
  });
  await store.close();
  return { dataDir, apiKey: key };
}
