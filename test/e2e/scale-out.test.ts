import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createStore } from '../../src/store/index.js';
import { createKeyIn } from '../helpers/gateway.js';
import { post, spawnGateway } from '../helpers/gateway-process.js';
import { startSandbox } from '../helpers/sandbox.js';

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const database = `dtgw_scale_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
const databaseUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${database}`);

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
});

describe('two gateway processes over PostgreSQL and Redis', () => {
  it('deliver a callback that lands on process A to a subscriber on process B', async () => {
    await admin(`CREATE DATABASE ${database}`);
    const sandbox = await startSandbox();
    const store = await createStore(loadConfig({ DATABASE_URL: databaseUrl }).store);
    await store.migrate();
    const apiKey = await createKeyIn(store, 'acme');
    await store.close();
    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      DTONE_API_KEY: sandbox.credentials.dvs.apiKey,
      DTONE_API_SECRET: sandbox.credentials.dvs.apiSecret,
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
