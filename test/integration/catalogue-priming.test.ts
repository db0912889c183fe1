import { describe, expect, it } from 'vitest';
import { startGateway } from '../helpers/gateway.js';
import { startSandbox } from '../helpers/sandbox.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const MINUTE = 60_000;

const COUNTRIES = /* GraphQL */ `{ countries(first: 100) { edges { node { isoCode name } } } }`;
const COUNTRY = /* GraphQL */ `query ($iso: CountryCode!) { country(isoCode: $iso) { name } }`;
const BY_ID = 'GET /v1/countries/{country_iso_code}';

type Countries = { countries: { edges: { node: { isoCode: string; name: string } }[] } };

// The whole answer is not kept (RESPONSE_CACHE=false): each query reads the list through the entity cache, as a
// warm query does with the response cache off.
const env = { RESPONSE_CACHE: 'false' };

describe('entities primed from a list page', () => {
  it('are fresh as long as the page they came from, however often the page is read warm', async () => {
    let clock = Date.now();
    const t = await startGateway({ env, gatewayOptions: { sharedCache: { now: () => clock } } });
    const cold = await t.gql<Countries>(COUNTRIES);
    expect(cold.errors).toBeUndefined();
    const iso = cold.data!.countries.edges[0]!.node.isoCode;

    // The page primed its countries: a by-id read costs nothing.
    t.sandbox.control.resetCalls();
    expect((await t.gql(COUNTRY, { iso })).errors).toBeUndefined();
    expect(t.sandbox.control.calls()).toBe(0);

    // Read warm near the end of the page's freshness: still no call, and no new freshness for the countries in it.
    clock += 4 * MINUTE;
    const warm = await t.gql<Countries>(COUNTRIES);
    expect(warm.data).toEqual(cold.data);
    expect(t.sandbox.control.calls()).toBe(0);

    // Past the page's freshness the country is as old as the page: reading it by id asks DT One again.
    clock += 2 * MINUTE;
    const again = await t.gql<{ country: { name: string } }>(COUNTRY, { iso });
    expect(again.errors).toBeUndefined();
    expect(t.sandbox.control.calls(BY_ID)).toBe(1);
  });

  it('are primed from a page another gateway left in Redis, fresh only as long as that page', async () => {
    let clock = Date.now();
    const sandbox = await startSandbox();
    const gatewayOptions = { sharedCache: { now: () => clock } };
    const a = await startGateway({ sandbox, env: { ...env, REDIS_URL }, gatewayOptions });
    const b = await startGateway({ sandbox, env: { ...env, REDIS_URL }, gatewayOptions });
    const onA = await a.gql<Countries>(COUNTRIES);
    expect(onA.errors).toBeUndefined();
    const iso = onA.data!.countries.edges[0]!.node.isoCode;

    clock += 4 * MINUTE;
    sandbox.control.resetCalls();
    const onB = await b.gql<Countries>(COUNTRIES);
    expect(onB.data).toEqual(onA.data);
    // B took the page from Redis, and its countries with it.
    expect((await b.gql(COUNTRY, { iso })).errors).toBeUndefined();
    expect(sandbox.control.calls()).toBe(0);

    // The page A fetched is past its freshness now, and so is every country B learned from it.
    clock += 2 * MINUTE;
    expect((await b.gql(COUNTRY, { iso })).errors).toBeUndefined();
    expect(sandbox.control.calls(BY_ID)).toBe(1);
  });
});
