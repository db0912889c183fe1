import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { dataKeyId, keyIdOf } from '../../src/secrets/data-keys.js';
import { startEmbeddedGateway, startGateway, type TestGateway } from '../helpers/gateway.js';
import { spawnGateway } from '../helpers/gateway-process.js';
import { admin, freshSchema } from '../helpers/postgres.js';
import { mobileTopUp, startSandbox } from '../helpers/sandbox.js';
import { waitFor } from '../helpers/wait.js';

/** Issue 12, findings 5-6 and build item 5: what the database holds of callback tokens and PINs. */

const CREATE = /* GraphQL */ `
  mutation ($input: CreateTransactionInput!) {
    createTransaction(input: $input) { __typename ... on CreateTransactionSuccess { transaction { id externalId } } }
  }
`;
const READ = /* GraphQL */ `
  query ($id: ID!) { transaction(id: $id) { statusClass pin { code serial } } }
`;
const STATUS = /* GraphQL */ `query ($id: ID!) { transaction(id: $id) { statusClass } }`;
const PIN_READS = /* GraphQL */ `
  query ($tx: ID) {
    pinReads(first: 10, transactionId: $tx) {
      totalCount
      edges { node { transactionId tenantId apiKeyId readAt } }
    }
  }
`;

const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');
const kid = (base64: string) => dataKeyId(Buffer.from(base64, 'base64'));

interface PinPurchase {
  /** The Transaction's global id. */
  id: string;
  /** The id the database keys it by. */
  rowId: string;
  code: string;
  serial: string;
  /** The token in the callback URL the gateway gave DT One. */
  token: string;
}

/** A top-up the sandbox completes with a PIN (credit party ending in 101), settled at the gateway. */
async function buyPin(t: TestGateway): Promise<PinPurchase> {
  const product = mobileTopUp(t.sandbox);
  const res = await t.gql<{ createTransaction: { transaction: { id: string; externalId: string } } }>(
    CREATE,
    {
      input: {
        idempotencyKey: randomUUID(),
        productId: product.id,
        creditParty: { mobileNumber: '+6591234101' },
        autoConfirm: true,
      },
    },
  );
  const { id, externalId } = res.data!.createTransaction.transaction;
  await waitFor(
    'the top-up completed',
    () => t.gql<{ transaction: { statusClass: string } }>(STATUS, { id }),
    (status) => status.data?.transaction.statusClass === 'COMPLETED',
  );
  const upstream = t.sandbox.control.engine.all().find((tx) => tx.external_id === externalId) as {
    callback_url: string;
    pin: { code: string; serial: string };
  };
  const token = upstream.callback_url.split('/').at(-1)!;
  expect(upstream.pin.code.length).toBeGreaterThan(3);
  const rowId = Buffer.from(id, 'base64')
    .toString('utf8')
    .replace(/^Transaction:/, '');
  return { id, rowId, code: upstream.pin.code, serial: upstream.pin.serial, token };
}

async function readPin(t: TestGateway, id: string, headers?: Record<string, string>) {
  const res = await t.gql<{ transaction: { pin: { code: string; serial: string } | null } }>(
    READ,
    { id },
    headers,
  );
  return res;
}

/** Every row of every table of a SQLite file, as text. */
function sqliteDump(path: string): string {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    const tables = db.prepare(`select name from sqlite_master where type = 'table'`).all() as {
      name: string;
    }[];
    return JSON.stringify(tables.map(({ name }) => db.prepare(`select * from "${name}"`).all()));
  } finally {
    db.close();
  }
}

/** Every row of every table of a PostgreSQL schema, as text. */
async function postgresDump(schema: string): Promise<string> {
  return admin(async (c) => {
    const { rows: tables } = await c.query<{ name: string }>(
      'select table_name as name from information_schema.tables where table_schema = $1',
      [schema],
    );
    const all = [];
    for (const { name } of tables) all.push((await c.query(`select * from "${schema}"."${name}"`)).rows);
    return JSON.stringify(all);
  });
}

