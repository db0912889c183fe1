import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { catalogueTypes } from '../../src/plugins/catalogue-documents.js';
import { schema } from '../../src/schema/index.js';
import { startGateway, type TestGateway } from '../helpers/gateway.js';
import { startSandbox } from '../helpers/sandbox.js';
import { waitFor } from '../helpers/wait.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const COUNTRY = /* GraphQL */ `
  query ($iso: CountryCode!) {
    country(isoCode: $iso) {
      name
      operators(first: 3) {
        edges { node { name products(first: 3) { edges { node { __typename productId name } } } } }
      }
    }
  }
`;
const NAME_ONLY = /* GraphQL */ `{ country(isoCode: "IDN") { name } }`;
const WITH_OPERATORS = /* GraphQL */ `{ country(isoCode: "IDN") { name operators(first: 2) { totalCount } } }`;

/**
 * How many entity-cache reads the gateway made while `run` ran: an answer served whole from the response cache
 * makes none (not even cache hits), one executed makes some.
 */
async function entityReads(t: TestGateway, run: () => Promise<unknown>): Promise<number> {
  const cache = t.gateway.cache;
  const read = cache.read;
  let reads = 0;
  cache.read = (...args) => {
    reads++;
    return read(...args);
  };
  try {
    await run();
  } finally {
    cache.read = read;
  }
  return reads;
}

describe('the response cache', () => {
  it('serves a repeated catalogue query whole: no upstream call, no execution, the same bytes', async () => {
    const t = await startGateway();
    const first = await t.gql(COUNTRY, { iso: 'IDN' });
    expect(first.errors).toBeUndefined();
    t.sandbox.control.resetCalls();
    let second: Awaited<ReturnType<TestGateway['gql']>> | undefined;
    expect(await entityReads(t, async () => (second = await t.gql(COUNTRY, { iso: 'IDN' })))).toBe(0);
    expect(t.sandbox.control.calls()).toBe(0);
    expect(second?.text).toBe(first.text);
    // Other variables are another answer.
    expect(await entityReads(t, () => t.gql(COUNTRY, { iso: 'PHL' }))).toBeGreaterThan(0);
  });

  it('is not shared across tenants, scopes, languages or DT One accounts', async () => {
    const sandbox = await startSandbox();
    const t = await startGateway({ sandbox });
    const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
    await t.gql(NAME_ONLY);
    expect(await entityReads(t, () => t.gql(NAME_ONLY))).toBe(0);

    const globex = await t.createKey('globex');
    expect(await entityReads(t, () => t.gql(NAME_ONLY, {}, bearer(globex)))).toBeGreaterThan(0);
    const narrow = await t.createKey('acme', ['catalogue:read']);
    expect(await entityReads(t, () => t.gql(NAME_ONLY, {}, bearer(narrow)))).toBeGreaterThan(0);
    expect(await entityReads(t, () => t.gql(NAME_ONLY, {}, { 'accept-language': 'fr-FR' }))).toBeGreaterThan(
      0,
    );

    // Beta reads on the deployment's account, then moves to its own: the next read goes to that account.
    const beta = await t.createKey('beta');
    const own = sandbox.control.accounts.add();
    await t.gql(NAME_ONLY, {}, bearer(beta));
    const set = await t.gql(
      `mutation ($input: SetTenantAccountInput!) { setTenantAccount(input: $input) { tenantId } }`,
      { input: { tenantId: 'beta', api: 'DVS', ...own.credentials.dvs } },
    );
    expect(set.errors).toBeUndefined();
    sandbox.control.resetCalls();
    const moved = await t.gql(NAME_ONLY, {}, bearer(beta));
    expect(moved.errors).toBeUndefined();
    expect(sandbox.control.callsBy(own.id, 'GET /v1/countries/{country_iso_code}')).toBe(1);
  });

  it('never keeps an answer holding a balance, a look-up or a transaction', async () => {
    const t = await startGateway();
    const mixed = [
      `{ country(isoCode: "IDN") { name } balances(unit: "USD") { available { amount } } }`,
      `{ country(isoCode: "IDN") { name } lookupMobileNumber(number: "+6281234567890") { operator { name } } }`,
      `{ country(isoCode: "IDN") { name } transactions(first: 1) { totalCount } }`,
    ];
    for (const query of mixed) {
      // Answers without errors: an error alone would keep them out, which is not what is tested here.
      const first = await t.gql(query);
      expect(first.errors, `${query}: ${first.text}`).toBeUndefined();
      expect(await entityReads(t, () => t.gql(query)), query).toBeGreaterThan(0);
    }
    // No catalogue type leads to one of those: the allow-list is closed.
    const denied = [
      'Transaction',
      'Balance',
      'MobileOperatorMatch',
      'Statement',
      'CreditPartyStatus',
      'CreditPartyBenefit',
      'BillPayment',
      'PinRead',
      'WebhookEndpoint',
    ];
    for (const name of denied) expect(schema.getType(name), name).toBeDefined();
    const types = catalogueTypes(schema);
    expect(denied.filter((name) => types.has(name))).toEqual([]);
  });

  it('keeps an answer only as long as the freshest-ending entity it read', async () => {
    let clock = Date.now();
    const t = await startGateway({ gatewayOptions: { sharedCache: { now: () => clock } } });
    await t.gql(NAME_ONLY); // the country, fresh for 5 minutes from now
    clock += 4 * 60_000;
    await t.gql(WITH_OPERATORS); // operators fresh 5 more minutes, the country 1 more
    clock += 30_000;
    expect(await entityReads(t, () => t.gql(WITH_OPERATORS))).toBe(0);
    clock += 31_000; // past the country's freshness, inside the operators'
    t.sandbox.control.resetCalls();
    expect(await entityReads(t, () => t.gql(WITH_OPERATORS))).toBeGreaterThan(0);
    expect(t.sandbox.control.calls()).toBeGreaterThan(0);
  });

  it('never keeps an answer served stale, and forgets answers when the entity cache is emptied', async () => {
    let clock = Date.now();
    const t = await startGateway({ gatewayOptions: { sharedCache: { now: () => clock } } });
    const fresh = await t.gql(WITH_OPERATORS);
    clock += 10 * 60_000;
    t.sandbox.control.faults.add({ route: '*', times: 1000, status: 503, body: 'down' });
    const stale = await t.gql(WITH_OPERATORS);
    expect(stale.extensions?.stale).toBe(true);
    expect(stale.data).toEqual(fresh.data);
    expect(await entityReads(t, () => t.gql(WITH_OPERATORS))).toBeGreaterThan(0);
    t.sandbox.control.faults.clear();

    await t.gql(NAME_ONLY);
    expect(await entityReads(t, () => t.gql(NAME_ONLY))).toBe(0);
    t.gateway.cache.clear();
    expect(await entityReads(t, () => t.gql(NAME_ONLY))).toBeGreaterThan(0);
  });

  it('keeps only single JSON answers: a query answered as an event stream is executed each time', async () => {
    const t = await startGateway();
    const asStream = async () => {
      const res = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'text/event-stream',
          authorization: `Bearer ${t.apiKey}`,
        },
        body: JSON.stringify({ query: NAME_ONLY }),
      });
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      return res.text();
    };
    expect(await asStream()).toContain('Indonesia');
    expect(await entityReads(t, asStream)).toBeGreaterThan(0);
  });

  it('logs an answer served whole as an operation, named from its document', async () => {
    const out = new PassThrough();
    const lines: string[] = [];
    out.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
    const t = await startGateway({ gatewayOptions: { logger: createLogger('info', out) } });
    const named = `query Named ${NAME_ONLY}`;
    await t.gql(named);
    await t.gql(named, {}, { 'x-request-id': 'served-whole' });
    const hit = await waitFor(
      'the hit logged',
      () =>
        lines
          .map((l) => JSON.parse(l) as Record<string, unknown>)
          .find((l) => l.requestId === 'served-whole'),
      (line) => line !== undefined,
    );
    expect(hit).toMatchObject({
      msg: 'graphql operation',
      tenant: 'acme',
      operation: 'Named',
      type: 'query',
      outcome: 'ok',
      responseCache: 'hit',
    });
  });

  it('executes every query when RESPONSE_CACHE=false', async () => {
    const t = await startGateway({ env: { RESPONSE_CACHE: 'false' } });
    await t.gql(NAME_ONLY);
    expect(await entityReads(t, () => t.gql(NAME_ONLY))).toBeGreaterThan(0);
  });

  it('shares answers through Redis: an answer built on one gateway is served whole by another', async () => {
    const sandbox = await startSandbox();
    const a = await startGateway({ sandbox, env: { REDIS_URL } });
    const b = await startGateway({ sandbox, env: { REDIS_URL } });
    const onA = await a.gql(COUNTRY, { iso: 'IDN' });
    expect(onA.errors).toBeUndefined();
    sandbox.control.resetCalls();
    let onB: Awaited<ReturnType<TestGateway['gql']>> | undefined;
    expect(await entityReads(b, async () => (onB = await b.gql(COUNTRY, { iso: 'IDN' })))).toBe(0);
    expect(onB?.text).toBe(onA.text);
    expect(sandbox.control.calls()).toBe(0);
  });
});
