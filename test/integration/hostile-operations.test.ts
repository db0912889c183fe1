import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_NESTING, nestingDepth } from '../../src/plugins/use-nesting-limit.js';
import { startGateway } from '../helpers/gateway.js';

const deepLiteral = `{ countries(first: ${'['.repeat(2_000)}1${']'.repeat(2_000)}) { totalCount } }`;

describe('operations nested past any sensible depth', () => {
  it('counts nesting outside strings, block strings and comments', () => {
    expect(nestingDepth('{ a(b: [[1]]) { c } }')).toBe(4);
    expect(nestingDepth('{ a(b: "[[[[{{{{") # [[[[\n }')).toBe(2);
    expect(nestingDepth('{ a(b: """ [[[[ \\""" {{ """) }')).toBe(2);
    expect(nestingDepth('['.repeat(10_000))).toBe(MAX_NESTING + 1);
  });

  it('over HTTP: a 2,000-deep list literal is a 400 that says why, never a 500', async () => {
    const t = await startGateway();
    const res = await t.gql(deepLiteral);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(res.errors?.[0]?.message).toMatch(/nests braces and brackets more than \d+ deep/);
    expect((await t.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('over graphql-ws: the operation gets its error and the socket keeps serving', async () => {
    const t = await startGateway();
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const messages: { id?: string; type: string; payload?: unknown }[] = [];
    let closed: number | undefined;
    ws.on('message', (data) => messages.push(JSON.parse(String(data))));
    ws.on('close', (code) => {
      closed = code;
    });
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${t.apiKey}` } }));
    await expect.poll(() => messages.some((m) => m.type === 'connection_ack')).toBe(true);
    ws.send(JSON.stringify({ id: 'deep', type: 'subscribe', payload: { query: deepLiteral } }));
    await expect.poll(() => messages.find((m) => m.id === 'deep')?.type).toBe('error');
    expect(JSON.stringify(messages.find((m) => m.id === 'deep')?.payload)).toContain('GRAPHQL_PARSE_FAILED');
    ws.send(JSON.stringify({ id: 'after', type: 'subscribe', payload: { query: '{ __typename }' } }));
    await expect.poll(() => messages.some((m) => m.id === 'after' && m.type === 'next')).toBe(true);
    expect(closed).toBeUndefined();
    ws.close();
  });
});

describe("a subscription's root field under @skip or @include", () => {
  const skipped = 'subscription { transactionUpdated(id: "x") @skip(if: true) { id } }';

  it('over HTTP (SSE) is a validation error, never a 500', async () => {
    const t = await startGateway();
    for (const query of [
      skipped,
      'subscription { ... on Subscription { transactionUpdated(id: "x") @include(if: false) { id } } }',
    ]) {
      const res = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'text/event-stream',
          authorization: `Bearer ${t.apiKey}`,
        },
        body: JSON.stringify({ query }),
      });
      const text = await res.text();
      expect(res.status).toBeLessThan(500);
      expect(text).toMatch(/root field may not carry @(skip|include)/);
      expect(text).not.toContain('INTERNAL_SERVER_ERROR');
    }
  });

  it('over graphql-ws answers that operation with its error and keeps the socket', async () => {
    const t = await startGateway();
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const messages: { id?: string; type: string; payload?: unknown }[] = [];
    let closed: number | undefined;
    ws.on('message', (data) => messages.push(JSON.parse(String(data))));
    ws.on('close', (code) => {
      closed = code;
    });
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${t.apiKey}` } }));
    await expect.poll(() => messages.some((m) => m.type === 'connection_ack')).toBe(true);
    ws.send(JSON.stringify({ id: 'skip', type: 'subscribe', payload: { query: skipped } }));
    await expect.poll(() => messages.find((m) => m.id === 'skip')?.type).toBe('error');
    expect(JSON.stringify(messages.find((m) => m.id === 'skip')?.payload)).toMatch(/may not carry @skip/);
    expect(closed).toBeUndefined();
    ws.close();
  });
});

describe('graphql-ws: a refused operation does not take the socket down', () => {
  it('answers a depth refusal with that operation’s error; the other subscriptions keep running', async () => {
    const t = await startGateway();
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const messages: { id?: string; type: string; payload?: unknown }[] = [];
    let closed: number | undefined;
    ws.on('message', (data) => messages.push(JSON.parse(String(data))));
    ws.on('close', (code) => {
      closed = code;
    });
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${t.apiKey}` } }));
    await expect.poll(() => messages.some((m) => m.type === 'connection_ack')).toBe(true);
    const levels = 5;
    const deep = `{ country(isoCode: "IDN") { ${'operators(first: 1) { edges { node { country { '.repeat(levels)}name${' } } } }'.repeat(levels)} } }`;
    ws.send(JSON.stringify({ id: 'deep', type: 'subscribe', payload: { query: deep } }));
    await expect.poll(() => messages.find((m) => m.id === 'deep')?.type).toBe('error');
    expect(JSON.stringify(messages.find((m) => m.id === 'deep')?.payload)).toMatch(/depth limit/);
    ws.send(JSON.stringify({ id: 'after', type: 'subscribe', payload: { query: '{ __typename }' } }));
    await expect.poll(() => messages.some((m) => m.id === 'after' && m.type === 'next')).toBe(true);
    expect(closed).toBeUndefined();
    ws.close();
  });
});
