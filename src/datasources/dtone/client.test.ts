import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RawServer, resetAfter, startRawServer } from '../../../test/fixtures/raw-server.js';
import type { AttemptEvent } from '../http/types.js';
import { createDtOneClient, type DtOneClient } from './client.js';
import {
  DtOneAuthenticationError,
  DtOneConnectionError,
  DtOneError,
  DtOneInsufficientBalanceError,
  DtOneNotFoundError,
  DtOneOutcomeUnknownError,
  DtOneProtocolError,
  DtOneRateLimitError,
  DtOneUnavailableError,
} from './errors.js';

const API_KEY = 'key-3f9a';
const API_SECRET = 'secret-77c1d0';
const BASIC = `Basic ${Buffer.from(`${API_KEY}:${API_SECRET}`).toString('base64')}`;

let server: RawServer;
let client: DtOneClient;
let events: AttemptEvent[];

beforeEach(async () => {
  server = await startRawServer();
  events = [];
  client = createDtOneClient({
    baseUrl: `${server.url}/v1`,
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    timeoutMs: 2000,
    backoff: { baseDelayMs: 1, maxDelayMs: 5 },
    onAttempt: (e) => events.push(e),
  });
});

afterEach(async () => {
  await client.close();
  await server.stop();
});

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  body,
  headers,
});
function answer(...replies: ReturnType<typeof json>[]) {
  server.handle((_req, res, n) => {
    const reply = replies[Math.min(n, replies.length) - 1]!;
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
  });
}
const dtoneError = (code: number) => ({ errors: [{ code, message: 'upstream text' }] });
const transaction = {
  id: 9001,
  external_id: 'ext-1',
  status: { id: 10000, message: 'CREATED', class: { id: 1 } },
};

async function rejection(promise: Promise<unknown>): Promise<DtOneError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DtOneError);
  return error as DtOneError;
}

