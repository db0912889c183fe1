import { serverAudits } from 'graphql-http';
import { beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedGateway, type TestGateway } from '../helpers/gateway.js';

let t: TestGateway;
beforeAll(async () => {
  t = await startEmbeddedGateway();
});

describe('GraphQL over HTTP', () => {
  it('passes every MUST audit of the GraphQL-over-HTTP spec', async () => {
    const audits = serverAudits({ url: () => `${t.url}/graphql` });
    const failures: string[] = [];
    for (const audit of audits.filter((a) => a.name.startsWith('MUST'))) {
      const result = await audit.fn();
      if (result.status !== 'ok') failures.push(`${audit.name}: ${result.reason}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers GET queries with application/graphql-response+json (with the CSRF header a GET needs)', async () => {
    const query = encodeURIComponent('{ country(isoCode: "IDN") { name } }');
    const res = await fetch(`${t.url}/graphql?query=${query}`, {
      headers: { accept: 'application/graphql-response+json', 'x-graphql-yoga-csrf': '1' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/graphql-response+json');
    expect(await res.json()).toEqual({ data: { country: { name: 'Indonesia' } } });
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(1_100_000) } }),
    });
    expect(res.status).toBe(413);
  });

  it('rejects too deep, too aliased, too long and too expensive operations before execution', async () => {
    const deep = `{ country(isoCode: "IDN") { operators { edges { node { products { edges { node { promotions { edges { node { products { operator { country { name } } } } } } } } } } } } } }`;
    const aliases = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: country(isoCode: "IDN") { name }`).join(' ')} }`;
    const tokens = `{ ${Array.from({ length: 1200 }, () => '__typename').join(' ')} }`;
    const expensive = `{ countries(first: 100) { edges { node { operators(first: 100) { edges { node { products(first: 100) { edges { node { name } } } } } } } } } }`;
    t.sandbox.control.resetCalls();
    for (const query of [deep, aliases, tokens, expensive]) {
      const res = await t.gql(query);
      expect(res.errors?.length, query.slice(0, 40)).toBeGreaterThan(0);
      expect(res.data ?? null).toBeNull();
    }
    expect(t.sandbox.control.calls()).toBe(0);
    const costly = await t.gql(expensive);
    expect(costly.errors?.[0]?.extensions?.code).toBe('OPERATION_TOO_EXPENSIVE');
  });

  it('never suggests field names to a client', async () => {
    const res = await t.gql('{ countri { name } }');
    expect(res.text).not.toContain('Did you mean');
  });
});
