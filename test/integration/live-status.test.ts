import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { postEventStream, startGateway, type TestGateway } from '../helpers/gateway.js';
import { startSandbox } from '../helpers/sandbox.js';
import { waitFor } from '../helpers/wait.js';

const CREATE = /* GraphQL */ `
  mutation ($input: CreateTransactionInput!) {
    createTransaction(input: $input) { ... on CreateTransactionSuccess { transaction { id statusClass } } }
  }
`;
const CONFIRM = /* GraphQL */ `mutation ($id: ID!) { confirmTransaction(input: { id: $id }) { __typename } }`;
const WATCH = /* GraphQL */ `subscription ($id: ID!) { transactionUpdated(id: $id) { id statusClass status } }`;
const WATCH_PAST_COMPLETED = /* GraphQL */ `subscription ($id: ID!) {
  transactionUpdated(id: $id, followReversal: true) { id statusClass status }
}`;

const STATUS = /* GraphQL */ `query ($id: ID!) { transaction(id: $id) { statusClass } }`;

const FAST = { RECONCILE_FIRST_POLL_MS: '200', RECONCILE_INTERVAL_MS: '100' };

async function createTopUp(t: TestGateway, suffix = '100'): Promise<string> {
  const product = t.sandbox.catalogue.products.find(
    (p) =>
      p.type === 'FIXED_VALUE_RECHARGE' &&
      JSON.stringify(p.json.en.required_credit_party_identifier_fields) === '[["mobile_number"]]',
  )!;
  const res = await t.gql<{ createTransaction: { transaction: { id: string } } }>(CREATE, {
    input: {
      idempotencyKey: randomUUID(),
      productId: product.id,
      creditParty: { mobileNumber: `+6591234${suffix}` },
    },
  });
  return res.data!.createTransaction.transaction.id;
}

/**
 * Reads a server-sent-events subscription until `until` says stop or the server completes it. `ready` settles with
 * the first event (the current state): from then on the subscription misses nothing.
 */
function sse(
  t: TestGateway,
  id: string,
  until: (classes: string[]) => boolean,
  query = WATCH,
): { ready: Promise<void>; classes: Promise<string[] & { completed?: boolean }> } {
  let subscribed!: () => void;
  const ready = new Promise<void>((resolve) => {
    subscribed = resolve;
  });
  return { ready, classes: read(t, id, until, query, () => subscribed()) };
}

async function read(
  t: TestGateway,
  id: string,
  until: (classes: string[]) => boolean,
  query: string,
  onEvent: () => void,
): Promise<string[] & { completed?: boolean }> {
  const res = await postEventStream(t.url, t.apiKey, query, { id });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const classes: string[] & { completed?: boolean } = [];
  let buffer = '';
  while (!until(classes)) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    for (const line of buffer.split('\n')) {
      if (line === 'event: complete') classes.completed = true;
      if (!line.startsWith('data: ')) continue;
      const payload = JSON.parse(line.slice(6)) as { data?: { transactionUpdated: { statusClass: string } } };
      if (payload.data) {
        classes.push(payload.data.transactionUpdated.statusClass);
        onEvent();
      }
    }
    buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
  }
  await reader.cancel();
  return classes;
}

