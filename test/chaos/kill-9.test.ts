import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { Decimal } from '../../src/money/decimal.js';
import { createStore } from '../../src/store/index.js';
import type { TransactionRecord } from '../../src/store/types.js';
import type { CrashPoint } from '../../src/transactions/crash-points.js';
import { deriveExternalId } from '../../src/transactions/identity.js';
import { fromMicros } from '../../src/transactions/spend.js';
import { createKeyIn, TEST_DATA_KEY } from '../helpers/gateway.js';
import { type GatewayProcess, post, spawnGateway } from '../helpers/gateway-process.js';
import { freshDatabaseWithKey } from '../helpers/postgres.js';
import { startSandbox } from '../helpers/sandbox.js';
import { waitFor } from '../helpers/wait.js';
import { ITERATIONS, reportRow } from './report.js';

/**
 * RELIABILITY.md §4 figure 6: gateways killed with SIGKILL at every crash point of a create and of a confirm (D1: K1
 * before the intent commits, K2 before the send, K3 sent with no answer yet, K4 answered but not recorded, K5 recorded
 * but not replied, K6 after the reply), amid other creates, on SQLite and on PostgreSQL, where a second gateway takes
 * the client's retry while the first is dead. Then every key is retried until it answers (and a confirm-mode key's
 * confirm until it answers): none is lost, none reached DT One twice, every one ends at DT One's final status within
 * 10 s, and DT One's ledger moved exactly what the gateway recorded as spent.
 * One kill per mode per iteration and store: 16 in CI, 80 with CHAOS_ITERATIONS=5.
 */
interface Mode {
  label: string;
  /** Named point where the victim kills itself. */
  point?: CrashPoint;
  /** Killed from outside: once DT One holds the create (its answer hangs), or after the replies. */
  outside?: 'request-sent' | 'after-reply';
  /** The batch is created, then confirmed: the kill comes during the confirms. */
  confirm?: boolean;
}
const MODES: readonly Mode[] = [
  { label: 'K1', point: 'before-intent' },
  { label: 'K2', point: 'after-intent' },
  { label: 'K3', outside: 'request-sent' },
  { label: 'K4', point: 'after-send' },
  { label: 'K5', point: 'after-commit' },
  { label: 'K6', outside: 'after-reply' },
  { label: 'confirm K4', point: 'confirm-after-send', confirm: true },
  { label: 'confirm K5', point: 'confirm-after-commit', confirm: true },
];
const KILLS = MODES.length * ITERATIONS;

const CREATE = /* GraphQL */ `
  mutation ($input: CreateTransactionInput!) {
    createTransaction(input: $input) {
      __typename
      ... on CreateTransactionSuccess { transaction { id statusClass } }
    }
  }
`;
const CONFIRM = /* GraphQL */ `
  mutation ($id: ID!) { confirmTransaction(input: { id: $id }) { __typename } }
`;

