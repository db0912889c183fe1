import { afterAll, describe, expect, it } from 'vitest';
import { startGateway } from '../helpers/gateway.js';
import { freshSchema } from '../helpers/postgres.js';
import { startFreezableProxy } from '../store/freezable-proxy.js';

const CREATE = /* GraphQL */ `
  mutation ($input: CreateTransactionInput!) {
    createTransaction(input: $input) {
      __typename
      ... on Error { code }
    }
  }
`;

/**
 * PostgreSQL behind a relay that can stop relaying (a hung server, a partition): the gateway fails closed with a
 * typed STORE_UNAVAILABLE, sends nothing to DT One, and carries on when the database answers again.
 */
describe('store outage, end to end', () => {
  const disposers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const dispose of disposers.reverse()) await dispose();
  });

  it('answers STORE_UNAVAILABLE for key checks and money, never 500, and recovers', async () => {
    const fixture = await freshSchema();
    disposers.push(fixture.dispose);
    const url = new URL(fixture.url);
    const proxy = await startFreezableProxy({ host: url.hostname, port: Number(url.port || 5432) });
    disposers.push(() => proxy.close());
    url.host = `127.0.0.1:${proxy.port}`;
    const t = await startGateway({ env: { DATABASE_URL: url.toString() } });
    const product = t.sandbox.catalogue.products.find(
      (p) =>
        p.type === 'FIXED_VALUE_RECHARGE' &&
        JSON.stringify(p.json.en.required_credit_party_identifier_fields) === '[["mobile_number"]]',
    )!;
    const input = (key: string) => ({
      productId: product.id,
      creditParty: { mobileNumber: '+6591234100' },
      idempotencyKey: key,
    });
    // A key the gateway has not seen yet: checking it needs the store.
    const unseen = await t.createKey('globex');
    expect((await t.gql('{ __typename }')).status).toBe(200);

    proxy.freeze();
    t.sandbox.control.resetCalls();
    const keyCheck = await t.gql('{ __typename }', {}, { authorization: `Bearer ${unseen}` });
    expect(keyCheck.status).toBe(503);
    expect(keyCheck.errors?.[0]?.extensions?.code).toBe('STORE_UNAVAILABLE');
    expect(keyCheck.text).not.toMatch(/stack|at \/|postgres:\/\//i);

    const money = await t.gql<{ createTransaction: { __typename: string; code?: string } }>(CREATE, {
      input: input('outage-1'),
    });
    const code = money.data?.createTransaction?.code ?? money.errors?.[0]?.extensions?.code;
    expect(code).toBe('STORE_UNAVAILABLE');
    expect(t.sandbox.control.callCounts()['POST /v1/async/transactions'] ?? 0).toBe(0);

    proxy.thaw();
    await expect
      .poll(async () => (await t.gql('{ __typename }', {}, { authorization: `Bearer ${unseen}` })).status, {
        timeout: 15_000,
        interval: 250,
      })
      .toBe(200);
    const retried = await t.gql<{ createTransaction: { __typename: string } }>(CREATE, {
      input: input('outage-1'),
    });
    expect(retried.data?.createTransaction.__typename).toBe('CreateTransactionSuccess');
  }, 60_000);
});
