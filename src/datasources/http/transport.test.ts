import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  drip,
  type RawServer,
  resetAfter,
  startRawServer,
  truncate,
} from '../../../test/fixtures/raw-server.js';
import { createTransport, type Transport, type TransportOptions } from './transport.js';
import { UpstreamTransportError } from './transport-error.js';
import type { AttemptEvent } from './types.js';

async function eventually(fact: () => boolean, deadlineMs = 5_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!fact()) {
    if (Date.now() > deadline) throw new Error('fact never held');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

let server: RawServer;
let transport: Transport | undefined;
let events: AttemptEvent[];

beforeEach(async () => {
  server = await startRawServer();
  events = [];
});

afterEach(async () => {
  await transport?.close();
  transport = undefined;
  await server.stop();
});

function open(options: Partial<TransportOptions> = {}): Transport {
  transport = createTransport({
    name: 'test',
    baseUrl: `${server.url}/v1`,
    timeoutMs: 2000,
    backoff: { baseDelayMs: 1, maxDelayMs: 5 },
    onAttempt: (e) => events.push(e),
    ...options,
  });
  return transport;
}

async function failureOf(promise: Promise<unknown>): Promise<UpstreamTransportError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamTransportError);
  return error as UpstreamTransportError;
}

const get = { method: 'GET', route: '/things', path: '/things' } as const;
const post = { method: 'POST', route: '/things', path: '/things', body: '{"a":1}' } as const;

