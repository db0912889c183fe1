import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { deriveExternalId } from '../../src/transactions/identity.js';
import { TEST_DATA_KEY } from '../helpers/gateway.js';
import { post, spawnGateway } from '../helpers/gateway-process.js';
import { freshDatabaseWithKey } from '../helpers/postgres.js';
import { startSandbox } from '../helpers/sandbox.js';

let dropDatabase: (() => Promise<void>) | undefined;
afterAll(async () => {
  await dropDatabase?.();
});

const CREATE = /* GraphQL */ `
  mutation ($input: CreateTransactionInput!) {
    createTransaction(input: $input) {
      __typename
      ... on CreateTransactionSuccess { transaction { id statusClass } }
      ... on Error { code }
    }
  }
`;

describe('two gateway processes sharing PostgreSQL', () => {
  it('turn 50 identical concurrent requests into exactly one DT One transaction, the same for every caller', async () => {
    const { databaseUrl, apiKey, drop } = await freshDatabaseWithKey('dtgw_e2e');
    dropDatabase = drop;
    const sandbox = await startSandbox();
    const env = {
      DATABASE_URL: databaseUrl,
      DTONE_API_KEY: sandbox.credentials.dvs.apiKey,
      DTONE_API_SECRET: sandbox.credentials.dvs.apiSecret,
      DATA_ENCRYPTION_KEY: TEST_DATA_KEY,
      DTONE_BASE_URL: `${sandbox.url}/v1`,
      CALLBACK_SECRET: 'a-deployment-secret-of-at-least-32-characters',
    };
    const [a, b] = await Promise.all([spawnGateway(env), spawnGateway(env)]);
    const product = sandbox.catalogue.products.find(
      (p) =>
        p.type === 'FIXED_VALUE_RECHARGE' &&
        JSON.stringify(p.json.en.required_credit_party_identifier_fields) === '[["mobile_number"]]',
    )!;
    const input = {
      idempotencyKey: randomUUID(),
      productId: product.id,
      creditParty: { mobileNumber: '+6591234100' },
    };
    sandbox.control.resetCalls();

    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => post(i % 2 === 0 ? a.url : b.url, apiKey, CREATE, { input })),
    );
    const ids = results.map((r) => {
      if (r.dropped) throw new Error('a request was dropped');
      const created = r.body.data?.createTransaction as
        | { __typename: string; transaction?: { id: string } }
        | undefined;
      expect(created?.__typename, JSON.stringify(r.body)).toBe('CreateTransactionSuccess');
      return created!.transaction!.id;
    });
    expect(new Set(ids).size).toBe(1);
    expect(sandbox.control.calls('POST /v1/async/transactions')).toBe(1);
    expect(sandbox.control.engine.countByExternalId(deriveExternalId('acme', input.idempotencyKey))).toBe(1);
  }, 60_000);
});
