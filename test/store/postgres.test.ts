import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStore, StoreUnavailableError } from '../../src/store/index.js';
import { admin, freshSchema } from '../helpers/postgres.js';
import { describeEventsMigration } from './contract-events-migration.js';
import { describeSecretsMigration, type RawFixture } from './contract-migrations.js';
import { newIntent } from './fixture.js';
import { startFreezableProxy } from './freezable-proxy.js';
import { describeStoreContract } from './store.contract.js';

beforeAll(async () => {
  await admin((c) => c.query('select 1'));
});

describeStoreContract('PostgreSQL', freshSchema);

const rawPostgres = async (): Promise<RawFixture> => {
  const fixture = await freshSchema();
  const db: RawFixture['db'] = new Kysely({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: fixture.url }) }),
  });
  return {
    dialect: 'postgres',
    db,
    migrationTableSchema: fixture.schema,
    open: fixture.open,
    dispose: async () => {
      await db.destroy();
      await fixture.dispose();
    },
  };
};
describeSecretsMigration('PostgreSQL', rawPostgres);
describeEventsMigration('PostgreSQL', rawPostgres);

describe('PostgreSQL store under faults', () => {
  it('fails fast with StoreUnavailableError when no database answers', async () => {
    const store = await createStore({
      databaseUrl: 'postgres://postgres@127.0.0.1:1/test',
      sqlitePath: 'unused',
    });
    try {
      await expect(store.insertIntent(newIntent())).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.now()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    } finally {
      await store.close();
    }
  });

  it('survives the server terminating its connections, idle or busy, and carries on with new ones', async () => {
    const fixture = await freshSchema();
    const poolErrors: Error[] = [];
    const store = await createStore(
      { databaseUrl: fixture.url, sqlitePath: 'unused' },
      { onPoolError: (error) => poolErrors.push(error) },
    );
    const terminate = () =>
      admin((c) =>
        c.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [
          fixture.schema,
        ]),
      );
    try {
      await store.migrate();
      await Promise.all(Array.from({ length: 5 }, () => store.insertIntent(newIntent())));
      await terminate();
      let done = false;
      const busy = Promise.allSettled(
        Array.from({ length: 200 }, () => store.insertIntent(newIntent())),
      ).finally(() => {
        done = true;
      });
      for (let i = 0; i < 5 && !done; i++) await terminate();
      const outcomes = await busy;
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(StoreUnavailableError);
      }
      // A connection killed after the last query may still sit idle in the pool until its error event comes in:
      // the next request can meet it once (StoreUnavailableError), and the one after runs on a new connection.
      let created = false;
      for (let attempt = 0; attempt < 5 && !created; attempt++) {
        try {
          created = (await store.insertIntent(newIntent())).created;
        } catch (error) {
          expect(error).toBeInstanceOf(StoreUnavailableError);
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      expect(created).toBe(true);
      expect(poolErrors.length).toBeGreaterThan(0);
    } finally {
      await store.close();
      await fixture.dispose();
    }
  });

  it('fails with StoreUnavailableError when the server stops answering, and never reuses that connection', async () => {
    const fixture = await freshSchema();
    const server = new URL(fixture.url);
    const proxy = await startFreezableProxy({ host: server.hostname, port: Number(server.port) });
    const viaProxy = new URL(fixture.url);
    viaProxy.port = String(proxy.port);
    const store = await createStore({ databaseUrl: viaProxy.toString(), sqlitePath: 'unused' });
    try {
      await store.migrate();
      await store.now();
      const opened = proxy.connections;
      proxy.freeze();
      await expect(store.now()).rejects.toBeInstanceOf(StoreUnavailableError);
      proxy.thaw();
      expect(await store.now()).toMatch(/Z$/);
      expect(proxy.connections).toBe(opened + 1);
    } finally {
      await store.close();
      await proxy.close();
      await fixture.dispose();
    }
  });

  it('refuses to edit the status history and the event log', async () => {
    const fixture = await freshSchema();
    const store = await fixture.open();
    try {
      await store.migrate();
      const { record } = await store.insertIntent(newIntent());
      await store.applyStatus(
        record.id,
        { status: 'CREATED', statusClass: 'CREATED', source: 'create' },
        () => true,
      );
      await expect(
        admin((c) => c.query(`update ${fixture.schema}.transaction_status_history set status = 'COMPLETED'`)),
      ).rejects.toThrow(/append-only/);
      await expect(
        admin((c) => c.query(`update ${fixture.schema}.transaction_events set status = 'COMPLETED'`)),
      ).rejects.toThrow(/append-only/);
    } finally {
      await store.close();
      await fixture.dispose();
    }
  });
});