describe('live status', () => {
  it('streams the current state, then each change once, over SSE as callbacks arrive', async () => {
    const t = await startGateway({ env: FAST });
    const id = await createTopUp(t);
    // Read until the server ends the stream: it completes after the final status.
    const stream = sse(t, id, () => false);
    await stream.ready;
    await t.gql(CONFIRM, { id });
    const classes = await stream.classes;
    expect(classes.completed).toBe(true);
    expect(classes[0]).toBe('CREATED');
    expect(classes.at(-1)).toBe('COMPLETED');
    expect(new Set(classes).size).toBe(classes.length);
    await t.sandbox.control.engine.callbacksIdle();
    expect(t.sandbox.control.engine.deliveries().some((d) => d.httpStatus === 204)).toBe(true);
  });

  it('streams over graphql-ws with the key in connectionParams', async () => {
    const t = await startGateway({ env: FAST });
    const id = await createTopUp(t);
    const client = createClient({
      url: `${t.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${t.apiKey}` },
    });
    const classes: string[] = [];
    const done = new Promise<void>((resolve, reject) => {
      client.subscribe<{ transactionUpdated: { statusClass: string } }>(
        { query: WATCH, variables: { id } },
        {
          next: (msg) => {
            classes.push(msg.data!.transactionUpdated.statusClass);
          },
          error: reject,
          // The server completes the subscription after the final status; the client ends nothing itself.
          complete: () => resolve(),
        },
      );
    });
    await waitFor(
      'the current state, first',
      () => classes.length,
      (n) => n > 0,
    );
    await t.gql(CONFIRM, { id });
    await done;
    await client.dispose();
    expect(classes[0]).toBe('CREATED');
    expect(classes.at(-1)).toBe('COMPLETED');
  });

  it('answers a settled transaction with its final state once and completes, on SSE and on graphql-ws', async () => {
    const t = await startGateway({ env: FAST });
    const id = await createTopUp(t);
    await t.gql(CONFIRM, { id });
    await waitFor(
      'the top-up settled',
      () => t.gql<{ transaction: { statusClass: string } }>(STATUS, { id }),
      (r) => r.data?.transaction.statusClass === 'COMPLETED',
    );
    for (let run = 0; run < 2; run++) {
      const overSse = await sse(t, id, () => false).classes;
      expect([...overSse]).toEqual(['COMPLETED']);
      expect(overSse.completed).toBe(true);
    }
    const client = createClient({
      url: `${t.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${t.apiKey}` },
    });
    try {
      for (let run = 0; run < 2; run++) {
        const overWs: string[] = [];
        await new Promise<void>((resolve, reject) => {
          client.subscribe<{ transactionUpdated: { statusClass: string } }>(
            { query: WATCH, variables: { id } },
            {
              next: (msg) => overWs.push(msg.data!.transactionUpdated.statusClass),
              error: reject,
              complete: resolve,
            },
          );
        });
        expect(overWs).toEqual(['COMPLETED']);
      }
    } finally {
      await client.dispose();
    }
  });

  it('settles every transaction through the reconciler when all callbacks are dropped', async () => {
    const t = await startGateway({ env: FAST });
    t.sandbox.control.engine.setCallbackFaults({ drop: 1 });
    const ids = await Promise.all(Array.from({ length: 5 }, () => createTopUp(t)));
    for (const id of ids) await t.gql(CONFIRM, { id });
    const classes = await waitFor(
      'every transaction settled by polls',
      () =>
        Promise.all(
          ids.map(
            async (id) =>
              (await t.gql<{ transaction: { statusClass: string } }>(STATUS, { id })).data!.transaction
                .statusClass,
          ),
        ),
      (all) => all.every((c) => c === 'COMPLETED'),
    );
    expect(classes).toEqual(ids.map(() => 'COMPLETED'));
    expect(t.sandbox.control.engine.deliveries().filter((d) => d.httpStatus === 204)).toHaveLength(0);
  });

  it('shows each status once when every callback comes three times, and REVERSED after COMPLETED', async () => {
    const t = await startGateway({ env: FAST });
    t.sandbox.control.engine.setCallbackFaults({ duplicate: 2 });
    const id = await createTopUp(t);
    const stream = sse(t, id, () => false, WATCH_PAST_COMPLETED);
    await stream.ready;
    await t.gql(CONFIRM, { id });
    const completed = await waitFor(
      'the top-up completed',
      () =>
        t.gql<{ transaction: { upstreamId: string; statusClass: string } }>(
          /* GraphQL */ `query ($id: ID!) { transaction(id: $id) { upstreamId statusClass } }`,
          { id },
        ),
      (r) => r.data?.transaction.statusClass === 'COMPLETED',
    );
    t.sandbox.control.engine.reverse(completed.data!.transaction.upstreamId);
    const classes = await stream.classes;
    expect([...classes]).toEqual(['CREATED', 'CONFIRMED', 'COMPLETED', 'REVERSED']);
    expect(classes.completed).toBe(true);
    await t.sandbox.control.engine.callbacksIdle();
    const delivered = t.sandbox.control.engine.deliveries().filter((d) => d.httpStatus === 204);
    expect(delivered.length).toBeGreaterThanOrEqual(6);
  });

  it('moves only forward when callbacks arrive reordered (a newer state, then an older copy)', async () => {
    const t = await startGateway({ env: FAST });
    t.sandbox.control.engine.setCallbackFaults({ reorder: true, duplicate: 1 });
    const id = await createTopUp(t);
    const stream = sse(t, id, (c) => c.includes('COMPLETED'));
    await stream.ready;
    await t.gql(CONFIRM, { id });
    const classes = await stream.classes;
    expect([...classes]).toEqual(['CREATED', 'CONFIRMED', 'COMPLETED']);
    // Barrier: every callback, the older copies included, has been delivered and answered.
    await t.sandbox.control.engine.callbacksIdle();
    const read = await t.gql<{ transaction: { statusClass: string; history: { statusClass: string }[] } }>(
      /* GraphQL */ `query ($id: ID!) { transaction(id: $id) { statusClass history { statusClass } } }`,
      { id },
    );
    expect(read.data!.transaction.statusClass).toBe('COMPLETED');
    expect(read.data!.transaction.history.map((h) => h.statusClass)).toEqual([
      'CREATED',
      'CONFIRMED',
      'COMPLETED',
    ]);
  });

  it('requires the configured callback credentials, as DT Shop sends them', async () => {
    const sandbox = await startSandbox({
      callbackCredentials: { username: 'dtone', password: 'callback-pass' },
    });
    const t = await startGateway({
      sandbox,
      env: { ...FAST, CALLBACK_USERNAME: 'dtone', CALLBACK_PASSWORD: 'callback-pass' },
    });
    const id = await createTopUp(t);
    const local = Buffer.from(id, 'base64').toString().split(':')[1]!;
    const bare = await fetch(`${t.url}/callbacks/dtone/${local}/token`, { method: 'POST', body: '{}' });
    expect(bare.status).toBe(401);
    await t.gql(CONFIRM, { id });
    await waitFor(
      'a callback accepted with the credentials',
      () => sandbox.control.engine.deliveries(),
      (deliveries) => deliveries.some((d) => d.httpStatus === 204),
      10_000,
    );
  });

  it("answers a subscription to another tenant's transaction exactly like one to a missing id", async () => {
    const t = await startGateway({ env: FAST });
    const id = await createTopUp(t);
    const other = await t.createKey('globex');
    const subscribe = async (txId: string) => {
      const res = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'text/event-stream',
          authorization: `Bearer ${other}`,
        },
        body: JSON.stringify({ query: WATCH, variables: { id: txId } }),
      });
      const text = await res.text();
      // Each request has its own id; everything else must be the same.
      return text.replace(/"locations":\[[^\]]*\],?/g, '').replace(/"requestId":"[^"]*"/g, '');
    };
    const foreign = await subscribe(id);
    const missing = await subscribe(Buffer.from(`Transaction:${randomUUID()}`).toString('base64'));
    expect(foreign).toContain('TRANSACTION_NOT_FOUND');
    expect(foreign).not.toContain('statusClass');
    expect(foreign).toBe(missing);
  });

  it('answers a forged or malformed callback without changing anything', async () => {
    const t = await startGateway({ env: FAST });
    const id = await createTopUp(t);
    const local = Buffer.from(id, 'base64').toString().split(':')[1]!;
    const post = (path: string, body: string) =>
      fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect((await post(`/callbacks/dtone/${local}/not-the-token`, '{}')).status).toBe(404);
    expect((await post(`/callbacks/dtone/${randomUUID()}/whatever`, '{}')).status).toBe(404);
    expect((await post('/callbacks/dtone/x', '{}')).status).toBe(404);
    expect((await post(`/callbacks/dtone/${local}/not-the-token`, '{"status":')).status).toBe(400);
    expect((await post(`/callbacks/dtone/${local}/t`, 'x'.repeat(70_000))).status).toBe(413);
    const read = await t.gql<{ transaction: { statusClass: string; history: unknown[] } }>(
      /* GraphQL */ `query ($id: ID!) { transaction(id: $id) { statusClass history { statusClass } } }`,
      { id },
    );
    expect(read.data!.transaction).toMatchObject({ statusClass: 'CREATED' });
    expect(read.data!.transaction.history).toHaveLength(1);
  });
});
