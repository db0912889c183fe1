import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { Decimal } from '../../src/money/decimal.js';
import { createStore } from '../../src/store/index.js';
import { deriveExternalId } from '../../src/transactions/identity.js';
import { fromMicros } from '../../src/transactions/spend.js';
import { createKeyIn, TEST_DATA_KEY } from '../helpers/gateway.js';
import { type GatewayProcess, post, spawnGateway } from '../helpers/gateway-process.js';
import { freshDatabaseWithKey } from '../helpers/postgres.js';
import { startSandbox } from '../helpers/sandbox.js';
import { waitFor } from '../helpers/wait.js';
import { ITERATIONS, reportRow } from './report.js';

/**
 * RELIABILITY.md §4 figure 6: gateways killed with SIGKILL at the create's crash points (after the intent is recorded,
 * after DT One took the create), amid other creates, on SQLite and on PostgreSQL, where a second gateway takes the
 * client's retry while the first is dead. Then every key is retried until it answers: none is lost, none reached DT One
 * twice, every one ends at DT One's final status, and DT One's ledger moved exactly what the gateway recorded as spent.
 * KILLS per store (CI size 5, so 10 in all; CHAOS_ITERATIONS=5 gives 50).
 */
const KILLS = 5 * ITERATIONS;
const POINTS = ['after-intent', 'after-send'] as const;

const CREATE = /* GraphQL */ `
  mutation ($input: CreateTransactionInput!) {
    createTransaction(input: $input) { __typename ... on CreateTransactionSuccess { transaction { statusClass } } }
  }
`;

let dropDatabase: (() => Promise<void>) | undefined;
afterAll(async () => {
  await dropDatabase?.();
});

async function scenario(storeName: 'SQLite' | 'PostgreSQL') {
  const sandbox = await startSandbox();
  let storeEnv: Record<string, string>;
  let apiKey: string;
  if (storeName === 'PostgreSQL') {
    const db = await freshDatabaseWithKey('dtgw_kill');
    dropDatabase = db.drop;
    storeEnv = { DATABASE_URL: db.databaseUrl };
    apiKey = db.apiKey;
  } else {
    storeEnv = { DATA_DIR: mkdtempSync(join(tmpdir(), 'dtgw-kill-')) };
    const store = await createStore(loadConfig(storeEnv).store);
    await store.migrate();
    apiKey = await createKeyIn(store, 'acme');
    await store.close();
  }
  const env = {
    ...storeEnv,
    DTONE_API_KEY: sandbox.credentials.dvs.apiKey,
    DTONE_API_SECRET: sandbox.credentials.dvs.apiSecret,
    DTONE_BASE_URL: `${sandbox.url}/v1`,
    DATA_ENCRYPTION_KEY: TEST_DATA_KEY,
    CALLBACK_SECRET: 'a-deployment-secret-of-at-least-32-characters',
    RECONCILE_FIRST_POLL_MS: '300',
    RECONCILE_INTERVAL_MS: '100',
  };
  const productId = sandbox.catalogue.products.find(
    (p) =>
      p.type === 'FIXED_VALUE_RECHARGE' &&
      JSON.stringify(p.json.en.required_credit_party_identifier_fields) === '[["mobile_number"]]' &&
      (p.json.en.prices as { wholesale: { unit: string } }).wholesale.unit === 'USD',
  )!.id;
  const input = (key: string) => ({
    idempotencyKey: key,
    productId,
    creditParty: { mobileNumber: '+6591234100' },
    autoConfirm: true,
  });
  const capturedBefore = sandbox.control.ledger.totals('USD').captured;
  const keys: string[] = [];
  // On PostgreSQL a second gateway stays up the whole time and takes the retries while the first one is dead.
  const survivor = storeName === 'PostgreSQL' ? await spawnGateway(env) : undefined;
  for (let kill = 0; kill < KILLS; kill++) {
    const victim = await spawnGateway({ ...env, GATEWAY_CRASH_POINT: POINTS[kill % 2]! });
    // Load beside the fatal create: one of these dies with it, the rest may or may not have answered.
    const batch = Array.from({ length: 4 }, () => randomUUID());
    keys.push(...batch);
    await Promise.all(batch.map((key) => post(victim.url, apiKey, CREATE, { input: input(key) })));
    expect(await victim.exited).toBeNull();
    if (survivor)
      await Promise.all(batch.map((key) => post(survivor.url, apiKey, CREATE, { input: input(key) })));
  }
  const finisher: GatewayProcess = survivor ?? (await spawnGateway(env));
  // The clients retry every key until it answers with a transaction.
  for (const key of keys) {
    await waitFor(
      `key ${key} answered`,
      () => post(finisher.url, apiKey, CREATE, { input: input(key) }),
      (a) =>
        !a.dropped &&
        (a.body.data?.createTransaction as { __typename?: string })?.__typename ===
          'CreateTransactionSuccess',
      20_000,
    );
  }
  const store = await createStore(loadConfig(storeEnv).store);
  try {
    const records = await waitFor(
      'every key final',
      async () => Promise.all(keys.map((key) => store.getByIdempotencyKey('acme', 'DVS', key))),
      (all) => all.every((r) => r && ['COMPLETED', 'DECLINED'].includes(r.statusClass)),
      20_000,
    );
    const upstream = keys.map((key) =>
      sandbox.control.engine.countByExternalId(deriveExternalId('acme', key)),
    );
    expect(upstream.every((n) => n === 1)).toBe(true);
    const moved = Decimal.sub(
      Decimal.parse(sandbox.control.ledger.totals('USD').captured),
      Decimal.parse(capturedBefore),
    );
    const spent = fromMicros(await store.spentToday('acme', 'USD'), 'USD').amount;
    expect(Decimal.eq(moved, spent), `DT One captured ${moved}, the gateway recorded ${spent}`).toBe(true);
    reportRow(
      `kill -9, ${storeName}${survivor ? ', a second gateway takes the retries' : ''}`,
      {
        kills: KILLS,
        keys: keys.length,
        lost: keys.length - records.filter(Boolean).length,
        duplicated: upstream.filter((n) => n > 1).length,
        completed: records.filter((r) => r?.statusClass === 'COMPLETED').length,
        capturedAtDtOne: moved,
        spentInGateway: spent,
      },
      true,
    );
  } finally {
    await store.close();
  }
}

describe('kill -9 during money movement', () => {
  it(`SQLite: ${KILLS} kills at the crash points, then every key retried`, () => scenario('SQLite'), 300_000);
  it(
    `PostgreSQL with two gateways: ${KILLS} kills, the survivor takes the retries`,
    () => scenario('PostgreSQL'),
    300_000,
  );
});
