import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startEmbeddedGateway, startGateway, type TestGateway } from '../helpers/gateway.js';
import { mobileTopUp, startSandbox } from '../helpers/sandbox.js';

/** Issue 12, findings 1-4: what a caller without a key, or another web site, can get out of the gateway. */

const ENUM_LITERAL = '{ transactions(filter: { statusClass: COMPLETE }) { totalCount } }';
const ENUM_VARIABLE = /* GraphQL */ `
  query ($f: TransactionFilter) { transactions(filter: $f) { totalCount } }
`;
const INTROSPECTION = '{ __schema { queryType { name } } }';
const CREATE = /* GraphQL */ `
  mutation ($input: CreateTransactionInput!) {
    createTransaction(input: $input) { __typename ... on CreateTransactionSuccess { transaction { id } } }
  }
`;
const EVIL = 'https://evil.example';

async function post(url: string, init: { headers?: Record<string, string>; body: string }) {
  return fetch(`${url}/graphql`, { method: 'POST', headers: init.headers ?? {}, body: init.body });
}

/** What a browser asks before a cross-origin JSON POST with a key. */
function preflightFrom(url: string, origin: string) {
  return fetch(`${url}/graphql`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, authorization',
    },
  });
}

/** A JSON POST from each origin gets that origin back when allowed, no CORS header otherwise, never credentials. */
async function expectCorsAnswers(
  url: string,
  cases: ReadonlyArray<readonly [origin: string, allowed: boolean]>,
) {
  for (const [origin, allowed] of cases) {
    const res = await post(url, {
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.headers.get('access-control-allow-origin'), origin).toBe(allowed ? origin : null);
    expect(res.headers.get('access-control-allow-credentials'), origin).toBeNull();
  }
}

/** Runs one operation over graphql-ws and returns what came back (data or errors), as text. */
async function overWebSocket(url: string, query: string, authorization?: string): Promise<string> {
  const client = createClient({
    url: `${url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    ...(authorization && { connectionParams: { authorization } }),
  });
  try {
    return await new Promise<string>((resolve) => {
      client.subscribe(
        { query },
        {
          next: (msg) => resolve(JSON.stringify(msg)),
          error: (e) => resolve(JSON.stringify(e)),
          complete: () => {},
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

/** A cross-site form post: a browser sends it without a preflight, cookies and all. */
function formBody(query: string, variables: Record<string, unknown>): string {
  return new URLSearchParams({ query, variables: JSON.stringify(variables) }).toString();
}

function topUpInput(t: TestGateway) {
  const product = mobileTopUp(t.sandbox);
  return {
    idempotencyKey: randomUUID(),
    productId: product.id,
    creditParty: { mobileNumber: '+6591234100' },
  };
}

describe('live mode, defaults', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startGateway({ sandbox: await startSandbox() });
  });

  it('never suggests an enum value to a caller without a key (literal or variable)', async () => {
    const literal = await t.gql(ENUM_LITERAL, undefined, { authorization: '' });
    expect(literal.errors?.length).toBeGreaterThan(0);
    expect(literal.text).not.toMatch(/Did you mean/);
    const variable = await t.gql(ENUM_VARIABLE, { f: { statusClass: 'COMPLETE' } }, { authorization: '' });
    expect(variable.errors?.length).toBeGreaterThan(0);
    expect(variable.text).not.toMatch(/Did you mean/);
  });

  it('never suggests names to a keyed caller either, while FIELD_SUGGESTIONS is off (HTTP or websocket)', async () => {
    const res = await t.gql(ENUM_LITERAL);
    expect(res.errors?.length).toBeGreaterThan(0);
    expect(res.text).not.toMatch(/Did you mean/);
    const ws = await overWebSocket(t.url, ENUM_LITERAL, `Bearer ${t.apiKey}`);
    expect(ws).toMatch(/does not exist in/);
    expect(ws).not.toMatch(/Did you mean/);
  });

  it('refuses introspection, with or without a key', async () => {
    for (const authorization of ['', `Bearer ${t.apiKey}`]) {
      const res = await t.gql(INTROSPECTION, undefined, { authorization });
      expect(res.data ?? null).toBeNull();
      expect(res.text).toMatch(/introspection/i);
    }
    const typename = await t.gql('{ __typename }');
    expect(typename.data).toEqual({ __typename: 'Query' });
  });

  it('serves no GraphiQL page', async () => {
    const res = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await res.text()).not.toMatch(/graphiql/i);
  });

  it('allows no cross-origin caller, and never credentials', async () => {
    const preflight = await preflightFrom(t.url, EVIL);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    await expectCorsAnswers(t.url, [
      [EVIL, false],
      ['http://localhost:5173', false],
    ]);
  });
});

describe('live mode, switched on', () => {
  let t: TestGateway;
  const APP = 'https://app.example.com';
  beforeAll(async () => {
    t = await startGateway({
      sandbox: await startSandbox(),
      env: {
        INTROSPECTION: 'true',
        FIELD_SUGGESTIONS: 'true',
        GRAPHIQL: 'true',
        CORS_ORIGINS: `${APP}, https://admin.example.com`,
      },
    });
  });

  it('suggests names to a keyed caller only', async () => {
    const keyed = await t.gql(ENUM_LITERAL);
    expect(keyed.text).toMatch(/Did you mean the enum value \\"COMPLETED\\"\?/);
    const variable = await t.gql(ENUM_VARIABLE, { f: { statusClass: 'COMPLETE' } });
    expect(variable.text).toMatch(/Did you mean/);
    const anonymous = await t.gql(ENUM_LITERAL, undefined, { authorization: '' });
    expect(anonymous.errors?.length).toBeGreaterThan(0);
    expect(anonymous.text).not.toMatch(/Did you mean/);
    expect(await overWebSocket(t.url, ENUM_LITERAL, `Bearer ${t.apiKey}`)).toMatch(/Did you mean/);
  });

  it('answers introspection and serves GraphiQL', async () => {
    const res = await t.gql(INTROSPECTION);
    expect(res.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const page = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).toMatch(/graphiql/i);
  });

  it('allows the listed origins only, without credentials', async () => {
    const preflight = await preflightFrom(t.url, APP);
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(APP);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    expect(preflight.headers.get('vary')).toMatch(/origin/i);
    await expectCorsAnswers(t.url, [
      [APP, true],
      ['https://admin.example.com', true],
      [EVIL, false],
      ['https://app.example.com.evil.example', false],
    ]);
  });
});

