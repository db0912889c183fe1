import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { createStore } from '../../src/store/index.js';
import type { StoreFixture } from '../store/store.contract.js';
import { createKeyIn } from './gateway.js';

export const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const HOW_TO_START = `PostgreSQL must run for these tests (CI always has it), at ${SERVER_URL} with trust auth.
Start it: pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start  (or run .ci/run)
Create the database: createdb -h 127.0.0.1 -U postgres test`;

export async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`${HOW_TO_START}\n(${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Each fixture is a fresh schema, reached through `search_path`; its name is also the connections' application_name. */
export async function freshSchema(): Promise<StoreFixture & { schema: string; url: string }> {
  const schema = `store_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create schema ${schema}`));
  const url = new URL(SERVER_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  url.searchParams.set('application_name', schema);
  return {
    schema,
    url: url.toString(),
    open: () => createStore({ databaseUrl: url.toString(), sqlitePath: '/nonexistent/unused.db' }),
    dispose: () => admin((c) => c.query(`drop schema ${schema} cascade`)).then(() => undefined),
  };
}

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A database of its own on the machine's PostgreSQL, migrated, holding one key of tenant `acme` (live mode needs
 * one), for tests that run several gateway processes against it. `drop()` removes it, connections and all.
 */
export async function freshDatabaseWithKey(prefix: string): Promise<{
  databaseUrl: string;
  apiKey: string;
  drop: () => Promise<void>;
}> {
  const database = `${prefix}_${randomBytes(6).toString('hex')}`;
  const databaseUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${database}`);
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: ADMIN_URL });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${database}`);
  const store = await createStore(loadConfig({ DATABASE_URL: databaseUrl }).store);
  try {
    await store.migrate();
    const apiKey = await createKeyIn(store, 'acme');
    return {
      databaseUrl,
      apiKey,
      drop: () => run(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined),
    };
  } finally {
    await store.close();
  }
}
