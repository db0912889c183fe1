import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startGateway, type TestGateway } from '../helpers/gateway.js';
import { startSandbox } from '../helpers/sandbox.js';
import { waitFor } from '../helpers/wait.js';

const CANCEL = 'mutation { cancelTransaction(input: { id: "999999999" }) { __typename } }';
const tight = (extra: Record<string, string> = {}) => ({
  RATE_LIMIT_QUERIES_PER_SECOND: '0.01',
  RATE_LIMIT_QUERIES_BURST: '3',
  RATE_LIMIT_MONEY_PER_SECOND: '0.01',
  RATE_LIMIT_MONEY_BURST: '2',
  ...extra,
});

async function post(t: TestGateway, key: string, query: string) {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as {
    data?: unknown;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
  return { status: res.status, retryAfter: res.headers.get('retry-after'), ...body };
}

function expectRateLimited(answer: Awaited<ReturnType<typeof post>>) {
  expect(answer.status).toBe(429);
  expect(answer.data ?? null).toBeNull();
  const error = answer.errors?.[0];
  expect(error?.extensions?.code).toBe('RATE_LIMITED');
  const seconds = error?.extensions?.retryAfterSeconds;
  expect(typeof seconds === 'number' && seconds >= 1).toBe(true);
  expect(answer.retryAfter).toBe(String(seconds));
  expect(error?.extensions).not.toHaveProperty('http');
}

describe('rate limits per API key', () => {
  it('refuses queries past the bucket with 429 RATE_LIMITED and retryAfterSeconds; other keys are untouched', async () => {
    const t = await startGateway({ env: tight() });
    for (let i = 0; i < 3; i++) expect((await post(t, t.apiKey, '{ __typename }')).status).toBe(200);
    expectRateLimited(await post(t, t.apiKey, '{ __typename }'));

    const other = await t.createKey('globex');
    const fresh = await post(t, other, '{ __typename }');
    expect(fresh.status).toBe(200);
    expect(fresh.data).toEqual({ __typename: 'Query' });
  });

  it('charges each operation once whichever way it comes: JSON POST, GET, or a browser POST with an Origin', async () => {
    const t = await startGateway({ env: tight() });
    const headers = { authorization: `Bearer ${t.apiKey}`, 'x-graphql-yoga-csrf': '1' };
    const get = () => fetch(`${t.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers });
    const browser = () =>
      fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', origin: 'https://shop.example' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
    expect((await post(t, t.apiKey, '{ __typename }')).status).toBe(200);
    expect((await get()).status).toBe(200);
    expect((await browser()).status).toBe(200);
    for (const refused of [await get(), await browser()]) {
      expect(refused.status).toBe(429);
      const body = (await refused.json()) as { errors: { extensions: Record<string, unknown> }[] };
      expect(body.errors[0]?.extensions.code).toBe('RATE_LIMITED');
      expect(refused.headers.get('retry-after')).toBe(String(body.errors[0]?.extensions.retryAfterSeconds));
    }
    expectRateLimited(await post(t, t.apiKey, '{ __typename }'));
  });

  it('keeps money operations in their own bucket: a spent money bucket leaves queries running, and the reverse', async () => {
    const t = await startGateway({ env: tight() });
    for (let i = 0; i < 2; i++) {
      const answer = await post(t, t.apiKey, CANCEL);
      expect(answer.status).toBe(200);
      expect(answer.data).toEqual({ cancelTransaction: { __typename: 'TransactionNotFoundError' } });
    }
    expectRateLimited(await post(t, t.apiKey, CANCEL));
    expect((await post(t, t.apiKey, '{ __typename }')).status).toBe(200);

    const other = await t.createKey('globex');
    for (let i = 0; i < 3; i++) await post(t, other, '{ __typename }');
    expectRateLimited(await post(t, other, '{ __typename }'));
    expect((await post(t, other, CANCEL)).status).toBe(200);
  });

  it('refills at the configured rate', async () => {
    const t = await startGateway({
      env: tight({ RATE_LIMIT_QUERIES_PER_SECOND: '20', RATE_LIMIT_QUERIES_BURST: '1' }),
    });
    expect((await post(t, t.apiKey, '{ __typename }')).status).toBe(200);
    // Back to back, the second finds the bucket empty at least once; a token comes back within 50 ms.
    await waitFor(
      'a refusal',
      () => post(t, t.apiKey, '{ __typename }'),
      (a) => a.status === 429,
    );
    await waitFor(
      'a refill',
      () => post(t, t.apiKey, '{ __typename }'),
      (a) => a.status === 200,
      2_000,
    );
  });

  it('answers a subscribe over the limit with RATE_LIMITED and keeps the socket open', async () => {
    const t = await startGateway({ env: tight({ RATE_LIMIT_QUERIES_BURST: '1' }) });
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const messages: Record<string, unknown>[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${t.apiKey}` } }));
    await waitFor(
      'ack',
      () => messages,
      (m) => m.some((x) => x.type === 'connection_ack'),
    );
    expect((await post(t, t.apiKey, '{ __typename }')).status).toBe(200);
    ws.send(
      JSON.stringify({
        id: 's1',
        type: 'subscribe',
        payload: { query: 'subscription { transactionUpdated(id: "1") { id } }' },
      }),
    );
    const answer = await waitFor(
      'the refusal',
      () => messages.find((m) => m.id === 's1' && m.type !== 'complete'),
      (m) => m !== undefined,
    );
    expect(JSON.stringify(answer)).toContain('RATE_LIMITED');
    ws.send(JSON.stringify({ type: 'ping' }));
    await waitFor(
      'pong',
      () => messages,
      (m) => m.some((x) => x.type === 'pong'),
    );
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });

  it('shares one bucket per key across instances through Redis', async () => {
    const sandbox = await startSandbox();
    const dataDir = mkdtempSync(join(tmpdir(), 'dtgw-rate-'));
    const env = tight({ RATE_LIMIT_QUERIES_BURST: '4', REDIS_URL: 'redis://127.0.0.1:6379' });
    const a = await startGateway({ sandbox, dataDir, env });
    const b = await startGateway({ sandbox, dataDir, env });
    for (const t of [a, b, a, b]) expect((await post(t, a.apiKey, '{ __typename }')).status).toBe(200);
    expectRateLimited(await post(a, a.apiKey, '{ __typename }'));
    expectRateLimited(await post(b, a.apiKey, '{ __typename }'));
  });

  it('keeps limiting in each process, without a 5xx, when Redis cannot be reached', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const t = await startGateway({ env: tight({ REDIS_URL: `redis://127.0.0.1:${port}` }) });
    for (let i = 0; i < 3; i++) expect((await post(t, t.apiKey, '{ __typename }')).status).toBe(200);
    expectRateLimited(await post(t, t.apiKey, '{ __typename }'));
  });

  it('is off when the rate is 0', async () => {
    const t = await startGateway({
      env: { RATE_LIMIT_QUERIES_PER_SECOND: '0', RATE_LIMIT_QUERIES_BURST: '1' },
    });
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(t, t.apiKey, '{ __typename }')));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
  });
});
