import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { deriveExternalId } from '../../src/transactions/identity.js';
import { TEST_DATA_KEY } from '../helpers/gateway.js';
import { post, spawnGateway } from '../helpers/gateway-process.js';
import { freshDatabaseWithKey } from '../helpers/postgres.js';
import { startSandbox } from '../helpers/sandbox.js';
import { ITERATIONS, reportRow } from './report.js';

/**
 * RELIABILITY.md §4 figure 4, across two gateway processes on one PostgreSQL database: KEYS keys each sent COPIES
 * times at once give exactly KEYS DT One transactions, and every replay answers byte for byte what the first did;
 * DISTINCT keys at once give DISTINCT transactions, none lost. The full size (CHAOS_ITERATIONS=5) is 50 × 200 and 1,000.
 */
const KEYS = 10 * ITERATIONS;
const COPIES = 40 * ITERATIONS;
const DISTINCT = 200 * ITERATIONS;

const CREATE = /* GraphQL */ `
  mutation ($input: CreateTransactionInput!) {
    createTransaction(input: $input) {
      __typename
      ... on CreateTransactionSuccess { transaction { id idempotencyKey externalId statusClass productId } }
      ... on Error { code }
    }
  }
`;

let drop: (() => Promise<void>) | undefined;
afterAll(async () => {
  await drop?.();
});

describe('concurrent double submits across two gateway processes', () => {
  it(`${KEYS} keys × ${COPIES} copies give ${KEYS} transactions with identical replays; ${DISTINCT} distinct keys lose none`, async () => {
    const db = await freshDatabaseWithKey('dtgw_chaos');
    drop = db.drop;
    const sandbox = await startSandbox();
    const env = {
      DATABASE_URL: db.databaseUrl,
      DTONE_API_KEY: sandbox.credentials.dvs.apiKey,
      DTONE_API_SECRET: sandbox.credentials.dvs.apiSecret,
      DTONE_BASE_URL: `${sandbox.url}/v1`,
      DATA_ENCRYPTION_KEY: TEST_DATA_KEY,
      CALLBACK_SECRET: 'a-deployment-secret-of-at-least-32-characters',
    };
    const gateways = await Promise.all([spawnGateway(env), spawnGateway(env)]);
    const productId = sandbox.catalogue.products.find(
      (p) =>
        p.type === 'FIXED_VALUE_RECHARGE' &&
        JSON.stringify(p.json.en.required_credit_party_identifier_fields) === '[["mobile_number"]]',
    )!.id;
    const input = (idempotencyKey: string) => ({
      idempotencyKey,
      productId,
      creditParty: { mobileNumber: '+6591234100' },
    });
    const send = async (i: number, key: string) => {
      const answer = await post(gateways[i % 2]!.url, db.apiKey, CREATE, { input: input(key) });
      if (answer.dropped) return 'dropped';
      return JSON.stringify(answer.body.data?.createTransaction ?? answer.body);
    };

    const keys = Array.from({ length: KEYS }, () => randomUUID());
    const answers = await Promise.all(
      keys.flatMap((key, k) => Array.from({ length: COPIES }, (_, c) => send(k + c, key))),
    );
    const distinctAnswers = keys.map((_, k) => new Set(answers.slice(k * COPIES, (k + 1) * COPIES)));
    for (const set of distinctAnswers) {
      expect(set.size, [...set].join('\n')).toBe(1);
      expect([...set][0]).toContain('CreateTransactionSuccess');
    }
    const upstreamPerKey = keys.map((key) =>
      sandbox.control.engine.countByExternalId(deriveExternalId('acme', key)),
    );
    expect(upstreamPerKey.every((n) => n === 1)).toBe(true);

    const fresh = Array.from({ length: DISTINCT }, () => randomUUID());
    const created = await Promise.all(fresh.map((key, i) => send(i, key)));
    const succeeded = created.filter((a) => a.includes('CreateTransactionSuccess')).length;
    expect(succeeded).toBe(DISTINCT);
    const atDtOne = fresh.filter(
      (key) => sandbox.control.engine.countByExternalId(deriveExternalId('acme', key)) === 1,
    );
    expect(atDtOne).toHaveLength(DISTINCT);

    reportRow(
      'double submits, 2 processes on PostgreSQL',
      {
        requests: KEYS * COPIES,
        keys: KEYS,
        upstreamTransactions: upstreamPerKey.reduce((a, b) => a + b, 0),
        distinctAnswersPerKey: Math.max(...distinctAnswers.map((s) => s.size)),
        distinctKeys: DISTINCT,
        distinctCreated: atDtOne.length,
      },
      true,
    );
  }, 300_000);
});
