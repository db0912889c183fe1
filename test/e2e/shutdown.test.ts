import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { type GatewayProcess, spawnGateway } from '../helpers/gateway-process.js';

/** Graceful shutdown of a real gateway process (embedded mode: its own sandbox, in the same process). */

const eventually = (check: () => unknown) => vi.waitFor(check, { timeout: 10_000, interval: 50 });

const TOP_UP = /* GraphQL */ `
  mutation ($input: CreateTransactionInput!) {
    createTransaction(input: $input) {
      __typename
      ... on CreateTransactionSuccess { transaction { id status statusClass } }
    }
  }
`;

interface TopUpAnswer {
  data?: { createTransaction: { __typename: string; transaction?: { id: string; statusClass: string } } };
  errors?: unknown[];
}

/** The README's product: the credit party's last three digits pick the outcome, the first of them the delay. */
function topUp(url: string, mobileNumber: string, mode: 'SYNC' | 'ASYNC'): Promise<TopUpAnswer> {
  return fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: TOP_UP,
      variables: {
        input: {
          idempotencyKey: randomUUID(),
          productId: 1,
          creditParty: { mobileNumber },
          autoConfirm: true,
          mode,
        },
      },
    }),
  }).then((res) => res.json() as Promise<TopUpAnswer>);
}

function sandboxUrlOf(gateway: GatewayProcess): string {
  const match = /built-in DT One sandbox at (http:\/\/\S+) /.exec(gateway.output());
  if (!match) throw new Error(`no sandbox URL in:\n${gateway.output()}`);
  return match[1]!;
}

/** Resolves once the built-in DT One has received `n` transaction creates: the request is in flight. */
async function createsReceived(gateway: GatewayProcess, n: number): Promise<void> {
  const sandbox = sandboxUrlOf(gateway);
  await eventually(async () => {
    const { counts } = (await (await fetch(`${sandbox}/__sandbox/calls`)).json()) as {
      counts: Record<string, number>;
    };
    const creates = Object.entries(counts)
      .filter(([route]) => /^POST .*transactions$/.test(route))
      .reduce((sum, [, count]) => sum + count, 0);
    expect(creates).toBeGreaterThanOrEqual(n);
  });
}

async function refused(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/healthz`);
    return false;
  } catch (error) {
    return (error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';
  }
}

const start = (env: Record<string, string> = {}) =>
  spawnGateway({ DATA_DIR: mkdtempSync(join(tmpdir(), 'dtgw-shutdown-')), ...env });

describe('graceful shutdown (SIGTERM to a real process)', () => {
  it('answers a SYNC top-up in flight, refuses new connections meanwhile, and exits 0', async () => {
    const gateway = await start({ SHUTDOWN_TIMEOUT_MS: '20000' });
    let answered = false;
    // …100: completes 3 s after it is sent.
    const answer = topUp(gateway.url, '+2975600100', 'SYNC').finally(() => {
      answered = true;
    });
    await createsReceived(gateway, 1);

    gateway.child.kill('SIGTERM');
    await eventually(() => expect(gateway.output()).toContain('SIGTERM: stopping'));
    await eventually(async () => expect(await refused(gateway.url)).toBe(true));
    expect(answered).toBe(false);
    expect(gateway.child.exitCode).toBeNull();

    const body = await answer;
    expect(body.errors).toBeUndefined();
    expect(body.data?.createTransaction.__typename).toBe('CreateTransactionSuccess');
    expect(body.data?.createTransaction.transaction?.statusClass).toBe('COMPLETED');
    expect(await gateway.exited).toBe(0);
  }, 40_000);

  it('cuts what outlives SHUTDOWN_TIMEOUT_MS and exits 1 at the deadline', async () => {
    const gateway = await start({ SHUTDOWN_TIMEOUT_MS: '1000' });
    // …200: completes 20 s after it is sent, far past the deadline.
    const answer = topUp(gateway.url, '+2975600200', 'SYNC').then(
      () => 'answered',
      () => 'cut',
    );
    await createsReceived(gateway, 1);
    const signalled = Date.now();
    gateway.child.kill('SIGTERM');
    expect(await gateway.exited).toBe(1);
    const took = Date.now() - signalled;
    expect(took).toBeGreaterThanOrEqual(1_000);
    expect(took).toBeLessThan(6_000);
    expect(await answer).toBe('cut');
    expect(gateway.output()).toContain('the deadline passed with requests in flight');
  }, 30_000);

  it('a second signal exits at once', async () => {
    const gateway = await start({ SHUTDOWN_TIMEOUT_MS: '20000' });
    const answer = topUp(gateway.url, '+2975600200', 'SYNC').then(
      () => 'answered',
      () => 'cut',
    );
    await createsReceived(gateway, 1);
    gateway.child.kill('SIGTERM');
    await eventually(() => expect(gateway.output()).toContain('SIGTERM: stopping'));
    gateway.child.kill('SIGINT');
    expect(await gateway.exited).toBe(130);
    expect(gateway.output()).toContain('SIGINT again: exiting now');
    expect(await answer).toBe('cut');
  }, 30_000);

  it('closes graphql-ws sockets with 1001 and ends server-sent-event streams, then exits 0', async () => {
    const gateway = await start({ SHUTDOWN_TIMEOUT_MS: '20000' });
    // …300: stays CONFIRMED for 5 minutes, so both subscriptions stay open.
    const created = await topUp(gateway.url, '+2975600300', 'ASYNC');
    const id = created.data!.createTransaction.transaction!.id;
    const watch = `subscription { transactionUpdated(id: "${id}") { id statusClass } }`;

    const ws = new WebSocket(`${gateway.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const wsMessages: string[] = [];
    const wsClosed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.on('message', (data) => wsMessages.push(String(data)));
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    await eventually(() => expect(wsMessages.join()).toContain('connection_ack'));
    ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: watch } }));

    const sse = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: watch }),
    });
    const reader = sse.body!.getReader();
    let sseText = '';
    const sseEnded = (async () => {
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return sseText;
        sseText += decoder.decode(value, { stream: true });
      }
    })();
    await eventually(() => {
      expect(wsMessages.some((m) => m.includes('"next"'))).toBe(true);
      expect(sseText).toContain('CONFIRMED');
    });

    gateway.child.kill('SIGTERM');
    expect(await wsClosed).toBe(1001);
    const text = await sseEnded;
    // Ended without `complete`: for the client this is a connection to re-open, not a finished subscription.
    expect(text).not.toContain('event: complete');
    expect(await gateway.exited).toBe(0);
  }, 30_000);
});
