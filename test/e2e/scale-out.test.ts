import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_DATA_KEY } from '../helpers/gateway.js';
import { post, spawnGateway } from '../helpers/gateway-process.js';
import { freshDatabaseWithKey } from '../helpers/postgres.js';
import { startSandbox } from '../helpers/sandbox.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let dropDatabase: (() => Promise<void>) | undefined;
afterAll(async () => {
  await dropDatabase?.();
});

describe('two gateway processes over PostgreSQL and Redis', () => {
  it('deliver a callback that lands on process A to a subscriber on process B', async () => {
    const { databaseUrl, apiKey, drop } = await freshDatabaseWithKey('dtgw_scale');
    dropDatabase = drop;
    const sandbox = await startSandbox();
    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      DTONE_API_KEY: sandbox.credentials.dvs.apiKey,
      DTONE_API_SECRET: sandbox.credentials.dvs.apiSecret,
      DATA_ENCRYPTION_KEY: TEST_DATA_KEY,
      DTONE_BASE_URL: `${sandbox.url}/v1`,
      CALLBACK_SECRET: 'a-deployment-secret-of-at-least-32-characters',
      // The reconciler stays out of the way, so the status can only reach B through A's callback and Redis.
      RECONCILE_FIRST_POLL_MS: '600000',
    };
    const [a, b] = await Promise.all([spawnGateway(env), spawnGateway(env)]);
    const product = sandbox.catalogue.products.find(
      (p) =>
        p.type === 'FIXED_VALUE_RECHARGE' &&
        JSON.stringify(p.json.en.required_credit_party_identifier_fields) === '[["mobile_number"]]',
    )!;
    const created = await post(
      a.url,
      apiKey,
      /* GraphQL */ `
      mutation ($input: CreateTransactionInput!) {
        createTransaction(input: $input) { ... on CreateTransactionSuccess { transaction { id } } }
      }`,
      {
        input: {
          idempotencyKey: randomUUID(),
          productId: product.id,
          creditParty: { mobileNumber: '+6591234100' },
        },
      },
    );
    if (created.dropped) throw new Error('create dropped');
    const id = (created.body.data!.createTransaction as { transaction: { id: string } }).transaction.id;

    const res = await fetch(`${b.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${apiKey}`,
      },
      body: JSON.stringify({
        query: 'subscription ($id: ID!) { transactionUpdated(id: $id) { statusClass } }',
        variables: { id },
      }),
    });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (word: string) => {
      const deadline = Date.now() + 15_000;
      while (!text.includes(word) && Date.now() < deadline) {
        const chunk = await reader.read();
        if (chunk.done) break;
        text += decoder.decode(chunk.value, { stream: true });
      }
    };
    await readUntil('CREATED');
    expect(text).toContain('CREATED');

    await post(
      a.url,
      apiKey,
      'mutation ($id: ID!) { confirmTransaction(input: { id: $id }) { __typename } }',
      { id },
    );
    await readUntil('COMPLETED');
    await reader.cancel();
    expect(text).toContain('COMPLETED');
    expect(sandbox.control.engine.deliveries().some((d) => d.httpStatus === 204)).toBe(true);
  }, 60_000);
});
