/**
 * Callback → subscriber latency: N top-ups, each watched over SSE, confirmed at once; the time from the sandbox
 * POSTing the COMPLETED callback to the subscriber reading COMPLETED. One process (callback and subscriber on the
 * same gateway), or two (`--two`: subscriber on B, callback lands on A, delivered through Redis).
 * Run: `npx tsx scripts/live-latency.ts [--two] [N]`. Prints p50/p99 in ms; the machine is shared and noisy.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { createGateway } from '../src/gateway.js';
import { createSandbox } from '../src/sandbox/server.js';
import { newApiKey } from '../src/store/api-key-material.js';
import { createStore } from '../src/store/index.js';
import { SCOPES } from '../src/store/scopes.js';

const two = process.argv.includes('--two');
const n = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 50);
const sandbox = await createSandbox({ timeScale: 0.001 });
const dataDir = mkdtempSync(join(tmpdir(), 'dtgw-latency-'));
const env = {
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  NODE_ENV: 'test',
  DTONE_API_KEY: sandbox.credentials.dvs.apiKey,
  DTONE_API_SECRET: sandbox.credentials.dvs.apiSecret,
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  DTONE_BASE_URL: `${sandbox.url}/v1`,
  RECONCILE_FIRST_POLL_MS: '600000',
  ...(two && {
    REDIS_URL: 'redis://127.0.0.1:6379',
    CALLBACK_SECRET: 'latency-measurement-secret-of-32-chars!!',
  }),
};
const store = await createStore(loadConfig(env).store);
await store.migrate();
const { key, prefix, hash } = newApiKey('bench');
await store.createApiKey({
  id: randomUUID(),
  tenantId: 'bench',
  name: 'latency',
  prefix,
  hash,
  scopes: [...SCOPES],
});
await store.close();
const a = await createGateway(loadConfig(env));
const aUrl = await a.start(0, '127.0.0.1');
const b = two ? await createGateway(loadConfig(env)) : a;
const bUrl = two ? await b.start(0, '127.0.0.1') : aUrl;

const gql = async (url: string, query: string, variables: unknown) =>
  (await (
    await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    })
  ).json()) as { data: Record<string, { transaction: { id: string; upstreamId: string } }> };

const product = sandbox.catalogue.products.find(
  (p) =>
    p.type === 'FIXED_VALUE_RECHARGE' &&
    JSON.stringify(p.json.en.required_credit_party_identifier_fields) === '[["mobile_number"]]',
)!;
const latencies: number[] = [];
for (let i = 0; i < n; i++) {
  const created = await gql(
    aUrl,
    'mutation ($input: CreateTransactionInput!) { createTransaction(input: $input) { ... on CreateTransactionSuccess { transaction { id upstreamId } } } }',
    {
      input: {
        idempotencyKey: randomUUID(),
        productId: product.id,
        creditParty: { mobileNumber: '+6591234100' },
      },
    },
  );
  const { id, upstreamId } = created.data.createTransaction!.transaction;
  const res = await fetch(`${bUrl}/graphql`, {
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
  while (!text.includes('CREATED')) text += decoder.decode((await reader.read()).value, { stream: true });
  await gql(aUrl, 'mutation ($id: ID!) { confirmTransaction(input: { id: $id }) { __typename } }', { id });
  while (!text.includes('COMPLETED')) text += decoder.decode((await reader.read()).value, { stream: true });
  const seen = Date.now();
  await reader.cancel();
  const delivery = sandbox.control.engine
    .deliveries()
    .find((d) => String(d.transactionId) === upstreamId && d.status === 'COMPLETED');
  if (delivery) latencies.push(seen - delivery.at);
}
latencies.sort((x, y) => x - y);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
console.log(
  `${two ? 'two processes (Redis)' : 'one process'}: n=${latencies.length} p50=${pct(50)} ms p99=${pct(99)} ms max=${latencies.at(-1)} ms`,
);
await a.stop();
if (two) await b.stop();
await sandbox.stop();
process.exit(0);
