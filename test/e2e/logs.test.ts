import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnGateway } from '../helpers/gateway-process.js';
import { waitFor } from '../helpers/wait.js';

interface LogLine {
  level: string;
  msg: string;
  requestId?: string;
  tenant?: string | null;
  apiKeyId?: string | null;
  operation?: string | null;
  type?: string | null;
  durationMs?: number;
  outcome?: string;
  api?: string;
  method?: string;
  route?: string;
}

describe('logs', () => {
  it('writes one JSON line per GraphQL operation and per callback, with ids and outcomes, and no phone number or token', async () => {
    const gateway = await spawnGateway({
      LOG_LEVEL: 'debug',
      SANDBOX_TIME_SCALE: '0.01',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'dtgw-logs-')),
    });
    const ask = (body: object, requestId: string) =>
      fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': requestId },
        body: JSON.stringify(body),
      });
    await ask({ query: 'query Missing { product(id: 999999999) { name } }' }, 'log-test-missing');
    const number = '+2975600100';
    await ask(
      {
        query: /* GraphQL */ `mutation TopUp($input: CreateTransactionInput!) {
          createTransaction(input: $input) { __typename }
        }`,
        variables: {
          input: {
            idempotencyKey: randomUUID(),
            productId: 1,
            creditParty: { mobileNumber: number },
            autoConfirm: true,
          },
        },
      },
      'log-test-topup',
    );
    const lines = () =>
      gateway
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as LogLine);
    const operations = await waitFor(
      'both operations logged',
      () => lines().filter((l) => l.msg === 'graphql operation'),
      (found) => found.length >= 2,
    );
    expect(operations.find((l) => l.requestId === 'log-test-missing')).toMatchObject({
      level: 'info',
      tenant: 'sandbox',
      operation: 'Missing',
      type: 'query',
      outcome: 'PRODUCT_UNAVAILABLE',
    });
    expect(operations.find((l) => l.requestId === 'log-test-topup')).toMatchObject({
      operation: 'TopUp',
      type: 'mutation',
      outcome: 'ok',
    });
    for (const line of operations) expect(line.durationMs).toBeGreaterThanOrEqual(0);
    // At debug level each DT One call is a line, naming the request that caused it.
    const calls = lines().filter((l) => l.msg === 'upstream call');
    expect(calls.find((l) => l.method === 'POST')).toMatchObject({
      level: 'debug',
      api: 'dvs',
      requestId: 'log-test-topup',
      route: '/async/transactions',
    });
    // The sandbox completes the top-up (3 s, run at 1/100) and calls back: one line, with the transaction id, not the token.
    const callback = await waitFor(
      'the callback logged',
      () => lines().find((l) => l.msg === 'callback'),
      (line) => line !== undefined,
      10_000,
    );
    expect(callback).toMatchObject({ level: 'info', status: 204 });
    expect((callback as { transactionId?: string }).transactionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(gateway.output()).not.toContain('/callbacks/');
    expect(gateway.output()).not.toContain(number.slice(1));
  });

  it('pretty-prints in development mode (pino-pretty), one readable line per event', async () => {
    const gateway = await spawnGateway({
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'dtgw-pretty-')),
    });
    await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query Pretty { countries(first: 1) { totalCount } }' }),
    });
    const line = await waitFor(
      'the operation logged',
      () =>
        gateway
          .output()
          .split('\n')
          .find((l) => l.includes('graphql operation')),
      (found) => found !== undefined,
    );
    expect(line).not.toMatch(/^\{/);
    expect(line).toMatch(/INFO/);
  });
});
