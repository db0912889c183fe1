import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startGateway } from '../helpers/gateway.js';
import { freePort } from '../helpers/gateway-process.js';
import { startRedis } from '../helpers/redis.js';
import { startSandbox } from '../helpers/sandbox.js';

describe('a Redis outage', () => {
  it('crashes nothing, and a subscriber on another gateway catches up from the store when Redis returns', async () => {
    const port = await freePort();
    let redis = await startRedis(port);
    const sandbox = await startSandbox();
    const dataDir = mkdtempSync(join(tmpdir(), 'dtgw-redis-'));
    const env = {
      REDIS_URL: `redis://127.0.0.1:${port}`,
      RECONCILE_FIRST_POLL_MS: '600000',
      CALLBACK_SECRET: 'a-deployment-secret-of-at-least-32-characters',
    };
    const a = await startGateway({ sandbox, dataDir, env });
    const b = await startGateway({ sandbox, dataDir, env: { ...env } });
    const product = sandbox.catalogue.products.find(
      (p) =>
        p.type === 'FIXED_VALUE_RECHARGE' &&
        JSON.stringify(p.json.en.required_credit_party_identifier_fields) === '[["mobile_number"]]',
    )!;
    const key = a.apiKey;
    const created = await a.gql<{ createTransaction: { transaction: { id: string } } }>(
      /* GraphQL */ `mutation ($input: CreateTransactionInput!) {
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
    const id = created.data!.createTransaction.transaction.id;

    const res = await fetch(`${b.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${key}`,
      },
      body: JSON.stringify({
        query: 'subscription ($id: ID!) { transactionUpdated(id: $id) { statusClass } }',
        variables: { id },
      }),
    });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    // One read in flight at a time: a read abandoned on a timeout would swallow the next chunk.
    let pending: ReturnType<typeof reader.read> | undefined;
    const readUntil = async (word: string, ms: number) => {
      const deadline = Date.now() + ms;
      while (!text.includes(word) && Date.now() < deadline) {
        pending ??= reader.read();
        const chunk = await Promise.race([
          pending,
          new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 200)),
        ]);
        if (chunk === 'timeout') continue;
        pending = undefined;
        if (chunk.done) break;
        text += decoder.decode(chunk.value, { stream: true });
      }
    };
    await readUntil('CREATED', 10_000);
    expect(text).toContain('CREATED');

    const gone = new Promise((resolve) => redis.once('exit', resolve));
    redis.kill('SIGKILL');
    await gone;
    const confirmed = await a.gql(
      /* GraphQL */ `mutation ($id: ID!) { confirmTransaction(input: { id: $id }) { __typename } }`,
      { id },
    );
    expect(confirmed.errors).toBeUndefined();
    // A serves on while Redis is down; the change is in the store, and B has not heard of it.
    const onA = await a.gql<{ transaction: { statusClass: string } }>(
      /* GraphQL */ `query ($id: ID!) { transaction(id: $id) { statusClass } }`,
      { id },
    );
    expect(onA.data!.transaction.statusClass).toMatch(/CONFIRMED|COMPLETED/);
    await readUntil('COMPLETED', 1_000);
    expect(text).not.toContain('COMPLETED');

    redis = await startRedis(port);
    await readUntil('COMPLETED', 15_000);
    await reader.cancel();
    expect(text).toContain('COMPLETED');
  }, 60_000);
});
