import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startGateway } from '../helpers/gateway.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request id', () => {
  it('echoes a well-formed x-request-id and puts it on every error, else makes one of its own', async () => {
    const t = await startGateway();
    const ask = (query: string, headers: Record<string, string> = {}) =>
      fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${t.apiKey}`, ...headers },
        body: JSON.stringify({ query }),
      });
    const missing = '{ product(id: 999999999) { name } }';

    const given = await ask(missing, { 'x-request-id': 'checkout-7f3a:1' });
    expect(given.headers.get('x-request-id')).toBe('checkout-7f3a:1');
    const body = (await given.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0]?.extensions).toMatchObject({
      code: 'PRODUCT_UNAVAILABLE',
      requestId: 'checkout-7f3a:1',
    });

    // A malformed one (spaces, or a header too long to log safely) is replaced, never echoed.
    for (const bad of ['has spaces', 'x'.repeat(200)]) {
      const res = await ask(missing, { 'x-request-id': bad });
      const id = res.headers.get('x-request-id');
      expect(id).toMatch(UUID);
      const errors = ((await res.json()) as { errors: { extensions: { requestId: string } }[] }).errors;
      expect(errors[0]?.extensions.requestId).toBe(id);
    }

    // Request-level errors carry it too (a parse error), and a success only has the header.
    const broken = await ask('{ product(id: ');
    const brokenId = broken.headers.get('x-request-id');
    expect(brokenId).toMatch(UUID);
    expect(
      ((await broken.json()) as { errors: { extensions: Record<string, unknown> }[] }).errors[0]?.extensions,
    ).toMatchObject({ code: 'GRAPHQL_PARSE_FAILED', requestId: brokenId });
    const ok = await ask('{ __typename }');
    expect(ok.headers.get('x-request-id')).toMatch(UUID);
    expect(await ok.json()).toEqual({ data: { __typename: 'Query' } });
    expect((await fetch(`${t.url}/healthz`)).headers.get('x-request-id')).toMatch(UUID);
  });

  it('stamps the errors of a subscription stream (server-sent events) with the request id', async () => {
    const t = await startGateway();
    const missing = Buffer.from(`Transaction:${randomUUID()}`).toString('base64');
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${t.apiKey}`,
        'x-request-id': 'watch-7f3a',
      },
      body: JSON.stringify({
        query: 'subscription ($id: ID!) { transactionUpdated(id: $id) { statusClass } }',
        variables: { id: missing },
      }),
    });
    const text = await res.text();
    expect(text).toContain('"code":"TRANSACTION_NOT_FOUND"');
    expect(text).toContain('"requestId":"watch-7f3a"');
  });
});
