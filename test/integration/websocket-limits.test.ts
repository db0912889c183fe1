import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { postEventStream, startGateway, type TestGateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';

type Message = Record<string, unknown> & { id?: string; type: string };

/** A graphql-ws client speaking the protocol by hand, keeping every message it got. */
async function connect(t: TestGateway, key = t.apiKey) {
  const ws = await open(t.url);
  const messages: Message[] = [];
  const closedWith = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  ws.on('message', (data) => messages.push(JSON.parse(String(data)) as Message));
  ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${key}` } }));
  // Subscribing before the acknowledgement breaks the protocol: wait for it, or for the refusal.
  await Promise.race([
    closedWith,
    waitFor(
      'the acknowledgement',
      () => messages,
      (m) => m.some((x) => x.type === 'connection_ack'),
    ),
  ]);
  return {
    ws,
    messages,
    closedWith,
    subscribe(id: string, query: string, variables?: Record<string, unknown>) {
      ws.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
    },
    answer: (id: string) =>
      waitFor(
        `an answer to ${id}`,
        () => messages.find((m) => m.id === id && m.type !== 'complete'),
        (m) => m !== undefined,
      ) as Promise<Message>,
  };
}

/** About 80,000 fields by the cost estimate (the limit is 50,000), within the depth limit. */
const EXPENSIVE = `subscription ($id: ID!) { transactionUpdated(id: $id) { product { operator { country {
  operators(first: 100) { edges { node {
    products(first: 100) { edges { node { id name description } } }
    promotions(first: 100) { edges { node { id title description } } }
  } } } } } } } }`;
const WATCH = 'subscription ($id: ID!) { transactionUpdated(id: $id) { id statusClass } }';

async function createTopUp(t: TestGateway): Promise<string> {
  const product = t.sandbox.catalogue.products.find(
    (p) =>
      p.type === 'FIXED_VALUE_RECHARGE' &&
      JSON.stringify(p.json.en.required_credit_party_identifier_fields) === '[["mobile_number"]]',
  )!;
  const res = await t.gql<{ createTransaction: { transaction: { id: string } } }>(
    `mutation ($input: CreateTransactionInput!) {
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
  return res.data!.createTransaction.transaction.id;
}

function open(url: string): Promise<WebSocket> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}
const closed = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
const nextMessage = (ws: WebSocket) =>
  new Promise<Record<string, unknown>>((resolve) =>
    ws.once('message', (data) => resolve(JSON.parse(String(data)))),
  );

describe('graphql-ws limits', () => {
  it('closes a socket that never sends connection_init with 4408', async () => {
    const t = await startGateway();
    const ws = await open(t.url);
    expect(await closed(ws)).toBe(4408);
  });

  it('refuses a wrong key with 4403', async () => {
    const t = await startGateway();
    const ws = await open(t.url);
    ws.send(
      JSON.stringify({
        type: 'connection_init',
        payload: { authorization: 'Bearer dtgw_x_wrongwrongwrong' },
      }),
    );
    expect(await closed(ws)).toBe(4403);
  });

  it('closes on a frame over 64 KiB with 1009', async () => {
    const t = await startGateway();
    const ws = await open(t.url);
    ws.send('x'.repeat(100 * 1024));
    expect(await closed(ws)).toBe(1009);
  });

  it('applies the same validation and limits as HTTP to subscribe messages', async () => {
    const t = await startGateway();
    const ws = await open(t.url);
    ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${t.apiKey}` } }));
    expect((await nextMessage(ws)).type).toBe('connection_ack');
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: __typename`).join(' ');
    ws.send(
      JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `subscription { ${aliases} }` } }),
    );
    const answer = await nextMessage(ws);
    expect(answer.type).toBe('error');
    ws.send(JSON.stringify({ id: '2', type: 'subscribe', payload: { query: 'subscription { nope }' } }));
    const unknown = await nextMessage(ws);
    expect(unknown.type).toBe('error');
    expect(JSON.stringify(unknown)).not.toContain('Did you mean');
    ws.close();
  });

  it('answers one subscribe past WS_MAX_SUBSCRIPTIONS_PER_SOCKET with TOO_MANY_SUBSCRIPTIONS; the others go on', async () => {
    const t = await startGateway({ env: { WS_MAX_SUBSCRIPTIONS_PER_SOCKET: '2' } });
    const id = await createTopUp(t);
    const c = await connect(t);
    c.subscribe('a', WATCH, { id });
    c.subscribe('b', WATCH, { id });
    expect((await c.answer('a')).type).toBe('next');
    expect((await c.answer('b')).type).toBe('next');
    c.subscribe('c', WATCH, { id });
    const refused = await c.answer('c');
    expect(refused.type).toBe('error');
    expect(JSON.stringify(refused.payload)).toContain('TOO_MANY_SUBSCRIPTIONS');
    // Completing one frees its slot; the socket never closed.
    c.ws.send(JSON.stringify({ id: 'a', type: 'complete' }));
    await waitFor(
      'a slot',
      async () => {
        const next = `d${c.messages.length}`;
        c.subscribe(next, WATCH, { id });
        return c.answer(next);
      },
      (m) => m.type === 'next',
    );
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
    expect(t.gateway.webSockets.stats()?.refusedSubscriptions).toBeGreaterThanOrEqual(1);
    c.ws.close();
  });

  it('closes the socket past WS_MAX_SOCKETS_PER_KEY with 4429; other keys and freed slots are fine', async () => {
    const t = await startGateway({ env: { WS_MAX_SOCKETS_PER_KEY: '2' } });
    const acked = async (c: Awaited<ReturnType<typeof connect>>) =>
      waitFor(
        'ack',
        () => c.messages,
        (m) => m.some((x) => x.type === 'connection_ack'),
      );
    const first = await connect(t);
    const second = await connect(t);
    await acked(first);
    await acked(second);
    const third = await connect(t);
    expect(await third.closedWith).toBe(4429);
    const other = await connect(t, await t.createKey('globex'));
    await acked(other);
    first.ws.close();
    await first.closedWith;
    await waitFor(
      'a freed slot',
      async () => {
        const again = await connect(t);
        const outcome = await Promise.race([again.closedWith, acked(again).then(() => 'acked' as const)]);
        again.ws.close();
        return outcome;
      },
      (outcome) => outcome === 'acked',
    );
  });

  it('closes a slow reader with 4413 once its waiting output passes WS_MAX_BUFFERED_BYTES, and counts it', {
    timeout: 45_000,
  }, async () => {
    const t = await startGateway({
      env: { WS_MAX_BUFFERED_BYTES: String(256 * 1024), WS_MAX_SUBSCRIPTIONS_PER_SOCKET: '1000' },
    });
    const id = await createTopUp(t);
    // About 25 KB per answer: ten copies of the product's operator with its products.
    const copies = Array.from(
      { length: 10 },
      (_, i) =>
        `p${i}: product { operator { products(first: 100) { edges { node { id name description } } } } }`,
    ).join(' ');
    const big = `subscription ($id: ID!) { transactionUpdated(id: $id) { id ${copies} } }`;
    const c = await connect(t);
    await waitFor(
      'ack',
      () => c.messages,
      (m) => m.some((x) => x.type === 'connection_ack'),
    );
    // The client stops reading: what the gateway sends piles up in its kernel buffers, then in its own.
    (c.ws as unknown as { _socket: Socket })._socket.pause();
    for (let i = 0; i < 800; i++) c.subscribe(`s${i}`, big, { id });
    await waitFor(
      'the slow reader closed',
      () => t.gateway.webSockets.stats()?.closedSlowReaders ?? 0,
      (n) => n === 1,
      30_000,
    );
    (c.ws as unknown as { _socket: Socket })._socket.resume();
    expect(await c.closedWith).toBe(4413);
    // The gateway goes on serving others.
    const d = await connect(t);
    d.subscribe('x', WATCH, { id });
    expect((await d.answer('x')).type).toBe('next');
    d.ws.close();
  });

  it('refuses a subscription over the cost limit with its own error, on a socket that goes on', async () => {
    const t = await startGateway();
    const id = await createTopUp(t);
    const c = await connect(t);
    const expensive = EXPENSIVE;
    c.subscribe('costly', expensive, { id });
    const refused = await c.answer('costly');
    expect(refused.type).toBe('error');
    expect(JSON.stringify(refused.payload)).toContain('OPERATION_TOO_EXPENSIVE');
    c.subscribe('fine', WATCH, { id });
    expect((await c.answer('fine')).type).toBe('next');
    c.ws.close();
  });

  it('refuses the same over server-sent events, never a 500', async () => {
    const t = await startGateway();
    const id = await createTopUp(t);
    const res = await postEventStream(t.url, t.apiKey, EXPENSIVE, { id });
    expect(res.status).toBeLessThan(500);
    expect(await res.text()).toContain('OPERATION_TOO_EXPENSIVE');
  });

  it('closes with 4400, not 4500, when a client sends a message only a server may send', async () => {
    const t = await startGateway();
    for (const type of ['connection_ack', 'next', 'error']) {
      const c = await connect(t);
      await waitFor(
        'ack',
        () => c.messages,
        (m) => m.some((x) => x.type === 'connection_ack'),
      );
      c.ws.send(JSON.stringify({ id: '1', type, payload: {} }));
      expect(await c.closedWith).toBe(4400);
    }
  });

  it('ends the socket of a key revoked while it was open with 4403, never 4500', async () => {
    const t = await startGateway();
    const id = await createTopUp(t);
    const key = await t.createKey('acme');
    const c = await connect(t, key);
    c.subscribe('before', WATCH, { id });
    expect((await c.answer('before')).type).toBe('next');
    const record = (await t.gateway.store.listApiKeys()).find((k) => key.startsWith(k.prefix))!;
    expect(await t.gateway.store.revokeApiKey(record.id)).toBe(true);
    // Key look-ups are cached for up to 5 s: the socket ends at the first subscribe after that.
    let code: number | undefined;
    void c.closedWith.then((closed) => {
      code = closed;
    });
    let attempt = 0;
    await waitFor(
      'the socket closed',
      () => {
        if (code === undefined && c.ws.readyState === WebSocket.OPEN)
          c.subscribe(`after${attempt++}`, WATCH, { id });
        return code;
      },
      (closed) => closed !== undefined,
      10_000,
    );
    expect(code).toBe(4403);
  }, 20_000);
});
