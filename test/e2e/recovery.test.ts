import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createStore } from '../../src/store/index.js';
import type { Store, TransactionRecord } from '../../src/store/types.js';
import { deriveExternalId } from '../../src/transactions/identity.js';
import { createKeyIn, TEST_DATA_KEY } from '../helpers/gateway.js';
import { post, spawnGateway } from '../helpers/gateway-process.js';
import { startSandbox } from '../helpers/sandbox.js';
import { waitFor } from '../helpers/wait.js';

const CREATE = /* GraphQL */ `
  mutation ($input: CreateTransactionInput!) {
    createTransaction(input: $input) {
      __typename
      ... on CreateTransactionSuccess { transaction { id statusClass upstreamId } }
      ... on Error { code }
    }
  }
`;

async function setup() {
  const sandbox = await startSandbox();
  const dataDir = mkdtempSync(join(tmpdir(), 'dtgw-crash-'));
  const store: Store = await createStore(loadConfig({ DATA_DIR: dataDir }).store);
  await store.migrate();
  const apiKey = await createKeyIn(store, 'acme');
  const env = {
    DATA_DIR: dataDir,
    DTONE_API_KEY: sandbox.credentials.dvs.apiKey,
    DTONE_API_SECRET: sandbox.credentials.dvs.apiSecret,
    DATA_ENCRYPTION_KEY: TEST_DATA_KEY,
    DTONE_BASE_URL: `${sandbox.url}/v1`,
    RECONCILE_FIRST_POLL_MS: '300',
    RECONCILE_INTERVAL_MS: '100',
    CALLBACK_SECRET: 'a-deployment-secret-of-at-least-32-characters',
  };
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
  return { sandbox, store, apiKey, env, input, externalId: deriveExternalId('acme', input.idempotencyKey) };
}

describe('a gateway killed in the middle of a create', () => {
  it('killed after recording the intent, before sending: nothing was sent, and the retry sends it once', async () => {
    const { sandbox, store, apiKey, env, input, externalId } = await setup();
    const first = await spawnGateway({ ...env, GATEWAY_CRASH_POINT: 'after-intent' });
    expect((await post(first.url, apiKey, CREATE, { input })).dropped).toBe(true);
    expect(await first.exited).toBeNull();
    expect(sandbox.control.engine.countByExternalId(externalId)).toBe(0);

    const second = await spawnGateway(env);
    const settled = await waitFor(
      'the reconciler to settle the intent',
      () => store.getByIdempotencyKey('acme', 'DVS', input.idempotencyKey),
      (r?: TransactionRecord) => r !== undefined && r.phase !== 'INTENT',
    );
    expect(settled).toMatchObject({ phase: 'FAILED', errorCode: 'NOT_SENT' });

    const retry = await post(second.url, apiKey, CREATE, { input });
    expect(retry).toMatchObject({
      dropped: false,
      body: { data: { createTransaction: { __typename: 'CreateTransactionSuccess' } } },
    });
    expect(sandbox.control.engine.countByExternalId(externalId)).toBe(1);
  });

  it('killed after DT One took the create, before recording it: the restart finds it by external_id', async () => {
    const { sandbox, store, apiKey, env, input, externalId } = await setup();
    const first = await spawnGateway({ ...env, GATEWAY_CRASH_POINT: 'after-send' });
    expect((await post(first.url, apiKey, CREATE, { input })).dropped).toBe(true);
    expect(await first.exited).toBeNull();
    expect(sandbox.control.engine.countByExternalId(externalId)).toBe(1);

    const second = await spawnGateway(env);
    const settled = await waitFor(
      'the restart to find it by external_id',
      () => store.getByIdempotencyKey('acme', 'DVS', input.idempotencyKey),
      (r?: TransactionRecord) => r?.statusClass === 'CREATED',
    );
    expect(settled).toMatchObject({ phase: 'SENT', statusClass: 'CREATED' });

    const retry = await post(second.url, apiKey, CREATE, { input });
    expect(retry).toMatchObject({
      dropped: false,
      body: { data: { createTransaction: { transaction: { upstreamId: settled!.upstreamId } } } },
    });
    expect(sandbox.control.engine.countByExternalId(externalId)).toBe(1);
  });
});
