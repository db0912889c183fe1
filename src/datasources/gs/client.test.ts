import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RawServer, resetAfter, startRawServer } from '../../../test/fixtures/raw-server.js';
import { createGsClient, type GsClient } from './client.js';
import { GsError, GsNotFoundError, GsOutcomeUnknownError, GsProtocolError } from './errors.js';

const KEY = 'gs-key';
const SECRET = 'gs-secret';

let server: RawServer;
let client: GsClient;

beforeEach(async () => {
  server = await startRawServer();
  client = createGsClient({
    baseUrl: `${server.url}/v1.1`,
    apiKey: KEY,
    apiSecret: SECRET,
    timeoutMs: 2000,
    backoff: { baseDelayMs: 1, maxDelayMs: 5 },
  });
});

afterEach(async () => {
  await client.close();
  await server.stop();
});

function answer(...replies: [number, unknown][]) {
  server.handle((_req, res, n) => {
    const [status, body] = replies[Math.min(n, replies.length) - 1]!;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  });
}

const payment = {
  transaction_id: '215278',
  simulation: 1,
  status: '0',
  status_message: 'Transaction successful',
  account_number: '123123123123',
  external_id: '4242',
  product_id: '159',
  local_currency: 'IDR',
  local_value: 62973,
  account_currency: 'MYR',
  wholesale_price: 20.89,
};
const params = {
  productId: 159,
  accountNumber: '123123123123',
  externalId: '4242',
  sender: { mobile: '6012345678', firstName: 'John' },
  recipient: { mobile: '6012234345' },
};

async function rejection(promise: Promise<unknown>): Promise<GsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GsError);
  return error as GsError;
}

describe('G&S client over a raw server', () => {
  it('signs every attempt with a fresh nonce and a valid HMAC', async () => {
    answer(
      [503, ''],
      [
        200,
        {
          account_currency: 'MYR',
          local_value: 1,
          local_currency: 'IDR',
          wholesale_price: 2,
          payment: { amount: 1, currency: 'IDR' },
        },
      ],
    );
    await client.quoteVariableValuePayment(159, 'ACC 1');
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1.1/product/variable_value_payments/159?account_number=ACC+1',
      '/v1.1/product/variable_value_payments/159?account_number=ACC+1',
    ]);
    const nonces = server.requests.map((r) => r.headers['x-transferto-nonce']);
    expect(new Set(nonces).size).toBe(2);
    for (const req of server.requests) {
      const nonce = String(req.headers['x-transferto-nonce']);
      expect(req.headers['x-transferto-apikey']).toBe(KEY);
      expect(req.headers['x-transferto-hmac']).toBe(
        createHmac('sha256', SECRET)
          .update(KEY + nonce)
          .digest('base64'),
      );
      expect(JSON.stringify(req.headers)).not.toContain(SECRET);
    }
  });

  it('pays in the documented text form and simulates unless told otherwise', async () => {
    answer([201, payment], [201, { ...payment, simulation: 0 }]);
    const simulated = await client.payVariableValue(params);
    expect(simulated).toMatchObject({ simulation: true, status: '0', wholesale_price: '20.89' });
    expect(JSON.parse(server.requests[0]!.body)).toEqual({
      account_number: '123123123123',
      product_id: '159',
      external_id: '4242',
      simulation: '1',
      sender: { first_name: 'John', mobile: '6012345678' },
      recipient: { mobile: '6012234345' },
    });
    await client.payVariableValue({
      ...params,
      simulation: false,
      senderSmsNotification: true,
      senderSmsText: 'hi',
    });
    expect(JSON.parse(server.requests[1]!.body)).toMatchObject({
      simulation: '0',
      sender_sms_notification: '1',
      sender_sms_text: 'hi',
    });
  });

  it('reads a payment by id and by ext- external id, and null when there is none', async () => {
    answer(
      [200, payment],
      [200, payment],
      [404, { errors: [{ code: 1000404, message: 'Transaction not found' }] }],
    );
    expect(await client.getVariableValuePayment('215278')).toMatchObject({ transaction_id: '215278' });
    expect(await client.getVariableValuePaymentByExternalId('4242')).toMatchObject({ external_id: '4242' });
    expect(await client.getVariableValuePaymentByExternalId('4243')).toBeNull();
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1.1/transactions/variable_value_payments/215278',
      '/v1.1/transactions/variable_value_payments/ext-4242',
      '/v1.1/transactions/variable_value_payments/ext-4243',
    ]);
  });

  it('refuses a payment found by external id that carries another external id', async () => {
    answer([200, { ...payment, external_id: '9999' }]);
    expect(await rejection(client.getVariableValuePaymentByExternalId('4242'))).toBeInstanceOf(
      GsProtocolError,
    );
  });

  it('reports a wrong-shape quote as a protocol error without echoing its values', async () => {
    answer([200, { account_currency: 'MYR', payment: { name: 'ABD KARIM' } }]);
    const error = await rejection(client.quoteVariableValuePayment(1, 'x'));
    expect(error).toMatchObject({ code: 'GS_PROTOCOL_ERROR', reason: 'unexpected_shape' });
    expect(error.message).not.toContain('KARIM');
  });

  it('never resends a payment: a reset, a 500 or an operator timeout leaves the outcome unknown', async () => {
    server.handle((_req, res) => resetAfter(res, JSON.stringify(payment), 4));
    expect(await rejection(client.payVariableValue(params))).toBeInstanceOf(GsOutcomeUnknownError);
    answer([500, { errors: [{ code: 1000500, message: 'Internal server error' }] }]);
    expect(await rejection(client.payVariableValue(params))).toBeInstanceOf(GsOutcomeUnknownError);
    answer([400, { errors: [{ code: 1000218, message: 'Timeout' }] }]);
    expect(await rejection(client.payVariableValue(params))).toMatchObject({ reason: 'upstream_error' });
    expect(server.requests).toHaveLength(3);
  });

  it('passes a refused payment through as its own class', async () => {
    answer([404, { errors: [{ code: 1000404, message: 'nope' }] }]);
    expect(await rejection(client.getVariableValuePayment(1))).toBeInstanceOf(GsNotFoundError);
    answer([400, { errors: [{ code: 1000990, message: 'used' }] }]);
    expect(await rejection(client.payVariableValue(params))).toMatchObject({
      code: 'GS_EXTERNAL_ID_CONFLICT',
    });
  });
});