describe('transport', () => {
  it('reports how long an attempt waited for a pooled connection', async () => {
    const held: Array<() => void> = [];
    server.handle((_req, res) => held.push(() => res.writeHead(200).end('{}')));
    const t = open({ connections: 1 });
    const first = t.send({ ...get, requestId: 'first' });
    const second = t.send({ ...get, requestId: 'second' });
    // The first holds the only connection until it is answered; the second, handed to the pool by then, waits.
    await eventually(() => held.length === 1);
    const heldAt = performance.now();
    await eventually(() => server.requests.length === 1);
    const releasedAt = performance.now();
    held.shift()!();
    await first;
    await eventually(() => held.length === 1);
    held.shift()!();
    await second;
    const waited = events.find((e) => e.requestId === 'second')!.queuedMs;
    expect(waited).toBeGreaterThanOrEqual(releasedAt - heldAt);
    expect(waited).toBeGreaterThan(0);
  });

  it('sends the path under the base URL with a request id, JSON headers and the user agent', async () => {
    server.handle((_req, res) => res.writeHead(201, { 'x-total': '3' }).end('{"ok":true}'));
    const res = await open({ userAgent: 'test-agent/1' }).send({ ...post, requestId: 'req-1' });
    expect(res).toMatchObject({ status: 201, bodyText: '{"ok":true}', requestId: 'req-1', attempts: 1 });
    expect(res.headers['x-total']).toBe('3');
    const [seen] = server.requests;
    expect(seen).toMatchObject({ method: 'POST', url: '/v1/things', body: '{"a":1}' });
    expect(seen?.headers).toMatchObject({
      'x-request-id': 'req-1',
      'user-agent': 'test-agent/1',
      'content-type': 'application/json',
      accept: 'application/json',
    });
  });

  it('computes attempt headers afresh for every attempt', async () => {
    let n = 0;
    server.handle((_req, res, count) => res.writeHead(count < 3 ? 503 : 200).end('{}'));
    await open({ attemptHeaders: () => ({ 'x-nonce': String(++n) }) }).send(get);
    expect(server.requests.map((r) => r.headers['x-nonce'])).toEqual(['1', '2', '3']);
    expect(new Set(server.requests.map((r) => r.headers['x-request-id'])).size).toBe(1);
  });

  it('retries a GET answered 503 until it succeeds and reports every attempt', async () => {
    server.handle((_req, res, n) => res.writeHead(n < 3 ? 503 : 200).end(n < 3 ? 'down' : '[]'));
    const res = await open().send(get);
    expect(res).toMatchObject({ status: 200, bodyText: '[]', attempts: 3 });
    expect(events.map((e) => [e.attempt, e.status, e.retryInMs !== undefined])).toEqual([
      [1, 503, true],
      [2, 503, true],
      [3, 200, false],
    ]);
    expect(events.every((e) => e.upstream === 'test' && e.route === '/things' && e.method === 'GET')).toBe(
      true,
    );
  });

  it('returns the last answer once the retries are spent', async () => {
    server.handle((_req, res) => res.writeHead(502).end('<html>bad gateway</html>'));
    const res = await open({ retries: 2 }).send(get);
    expect(res).toMatchObject({ status: 502, attempts: 3 });
    expect(server.requests).toHaveLength(3);
  });

  it('never retries a POST, even on 503', async () => {
    server.handle((_req, res) => res.writeHead(503).end('{}'));
    const res = await open().send(post);
    expect(res.status).toBe(503);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a POST the caller marked idempotent', async () => {
    server.handle((_req, res, n) => res.writeHead(n === 1 ? 500 : 200).end('{}'));
    const res = await open().send({ ...post, idempotent: true });
    expect(res).toMatchObject({ status: 200, attempts: 2 });
  });

  it('uses the custom retryable-answer rule', async () => {
    server.handle((_req, res, n) => res.writeHead(n === 1 ? 400 : 200).end(n === 1 ? 'again' : '{}'));
    const res = await open({ isRetryableResponse: (_s, body) => body === 'again' }).send(get);
    expect(res).toMatchObject({ status: 200, attempts: 2 });
  });

  it('waits out a short Retry-After, then succeeds', async () => {
    server.handle((_req, res, n) =>
      n === 1 ? res.writeHead(429, { 'retry-after': '0' }).end('{}') : res.writeHead(200).end('{}'),
    );
    const res = await open().send(get);
    expect(res).toMatchObject({ status: 200, attempts: 2 });
    expect(events[0]?.retryInMs).toBe(0);
  });

  it('answers a 429 at once when its Retry-After runs past the deadline', async () => {
    server.handle((_req, res) => res.writeHead(429, { 'retry-after': '3600' }).end('{}'));
    const res = await open().send(get);
    expect(res).toMatchObject({ status: 429, attempts: 1, headers: { 'retry-after': '3600' } });
    expect(server.requests).toHaveLength(1);
  });

  it('fails a hanging upstream at the deadline', async () => {
    server.handle(() => {});
    const error = await failureOf(open({ timeoutMs: 300 }).send(get));
    expect(error.kind).toBe('deadline');
    expect(error.mayHaveReachedUpstream).toBe(true);
  });

  it('fails a dripping body at the deadline although every chunk arrives within bodyTimeout', async () => {
    server.handle((_req, res) => drip(res, JSON.stringify({ padding: 'x'.repeat(200) }), 1, 20));
    const error = await failureOf(open({ timeoutMs: 400, bodyTimeoutMs: 200 }).send(get));
    expect(error.kind).toBe('deadline');
    expect(error.status).toBe(200);
  });

  it('retries a GET whose connection was reset mid-body', async () => {
    const body = JSON.stringify({ items: [1, 2, 3] });
    server.handle((_req, res, n) => (n === 1 ? resetAfter(res, body, 5) : res.writeHead(200).end(body)));
    const res = await open().send(get);
    expect(res).toMatchObject({ status: 200, bodyText: body, attempts: 2 });
    expect(events[0]?.failure).toBe('truncated');
  });

  it('reports a POST reset mid-body as truncated, without retrying', async () => {
    server.handle((_req, res) => resetAfter(res, '{"id":12345678}', 3));
    const error = await failureOf(open().send(post));
    expect(error.kind).toBe('truncated');
    expect(error.mayHaveReachedUpstream).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('reports a body cut short as truncated once retries are spent', async () => {
    server.handle((_req, res) => truncate(res, '{"id":12345678}', 4));
    const error = await failureOf(open({ retries: 1 }).send(get));
    expect(error.kind).toBe('truncated');
    expect(server.requests).toHaveLength(2);
  });

  it('aborts a body larger than the cap and never retries it', async () => {
    server.handle((_req, res) => {
      res.writeHead(200);
      res.end('x'.repeat(5000));
    });
    const error = await failureOf(open({ maxBodyBytes: 1024 }).send(get));
    expect(error.kind).toBe('oversize');
    expect(server.requests).toHaveLength(1);
  });

  it('aborts an oversize body announced by Content-Length before reading it', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-length': String(20 * 1024 * 1024) });
      res.write('[');
    });
    const error = await failureOf(open({ maxBodyBytes: 1024 }).send(get));
    expect(error.kind).toBe('oversize');
  });

  it('aborts an endless chunked body at the cap', async () => {
    server.handle((_req, res) => {
      res.writeHead(200);
      const timer = setInterval(() => res.write('y'.repeat(512)), 1);
      res.on('close', () => clearInterval(timer));
    });
    const error = await failureOf(open({ maxBodyBytes: 64 * 1024 }).send(get));
    expect(error.kind).toBe('oversize');
  });

  it('stops when the caller aborts', async () => {
    server.handle(() => {});
    const controller = new AbortController();
    const pending = open().send({ ...get, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await failureOf(pending);
    expect(error.kind).toBe('aborted');
  });

  it('reports a refused connection as connect, which never reached the upstream', async () => {
    const { url } = server;
    await server.stop();
    server = await startRawServer();
    transport = createTransport({ name: 'test', baseUrl: url, retries: 1, backoff: { baseDelayMs: 1 } });
    const error = await failureOf(transport.send(post));
    expect(error.kind).toBe('connect');
    expect(error.mayHaveReachedUpstream).toBe(false);
  });

  it('retries a GET after undici’s headers timeout while the deadline allows', async () => {
    server.handle((_req, res, n) => (n === 1 ? undefined : res.writeHead(200).end('{}')));
    const res = await open({ headersTimeoutMs: 100, timeoutMs: 3000 }).send(get);
    expect(res).toMatchObject({ status: 200, attempts: 2 });
    expect(events[0]?.failure).toBe('headers-timeout');
  });

  it('keeps working when the attempt listener throws', async () => {
    server.handle((_req, res) => res.writeHead(200).end('{}'));
    const res = await open({
      onAttempt: () => {
        throw new Error('listener broke');
      },
    }).send(get);
    expect(res.status).toBe(200);
  });
});