describe('embedded mode', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startEmbeddedGateway();
  });

  it('refuses a cross-site form or text/plain POST with 403, creating nothing', async () => {
    t.sandbox.control.resetCalls();
    const input = topUpInput(t);
    const form = await post(t.url, {
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: EVIL },
      body: formBody(CREATE, { input }),
    });
    expect(form.status).toBe(403);
    const text = await post(t.url, {
      headers: { 'content-type': 'text/plain', origin: EVIL },
      body: JSON.stringify({ query: CREATE, variables: { input } }),
    });
    expect(text.status).toBe(403);
    const multipart = new FormData();
    multipart.set('operations', JSON.stringify({ query: CREATE, variables: { input } }));
    multipart.set('map', '{}');
    const mp = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      body: multipart,
      headers: { origin: EVIL },
    });
    expect(mp.status).toBe(403);
    expect(t.sandbox.control.calls('POST /v1/async/transactions')).toBe(0);
    const list = await t.gql<{ transactions: { totalCount: number } }>('{ transactions { totalCount } }');
    expect(list.data?.transactions.totalCount).toBe(0);
  });

  it('answers JSON POSTs, and GETs that carry the CSRF header', async () => {
    const json = await t.gql('{ __typename }');
    expect(json.data).toEqual({ __typename: 'Query' });
    const query = encodeURIComponent('{ __typename }');
    const bare = await fetch(`${t.url}/graphql?query=${query}`, {
      headers: { accept: 'application/graphql-response+json' },
    });
    expect(bare.status).toBe(403);
    for (const header of ['x-graphql-yoga-csrf', 'graphql-require-preflight']) {
      const res = await fetch(`${t.url}/graphql?query=${query}`, {
        headers: { accept: 'application/graphql-response+json', [header]: '1' },
      });
      expect(res.status, header).toBe(200);
    }
  });

  it('keeps the developer experience: introspection, GraphiQL, and suggestions to a caller with a key', async () => {
    expect((await t.gql(INTROSPECTION)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const key = await t.createKey('acme');
    expect((await t.gql(ENUM_LITERAL, undefined, { authorization: `Bearer ${key}` })).text).toMatch(
      /Did you mean/,
    );
    // Without a key the caller is the sandbox tenant, but not authenticated: no hints, on either path.
    expect((await t.gql(ENUM_LITERAL)).text).not.toMatch(/Did you mean/);
    const bogus = await t.gql(ENUM_LITERAL, undefined, { authorization: 'Bearer not-a-real-key-at-all' });
    expect(bogus.text).not.toMatch(/Did you mean/);
    const keyless = await overWebSocket(t.url, ENUM_LITERAL);
    expect(keyless).toMatch(/does not exist/);
    expect(keyless).not.toMatch(/Did you mean/);
    const page = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).toMatch(/graphiql/i);
  });

  it('allows loopback origins (a local front end) and no other', async () => {
    await expectCorsAnswers(t.url, [
      ['http://localhost:5173', true],
      ['http://127.0.0.1:3000', true],
      ['http://[::1]:8080', true],
      [EVIL, false],
      ['http://localhost.evil.example', false],
    ]);
  });
});
