import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { newApiKey } from '../../src/store/api-key-material.js';
import { createStore } from '../../src/store/index.js';
import { SCOPES } from '../../src/store/scopes.js';

/** Migrates the store `env` configures and adds one client key with every scope (live mode needs one). */
async function storeWithKey(env: Record<string, string>, tenantId = 'bench'): Promise<string> {
  const store = await createStore(loadConfig(env).store);
  await store.migrate();
  const { key, prefix, hash } = newApiKey(tenantId);
  await store.createApiKey({
    id: randomUUID(),
    tenantId,
    name: tenantId,
    prefix,
    hash,
    scopes: [...SCOPES],
  });
  await store.close();
  return key;
}

/** Another client key, of tenant `tenantId`, in the SQLite store of `dataDir`. */
export function addKey(dataDir: string, tenantId: string): Promise<string> {
  return storeWithKey({ DATA_DIR: dataDir }, tenantId);
}

/** A fresh SQLite store in a temporary folder holding one client key with every scope (live mode needs one). */
export async function freshStoreWithKey(): Promise<{ dataDir: string; apiKey: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dtgw-bench-'));
  return { dataDir, apiKey: await storeWithKey({ DATA_DIR: dataDir }) };
}

/**
 * A fresh PostgreSQL database `name` on the server `adminUrl` reaches (e.g. postgres://postgres@127.0.0.1:5432/postgres),
 * migrated, holding one client key; `drop()` removes it (connections still open are cut).
 */
export async function freshPostgresWithKey(
  adminUrl: string,
  name: string,
): Promise<{ databaseUrl: string; apiKey: string; drop(): Promise<void> }> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`database name ${name} must be [a-z0-9_]`);
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const databaseUrl = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  const drop = () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  try {
    return { databaseUrl, apiKey: await storeWithKey({ DATABASE_URL: databaseUrl }), drop };
  } catch (error) {
    await drop().catch(() => undefined);
    throw error;
  }
}
