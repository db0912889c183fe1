import { request } from 'node:http';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/server.js';
import { dvs, startSandbox } from '../helpers/sandbox.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
beforeEach(() => {
  sandbox.control.faults.clear();
  sandbox.control.resetCalls();
});

/** A raw HTTP GET that reports what the socket really delivered, however the answer ends. */
function rawGet(path: string, timeoutMs = 15_000) {
  const { apiKey, apiSecret } = sandbox.credentials.dvs;
  return new Promise<{ status?: number; body: string; error?: string; chunks: number }>((resolve) => {
    const url = new URL(`${sandbox.url}/v1${path}`);
    let body = '';
    let chunks = 0;
    let status: number | undefined;
    const req = request(url, { auth: `${apiKey}:${apiSecret}`, timeout: timeoutMs, agent: false }, (res) => {
      status = res.statusCode;
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
        chunks++;
      });
      let ended = false;
      res.on('end', () => {
        ended = true;
        resolve({ status, body, chunks });
      });
      // Whatever else happens, a closed response settles the call (a reset or cut-off socket may only close).
      res.on('close', () => resolve({ status, body, chunks, ...(!ended && { error: 'closed' }) }));
      res.on('error', (e) =>
        resolve({ status, body, chunks, error: (e as NodeJS.ErrnoException).code ?? e.message }),
      );
      res.on('aborted', () => resolve({ status, body, chunks, error: 'aborted' }));
    });
    req.on('timeout', () => {
      req.destroy(new Error('timeout'));
    });
    req.on('error', (e) =>
      resolve({ status, body, chunks, error: (e as NodeJS.ErrnoException).code ?? e.message }),
    );
    req.end();
  });
}

describe('sandbox fault script', () => {
  it('fails the next N matching requests with a scripted status, body and Retry-After, then recovers', async () => {
    sandbox.control.faults.add({
      route: 'GET /v1/benefit-types',
      times: 2,
      status: 503,
      body: { errors: [{ code: 1009503, message: 'Service unavailable, please retry later' }] },
      headers: { 'Retry-After': '1' },
    });
    const a = await dvs(sandbox, '/benefit-types');
    const b = await dvs(sandbox, '/benefit-types');
    const c = await dvs(sandbox, '/benefit-types');
    expect([a.status, b.status, c.status]).toEqual([503, 503, 200]);
    expect(a.headers.get('retry-after')).toBe('1');
    expect(sandbox.control.calls('GET /v1/benefit-types')).toBe(3);
  });

  it('matches on the route template, skips, and the raw body', async () => {
    sandbox.control.faults.add({
      route: 'GET /v1/operators/{operator_id}',
      skip: 1,
      status: 500,
      body: '<html>oops</html>',
    });
    const id = sandbox.catalogue.operators[0]!.id;
    expect((await dvs(sandbox, `/operators/${id}`)).status).toBe(200);
    const html = await dvs(sandbox, `/operators/${id}`);
    expect(html.status).toBe(500);
    expect(html.text).toBe('<html>oops</html>');
    sandbox.control.faults.add({ route: 'POST /v1/lookup/mobile-number', bodyContains: '999', status: 502 });
    expect(
      (await dvs(sandbox, '/lookup/mobile-number', { body: { mobile_number: '+6591234567' } })).status,
    ).toBe(200);
    expect(
      (await dvs(sandbox, '/lookup/mobile-number', { body: { mobile_number: '+6591234999' } })).status,
    ).toBe(502);
  });

  it('hangs before headers until the client gives up', async () => {
    sandbox.control.faults.add({ route: 'GET /v1/benefit-types', hangMs: Number.POSITIVE_INFINITY });
    const res = await rawGet('/benefit-types', 300);
    expect(res.status).toBeUndefined();
    expect(res.error).toBe('timeout');
  });

  it('drips the body a few bytes at a time', async () => {
    sandbox.control.faults.add({ route: 'GET /v1/benefit-types', drip: { bytes: 10, intervalMs: 5 } });
    const res = await rawGet('/benefit-types');
    expect(res.status).toBe(200);
    expect(res.chunks).toBeGreaterThan(3);
    expect(JSON.parse(res.body)).toEqual((await dvs(sandbox, '/benefit-types')).json);
  });

  it('resets the connection mid-body and truncates a body whose length was announced', async () => {
    sandbox.control.faults.add({ route: 'GET /v1/benefit-types', resetAfterBytes: 5 });
    const reset = await rawGet('/benefit-types');
    expect(reset.error).toMatch(/ECONNRESET|aborted|closed/);
    expect(reset.body.length).toBeLessThanOrEqual(5);

    sandbox.control.faults.add({ route: 'GET /v1/benefit-types', truncateAt: 7 });
    const truncated = await rawGet('/benefit-types');
    expect(truncated.status).toBe(200);
    expect(truncated.body.length).toBe(7);
    expect(truncated.error).toBeDefined();
  });

  it('answers malformed JSON with a 200', async () => {
    sandbox.control.faults.add({ route: 'GET /v1/benefit-types', malformedJson: true });
    const res = await dvs(sandbox, '/benefit-types');
    expect(res.status).toBe(200);
    expect(() => JSON.parse(res.text)).toThrow();
  });

  it('is steerable over HTTP on /__sandbox, a path DT One does not use', async () => {
    const add = await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ route: 'GET /v1/services', status: 500, body: 'x' }),
    });
    expect(add.status).toBe(200);
    expect((await dvs(sandbox, '/services')).status).toBe(500);
    const calls = (await (await fetch(`${sandbox.url}/__sandbox/calls`)).json()) as {
      counts: Record<string, number>;
    };
    expect(calls.counts['GET /v1/services']).toBe(1);
    const bad = await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ route: 'nope' }),
    });
    expect(bad.status).toBe(400);
  });
});