interface Key {
  key: string;
  mobileNumber: string;
  confirm: boolean;
}

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
    // A victim may die holding poll leases: they lapse well within the 10 s every key has to end final.
    RECONCILE_LEASE_MS: '1000',
  };
  const productId = sandbox.catalogue.products.find(
    (p) =>
      p.type === 'FIXED_VALUE_RECHARGE' &&
      JSON.stringify(p.json.en.required_credit_party_identifier_fields) === '[["mobile_number"]]' &&
      (p.json.en.prices as { wholesale: { unit: string } }).wholesale.unit === 'USD',
  )!.id;
  let numbers = 1_000;
  const newKey = (confirm: boolean): Key => {
    numbers += 1;
    // Singapore mobiles 9nnnn10d: d = 0 completes, d = 6 is declined (the sandbox's suffix rule), 1 in 5 declined.
    return {
      key: randomUUID(),
      mobileNumber: `+659${numbers}10${numbers % 5 === 0 ? 6 : 0}`,
      confirm,
    };
  };
  const input = ({ key, mobileNumber, confirm }: Key) => ({
    idempotencyKey: key,
    productId,
    creditParty: { mobileNumber },
    autoConfirm: !confirm,
  });
  const create = (url: string, k: Key) => post(url, apiKey, CREATE, { input: input(k) });
  const createdId = (answer: Awaited<ReturnType<typeof post>>) =>
    answer.dropped
      ? undefined
      : (answer.body.data?.createTransaction as { transaction?: { id: string } } | undefined)?.transaction
          ?.id;
  const capturedBefore = sandbox.control.ledger.totals('USD').captured;
  const keys: Key[] = [];
  // On PostgreSQL a second gateway stays up the whole time and takes the retries while the first one is dead.
  const survivor = storeName === 'PostgreSQL' ? await spawnGateway(env) : undefined;
  const killsByMode = new Map<string, number>();
  for (let kill = 0; kill < KILLS; kill++) {
    const mode = MODES[kill % MODES.length]!;
    killsByMode.set(mode.label, (killsByMode.get(mode.label) ?? 0) + 1);
    const victim = await spawnGateway({ ...env, ...(mode.point && { GATEWAY_CRASH_POINT: mode.point }) });
    // Load beside the fatal request: one of these dies with it, the rest may or may not have answered.
    const batch = Array.from({ length: 4 }, () => newKey(mode.confirm === true));
    keys.push(...batch);
    if (mode.confirm) {
      const ids = (await Promise.all(batch.map((k) => create(victim.url, k)))).map(createdId);
      expect(ids.every(Boolean), 'the victim created its batch before the confirms').toBe(true);
      await Promise.all(ids.map((id) => post(victim.url, apiKey, CONFIRM, { id })));
    } else if (mode.outside === 'request-sent') {
      const held = batch[0]!;
      sandbox.control.faults.add({
        route: 'POST /v1/async/transactions',
        bodyContains: held.mobileNumber,
        hangMs: Number.POSITIVE_INFINITY,
      });
      const answers = Promise.all(batch.map((k) => create(victim.url, k)));
      await waitFor(
        'DT One holds the create whose answer hangs',
        () => sandbox.control.engine.countByExternalId(deriveExternalId('acme', held.key)),
        (n) => n === 1,
        10_000,
      );
      victim.child.kill('SIGKILL');
      await answers;
    } else {
      await Promise.all(batch.map((k) => create(victim.url, k)));
      if (mode.outside === 'after-reply') victim.child.kill('SIGKILL');
    }
    expect(await victim.exited).toBeNull();
    if (survivor) await Promise.all(batch.map((k) => create(survivor.url, k)));
  }
  const finisher: GatewayProcess = survivor ?? (await spawnGateway(env));
  // The clients retry every key until it answers with a transaction, and a confirm until it answers.
  for (const k of keys) {
    const answer = await waitFor(
      `key ${k.key} answered`,
      () => create(finisher.url, k),
      (a) => createdId(a) !== undefined,
      20_000,
    );
    if (!k.confirm) continue;
    await waitFor(
      `key ${k.key} confirm answered`,
      () => post(finisher.url, apiKey, CONFIRM, { id: createdId(answer) }),
      (a) =>
        !a.dropped &&
        ['ConfirmTransactionSuccess', 'InvalidStateError'].includes(
          (a.body.data?.confirmTransaction as { __typename?: string } | undefined)?.__typename ?? '',
        ),
      20_000,
    );
  }
  const store = await createStore(loadConfig(storeEnv).store);
  try {
    const final = (r: TransactionRecord | undefined) =>
      r !== undefined && ['COMPLETED', 'DECLINED'].includes(r.statusClass);
    const read = () => Promise.all(keys.map(({ key }) => store.getByIdempotencyKey('acme', 'DVS', key)));
    const records = await waitFor(
      'every key final within 10 s',
      read,
      (all) => all.every(final),
      10_000,
    ).catch(async (error: Error) => {
      const left = (await read())
        .filter((r) => !final(r))
        .map((r) => r && { status: r.status, phase: r.phase, errorCode: r.errorCode, key: r.idempotencyKey });
      throw new Error(`${error.message.slice(0, 80)}… not final: ${JSON.stringify(left)}`);
    });
    const upstream = keys.map(({ key }) =>
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
        kills: [...killsByMode].map(([label, n]) => `${label}:${n}`).join(','),
        keys: keys.length,
        lost: keys.length - records.filter(Boolean).length,
        duplicated: upstream.filter((n) => n > 1).length,
        completed: records.filter((r) => r?.statusClass === 'COMPLETED').length,
        declined: records.filter((r) => r?.statusClass === 'DECLINED').length,
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