describe('DT One client over a raw server', () => {
  it('authenticates with Basic, builds path and comma-separated query, passes Accept-Language', async () => {
    answer(
      json(200, [{ id: 1, type: 'FIXED_VALUE_RECHARGE', name: 'x' }], {
        'x-total': '1',
        'x-total-pages': '1',
      }),
    );
    const page = await client.listProducts(
      { country_iso_code: 'SGP', tags: ['A1', 'B2'], benefit_types: ['DATA', 'SMS'], per_page: 10 },
      { acceptLanguage: 'es' },
    );
    expect(page.items).toHaveLength(1);
    const [req] = server.requests;
    expect(req?.url).toBe(
      '/v1/products?country_iso_code=SGP&tags=A1%2CB2&benefit_types=DATA%2CSMS&per_page=10',
    );
    expect(req?.headers.authorization).toBe(BASIC);
    expect(req?.headers['accept-language']).toBe('es');
  });

  it('keeps amounts exact in both directions', async () => {
    answer(json(201, '{"id":9001,"status":{"id":1},"prices":{"wholesale":{"amount":20.89,"fee":0.1}}}'));
    const created = await client.createTransaction(
      { external_id: 'e-1', product_id: 5, source: { unit_type: 'CURRENCY', unit: 'USD', amount: '10.10' } },
      { mode: 'async' },
    );
    expect(server.requests[0]?.body).toContain('"amount":10.10');
    expect(created.prices?.wholesale.amount).toBe('20.89');
    expect(created.prices?.wholesale.fee).toBe('0.1');
  });

  it('tolerates unknown fields and unknown product types', async () => {
    answer(json(200, { id: 3, type: 'FIXED_VALUE_PAYMENT', brand_new_field: { nested: true } }));
    const product = await client.getProduct(3);
    expect(product).toMatchObject({ type: 'FIXED_VALUE_PAYMENT', brand_new_field: { nested: true } });
  });

  it('sends create, confirm and cancel to the routes of their mode', async () => {
    answer(json(201, transaction), json(202, transaction), json(202, transaction), json(202, transaction));
    await client.createTransaction({ external_id: 'e', product_id: 1 }, { mode: 'sync' });
    await client.confirmTransaction(9001, { mode: 'sync' });
    await client.confirmTransaction('9001');
    await client.cancelTransaction(9001);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /v1/sync/transactions',
      'POST /v1/sync/transactions/9001/confirm',
      'POST /v1/async/transactions/9001/confirm',
      'POST /v1/transactions/9001/cancel',
    ]);
  });

  it('retries a read answered 1009503 even under another status', async () => {
    answer(json(400, dtoneError(1009503)), json(200, [], { 'x-total': '0', 'x-total-pages': '0' }));
    await client.listServices();
    expect(server.requests).toHaveLength(2);
  });

  it('gives up on a 429 whose Retry-After exceeds the deadline, with the wait in the error', async () => {
    answer(json(429, dtoneError(1000429), { 'retry-after': '120' }));
    const error = await rejection(client.listCountries());
    expect(error).toBeInstanceOf(DtOneRateLimitError);
    expect(error.retryAfterSeconds).toBe(120);
    expect(server.requests).toHaveLength(1);
  });

  it('answers an empty page when a list comes back 404 with an entity code', async () => {
    answer(json(404, dtoneError(1003201)));
    const page = await client.listPromotions({ page: 2, per_page: 20 });
    expect(page).toMatchObject({ items: [], page: 2, perPage: 20, total: 0, totalPages: 0, nextPage: null });
  });

  it('keeps a 404 on an unknown path as an error', async () => {
    answer(json(404, dtoneError(1000404)));
    expect(await rejection(client.listOperators())).toBeInstanceOf(DtOneNotFoundError);
  });

  it('finds a transaction by exact external id, and null when none or another one comes back', async () => {
    answer(
      json(200, [transaction]),
      json(200, [{ ...transaction, external_id: 'other' }]),
      json(404, dtoneError(1008004)),
    );
    expect(await client.findTransactionByExternalId('ext-1')).toMatchObject({ id: 9001 });
    expect(server.requests[0]?.url).toBe('/v1/transactions?external_id=ext-1');
    expect(await client.findTransactionByExternalId('ext-1')).toBeNull();
    expect(await client.findTransactionByExternalId('ext-1')).toBeNull();
  });

  it('reports a read with a garbage body as a protocol error', async () => {
    answer(json(200, '{"id": 1,'));
    const error = await rejection(client.getService(1));
    expect(error).toBeInstanceOf(DtOneProtocolError);
    expect(error).toMatchObject({ reason: 'malformed_json', status: 200 });
  });

  it('reports a wrong-shape read as a protocol error', async () => {
    answer(json(200, { services: [] }));
    expect(await rejection(client.listServices())).toMatchObject({ reason: 'unexpected_shape' });
    answer(json(200, [{ name: 'no id' }]));
    expect(await rejection(client.listServices())).toBeInstanceOf(DtOneProtocolError);
  });

  it('reports a created transaction whose answer is unreadable as outcome unknown', async () => {
    answer(json(201, '<html>'));
    const error = await rejection(client.createTransaction({ external_id: 'e', product_id: 1 }));
    expect(error).toBeInstanceOf(DtOneOutcomeUnknownError);
    expect(error).toMatchObject({ reason: 'unreadable_response', status: 201, retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  it('reports a create reset mid-answer as outcome unknown and never resends it', async () => {
    server.handle((_req, res) => resetAfter(res, JSON.stringify(transaction), 10));
    const error = await rejection(client.createTransaction({ external_id: 'e', product_id: 1 }));
    expect(error).toBeInstanceOf(DtOneOutcomeUnknownError);
    expect(error).toMatchObject({ reason: 'truncated' });
    expect(server.requests).toHaveLength(1);
  });

  it('reports a confirm answered 500 or 502 as outcome unknown, but a 503 or 429 as not taken', async () => {
    answer(json(500, dtoneError(1009001)));
    expect(await rejection(client.confirmTransaction(1))).toMatchObject({
      reason: 'upstream_error',
      status: 500,
    });
    answer(json(502, '<html>bad gateway</html>'));
    expect(await rejection(client.confirmTransaction(1))).toBeInstanceOf(DtOneOutcomeUnknownError);
    answer(json(503, dtoneError(1009503)));
    expect(await rejection(client.confirmTransaction(1))).toBeInstanceOf(DtOneUnavailableError);
    answer(json(429, dtoneError(1000429)));
    expect(await rejection(client.confirmTransaction(1))).toBeInstanceOf(DtOneRateLimitError);
    expect(server.requests).toHaveLength(4);
  });

  it('passes business refusals of a create through as their own class', async () => {
    answer(json(400, dtoneError(1006001)));
    expect(await rejection(client.createTransaction({ external_id: 'e', product_id: 1 }))).toBeInstanceOf(
      DtOneInsufficientBalanceError,
    );
  });

  it('reports a hanging read at the deadline as a connection error', async () => {
    server.handle(() => {});
    const error = await rejection(client.listBalances({}, { timeoutMs: 200 }));
    expect(error).toBeInstanceOf(DtOneConnectionError);
    expect(error).toMatchObject({ reason: 'deadline', retryable: true });
  });

  it('retries look-up POSTs like reads', async () => {
    answer(json(502, 'bad'), json(200, [{ id: 1, identified: true }]));
    const page = await client.lookupMobileNumber({ mobile_number: '+6591234100' });
    expect(page.items).toHaveLength(1);
    expect(server.requests.map((r) => r.body)).toEqual([
      '{"mobile_number":"+6591234100"}',
      '{"mobile_number":"+6591234100"}',
    ]);
  });

  it('never leaks the credentials into errors or attempt events', async () => {
    answer(json(401, dtoneError(1000401)));
    const auth = await rejection(client.getOperator(1));
    expect(auth).toBeInstanceOf(DtOneAuthenticationError);
    server.handle((_req, res) => resetAfter(res, JSON.stringify(transaction), 3));
    const unknown = await rejection(client.createTransaction({ external_id: 'e', product_id: 1 }));
    const encoded = Buffer.from(`${API_KEY}:${API_SECRET}`).toString('base64');
    for (const text of [
      inspect(auth, { depth: 10, showHidden: true }),
      inspect(unknown, { depth: 10, showHidden: true }),
      JSON.stringify(events),
      auth.message,
      unknown.message,
    ]) {
      expect(text).not.toContain(API_SECRET);
      expect(text).not.toContain(encoded);
    }
  });
});