/** The key id each of a row's PIN values is sealed under. */
function sealedUnder(path: string, id: string): (string | undefined)[] {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    const row = db.prepare('select upstream from transactions where id = ?').get(id) as { upstream: string };
    const { pin } = JSON.parse(row.upstream) as { pin: { code: string; serial: string } };
    return [pin.code, pin.serial].map((v) => keyIdOf(v));
  } finally {
    db.close();
  }
}

function expectNoSecrets(dump: string, purchases: PinPurchase[]) {
  expect(dump).toContain('enc:v1:');
  for (const p of purchases) {
    expect(dump).toContain(p.rowId);
    expect(dump).not.toContain(p.token);
    expect(dump).not.toContain(p.code);
    expect(dump).not.toContain(p.serial);
  }
  expect(dump).not.toContain('callback_url');
}

describe('secrets at rest', () => {
  it('keeps no callback token and no PIN in clear in any SQLite row, and shows the PIN to its owner', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dtgw-'));
    const t = await startGateway({ sandbox: await startSandbox(), dataDir });
    const bought = await buyPin(t);
    const read = await readPin(t, bought.id);
    expect(read.data?.transaction.pin).toEqual({ code: bought.code, serial: bought.serial });
    expectNoSecrets(sqliteDump(join(dataDir, 'gateway.db')), [bought]);
  });

  it('keeps no callback token and no PIN in clear in any PostgreSQL row', async () => {
    const fixture = await freshSchema();
    try {
      const t = await startGateway({ sandbox: await startSandbox(), env: { DATABASE_URL: fixture.url } });
      const bought = await buyPin(t);
      expect((await readPin(t, bought.id)).data?.transaction.pin).toEqual({
        code: bought.code,
        serial: bought.serial,
      });
      expectNoSecrets(await postgresDump(fixture.schema), [bought]);
      await t.stop();
    } finally {
      await fixture.dispose();
    }
  });

  it('rotates keys: an old key kept for reading opens old PINs, new ones use the new key, and old ones are sealed again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dtgw-'));
    const db = join(dataDir, 'gateway.db');
    const sandbox = await startSandbox();
    const [k1, k2, k3] = [key(11), key(22), key(33)];
    const first = await startGateway({ sandbox, dataDir, env: { DATA_ENCRYPTION_KEY: k1 } });
    const old = await buyPin(first);
    await first.stop();
    expect(sealedUnder(db, old.rowId)).toEqual([kid(k1), kid(k1)]);

    const rotated = await startGateway({
      sandbox,
      dataDir,
      env: { DATA_ENCRYPTION_KEY: k2, DATA_ENCRYPTION_OLD_KEYS: k1 },
    });
    expect((await readPin(rotated, old.id)).data?.transaction.pin).toEqual({
      code: old.code,
      serial: old.serial,
    });
    const fresh = await buyPin(rotated);
    expect((await readPin(rotated, fresh.id)).data?.transaction.pin).toEqual({
      code: fresh.code,
      serial: fresh.serial,
    });
    expect(sealedUnder(db, fresh.rowId)).toEqual([kid(k2), kid(k2)]);
    expect(await rotated.gateway.pinsSealed).toEqual({ sealed: 1, unreadable: [] });
    await rotated.stop();
    expect(sealedUnder(db, old.rowId)).toEqual([kid(k2), kid(k2)]);
    expectNoSecrets(sqliteDump(db), [old, fresh]);

    // Once everything is under the new key, the old one can go.
    const without = await startGateway({ sandbox, dataDir, env: { DATA_ENCRYPTION_KEY: k2 } });
    expect((await readPin(without, old.id)).data?.transaction.pin?.code).toBe(old.code);
    await without.stop();

    // A key the gateway lacks opens nothing, says which transaction, and shows nothing.
    const wrong = await startGateway({ sandbox, dataDir, env: { DATA_ENCRYPTION_KEY: k3 } });
    expect(await wrong.gateway.pinsSealed).toEqual({
      sealed: 0,
      unreadable: [old.rowId, fresh.rowId].sort(),
    });
    const lost = await readPin(wrong, old.id);
    expect(lost.data?.transaction.pin ?? null).toBeNull();
    expect(lost.errors?.length).toBeGreaterThan(0);
    expect(lost.text).not.toContain(old.code);
  });

  it('seals a PIN stored in clear before this version at start-up', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dtgw-'));
    const db = join(dataDir, 'gateway.db');
    const sandbox = await startSandbox();
    const first = await startGateway({ sandbox, dataDir });
    const bought = await buyPin(first);
    await first.stop();
    const raw = new BetterSqlite3(db);
    try {
      const { upstream } = raw
        .prepare('select upstream from transactions where id = ?')
        .get(bought.rowId) as {
        upstream: string;
      };
      const legacy = { ...JSON.parse(upstream), pin: { code: bought.code, serial: bought.serial } };
      raw
        .prepare('update transactions set upstream = ? where id = ?')
        .run(JSON.stringify(legacy), bought.rowId);
    } finally {
      raw.close();
    }
    expect(sqliteDump(db)).toContain(bought.code);

    const again = await startGateway({ sandbox, dataDir });
    expect(await again.gateway.pinsSealed).toEqual({ sealed: 1, unreadable: [] });
    expectNoSecrets(sqliteDump(db), [bought]);
    expect((await readPin(again, bought.id)).data?.transaction.pin?.code).toBe(bought.code);
  });

  it('records every PIN read (tenant, key, transaction) and shows the audit to admin keys only', async () => {
    const t = await startGateway({ sandbox: await startSandbox() });
    const bought = await buyPin(t);
    const reader = await t.createKey('acme', ['transactions:read', 'pins:read']);
    expect(
      (await readPin(t, bought.id, { authorization: `Bearer ${reader}` })).data?.transaction.pin?.code,
    ).toBe(bought.code);
    await readPin(t, bought.id);
    // A status read that does not ask for the PIN is no PIN read.
    await t.gql(STATUS, { id: bought.id });

    const forbidden = await t.gql(PIN_READS, {}, { authorization: `Bearer ${reader}` });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const other = await t.createKey('globex', ['transactions:read']);
    expect(
      (await readPin(t, bought.id, { authorization: `Bearer ${other}` })).data?.transaction ?? null,
    ).toBeNull();

    const audit = await t.gql<{
      pinReads: { totalCount: number; edges: { node: Record<string, unknown> }[] };
    }>(PIN_READS, { tx: bought.id });
    expect(audit.errors).toBeUndefined();
    expect(audit.data?.pinReads.totalCount).toBe(2);
    const nodes = audit.data!.pinReads.edges.map((e) => e.node);
    expect(nodes.every((n) => n.transactionId === bought.id && n.tenantId === 'acme')).toBe(true);
    const keyIds = new Set(nodes.map((n) => n.apiKeyId));
    expect(keyIds.size).toBe(2);
    expect([...keyIds].every((id) => typeof id === 'string')).toBe(true);
    expect(nodes[0]!.readAt! >= nodes[1]!.readAt!).toBe(true);
  });

  it('refuses to start live without DATA_ENCRYPTION_KEY: exit 78, naming the variable', async () => {
    const sandbox = await startSandbox();
    const start = spawnGateway({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'dtgw-')),
      DTONE_API_KEY: sandbox.credentials.dvs.apiKey,
      DTONE_API_SECRET: sandbox.credentials.dvs.apiSecret,
      DTONE_BASE_URL: `${sandbox.url}/v1`,
    });
    const error = await start.then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/gateway exited \(78\)/);
    expect(error?.message).toMatch(/DATA_ENCRYPTION_KEY is missing/);
  });

  it('makes its own key in embedded mode (0600, in the data folder) and reads its PINs again after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dtgw-'));
    const first = await startEmbeddedGateway({ DATA_DIR: dataDir });
    const bought = await buyPin(first);
    await first.stop();
    const file = join(dataDir, 'data-encryption.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const made = readFileSync(file, 'utf8').trim();
    expect(Buffer.from(made, 'base64')).toHaveLength(32);
    expectNoSecrets(sqliteDump(join(dataDir, 'gateway.db')), [bought]);

    const again = await startEmbeddedGateway({ DATA_DIR: dataDir });
    expect(readFileSync(file, 'utf8').trim()).toBe(made);
    expect((await readPin(again, bought.id)).data?.transaction.pin).toEqual({
      code: bought.code,
      serial: bought.serial,
    });
  });
});
