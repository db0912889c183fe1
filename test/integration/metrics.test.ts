import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { postEventStream, startGateway } from '../helpers/gateway.js';
import { freePort } from '../helpers/gateway-process.js';
import { mobileTopUp } from '../helpers/sandbox.js';
import { waitFor } from '../helpers/wait.js';

const TOKEN = 'a-metrics-token-for-tests';

describe('/metrics', () => {
  it('serves Prometheus metrics to the token on the main port and alone on METRICS_PORT, with bounded labels only', async () => {
    const t = await startGateway({ env: { METRICS_TOKEN: TOKEN, METRICS_PORT: String(await freePort()) } });
    const scrape = async () => {
      const res = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      return res.text();
    };
    expect((await fetch(`${t.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(
      401,
    );

    await t.gql('query MyVerySecretOperationName { products(first: 1) { edges { node { id } } } }');
    await t.gql('{ product(id: 999999999) { name } }');
    const number = '+6591234100';
    await t.gql(
      /* GraphQL */ `mutation ($input: CreateTransactionInput!) { createTransaction(input: $input) { __typename } }`,
      {
        input: {
          idempotencyKey: randomUUID(),
          productId: mobileTopUp(t.sandbox).id,
          creditParty: { mobileNumber: number },
          autoConfirm: true,
        },
      },
    );
    const text = await waitFor('the callback counted', scrape, (m) =>
      /dtone_gateway_callbacks_total\{status="204"\} [1-9]/.test(m),
    );
    expect(text).toMatch(
      /dtone_gateway_graphql_operation_duration_seconds_count\{type="query",outcome="ok"\} [1-9]/,
    );
    expect(text).toMatch(
      /dtone_gateway_graphql_operation_duration_seconds_count\{type="mutation",outcome="ok"\} 1/,
    );
    expect(text).toMatch(/dtone_gateway_graphql_errors_total\{code="PRODUCT_UNAVAILABLE"\} 1/);
    expect(text).toMatch(
      /dtone_gateway_upstream_call_duration_seconds_count\{api="dvs",method="POST",route="\/async\/transactions",status="201"\} 1/,
    );
    expect(text).toMatch(/dtone_gateway_process_cpu_seconds_total \d/);
    expect(text).toMatch(
      /dtone_gateway_store_call_duration_seconds_count\{method="insertIntentWithinCap",outcome="ok"\} 1/,
    );
    // The product list was read from DT One once (a miss); the create read its product again from the process layer.
    expect(text).toMatch(
      /dtone_gateway_cache_reads_total\{ttl="catalogue",layer="upstream",result="miss"\} [1-9]/,
    );
    expect(text).toMatch(/dtone_gateway_reconciler_runs_total [1-9]/);
    expect(text).toMatch(/dtone_gateway_upstream_queue_seconds_count\{api="dvs"\} [1-9]/);
    // Labels never carry what a client chose or sent.
    expect(text).not.toContain('MyVerySecretOperationName');
    expect(text).not.toContain(number.slice(1));

    const own = t.gateway.metricsUrl!;
    expect(own).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const alone = await fetch(own);
    expect(alone.status).toBe(200);
    expect(await alone.text()).toContain('dtone_gateway_graphql_errors_total');
    expect((await fetch(own.replace('/metrics', '/graphql'))).status).toBe(404);
  });

  it('counts the reconciler steps that settle a transaction whose callbacks are lost', async () => {
    const t = await startGateway({
      env: { METRICS_TOKEN: TOKEN, RECONCILE_FIRST_POLL_MS: '100', RECONCILE_INTERVAL_MS: '50' },
    });
    t.sandbox.control.engine.setCallbackFaults({ drop: 1 });
    await t.gql(
      /* GraphQL */ `mutation ($input: CreateTransactionInput!) { createTransaction(input: $input) { __typename } }`,
      {
        input: {
          idempotencyKey: randomUUID(),
          productId: mobileTopUp(t.sandbox).id,
          creditParty: { mobileNumber: '+6591234100' },
          autoConfirm: true,
        },
      },
    );
    const scrape = async () =>
      (await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    await waitFor('a settling step counted', scrape, (m) =>
      /dtone_gateway_reconciler_steps_total\{result="settled"\} [1-9]/.test(m),
    );
  });

  it('gauges the connections open for subscriptions by transport, and counts published changes', async () => {
    const t = await startGateway({ env: { METRICS_TOKEN: TOKEN } });
    const scrape = async () =>
      (await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    const created = await t.gql<{ createTransaction: { transaction: { id: string } } }>(
      /* GraphQL */ `mutation ($input: CreateTransactionInput!) {
        createTransaction(input: $input) { ... on CreateTransactionSuccess { transaction { id } } }
      }`,
      {
        input: {
          idempotencyKey: randomUUID(),
          productId: mobileTopUp(t.sandbox).id,
          creditParty: { mobileNumber: '+6591234100' },
        },
      },
    );
    const id = created.data!.createTransaction.transaction.id;
    const stream = await postEventStream(
      t.url,
      t.apiKey,
      'subscription ($id: ID!) { transactionUpdated(id: $id) { statusClass } }',
      { id },
    );
    const reader = stream.body!.getReader();
    await reader.read();
    const socket = new WebSocket(`${t.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    const open = await waitFor(
      'both connections counted',
      scrape,
      (m) =>
        m.includes('dtone_gateway_subscription_connections{transport="ws"} 1') &&
        m.includes('dtone_gateway_subscription_connections{transport="sse"} 1'),
    );
    expect(open).toMatch(/dtone_gateway_events_published_total [1-9]/);
    // The top-up waits for its confirm: the reconciler watches it, younger than a minute.
    expect(open).toMatch(/dtone_gateway_unsettled_transactions\{age="lt_1m"\} 1\n/);
    expect(open).toMatch(/dtone_gateway_unsettled_transactions\{age="gt_24h"\} 0\n/);
    socket.close();
    await reader.cancel();
    await waitFor(
      'both connections gone',
      scrape,
      (m) =>
        m.includes('dtone_gateway_subscription_connections{transport="ws"} 0') &&
        m.includes('dtone_gateway_subscription_connections{transport="sse"} 0'),
    );
  });

  it('counts refusals by limit: depth, cost, rate and money mutations', async () => {
    const t = await startGateway({
      env: { METRICS_TOKEN: TOKEN, RATE_LIMIT_QUERIES_PER_SECOND: '0.001', RATE_LIMIT_QUERIES_BURST: '4' },
    });
    const codes = async (query: string) => (await t.gql(query)).errors?.map((e) => e.extensions?.code);
    expect(await codes(`{ __typename ${'['.repeat(70)} }`)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(
      await codes(
        '{ countries(first: 100) { edges { node { operators(first: 100) { edges { node { products(first: 100) { edges { node { name } } } } } } } } } }',
      ),
    ).toEqual(['OPERATION_TOO_EXPENSIVE']);
    const create = (alias: string) =>
      `${alias}: createTransaction(input: { idempotencyKey: "${randomUUID()}", productId: 1, creditParty: { mobileNumber: "+2975600100" } }) { __typename }`;
    const writer = await t.createKey('acme', ['transactions:write']);
    const batch = await t.gql(
      `mutation { ${create('a')} ${create('b')} }`,
      {},
      { authorization: `Bearer ${writer}` },
    );
    expect(batch.errors?.map((e) => e.extensions?.code)).toEqual(['TOO_MANY_MONEY_MUTATIONS']);
    // A burst of 4 that refills once in 1,000 s: one of the next five is refused, whichever refusals above drew on it.
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await codes('{ countries(first: 1) { totalCount } }'));
    expect(answers.at(-1)).toEqual(['RATE_LIMITED']);
    const text = await (
      await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })
    ).text();
    for (const limit of ['depth', 'cost', 'money_mutations', 'rate_queries'])
      expect(text).toMatch(new RegExp(`dtone_gateway_limit_rejections_total\\{limit="${limit}"\\} [1-9]`));
  });

  it('is not served on the main port without METRICS_TOKEN', async () => {
    const t = await startGateway();
    expect((await fetch(`${t.url}/metrics`)).status).toBe(404);
  });
});
