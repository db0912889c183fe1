import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  DtOneApiError,
  DtOneAuthenticationError,
  DtOneConflictError,
  DtOneError,
  DtOneInsufficientBalanceError,
  DtOneInvalidRequestError,
  DtOneNotFoundError,
  DtOneRateLimitError,
  DtOneStateError,
  DtOneUnavailableError,
  fromResponse,
  KNOWN_UPSTREAM_CODES,
} from './errors.js';

type ErrorClass = abstract new (...args: never[]) => DtOneError;

/** FACTS §7, the spec's complete "API Error Codes" table: code, HTTP status, expected class and detail. */
const TABLE: [number, number, ErrorClass, string, Record<string, unknown>][] = [
  [1000400, 400, DtOneInvalidRequestError, 'DTONE_INVALID_REQUEST', { reason: 'bad_request' }],
  [1000401, 401, DtOneAuthenticationError, 'DTONE_AUTHENTICATION_FAILED', {}],
  [1000404, 404, DtOneNotFoundError, 'DTONE_NOT_FOUND', { resource: 'resource' }],
  [1000429, 429, DtOneRateLimitError, 'DTONE_RATE_LIMITED', { retryable: true }],
  [1003001, 404, DtOneNotFoundError, 'DTONE_NOT_FOUND', { resource: 'product' }],
  [1003002, 400, DtOneInvalidRequestError, 'DTONE_INVALID_REQUEST', { reason: 'amount_out_of_range' }],
  [1003003, 400, DtOneInvalidRequestError, 'DTONE_INVALID_REQUEST', { reason: 'unit_invalid' }],
  [1003101, 404, DtOneNotFoundError, 'DTONE_NOT_FOUND', { resource: 'benefits' }],
  [1003201, 404, DtOneNotFoundError, 'DTONE_NOT_FOUND', { resource: 'promotion' }],
  [1003301, 404, DtOneNotFoundError, 'DTONE_NOT_FOUND', { resource: 'campaign' }],
  [
    1005003,
    400,
    DtOneInvalidRequestError,
    'DTONE_INVALID_REQUEST',
    { reason: 'credit_party_mobile_number_invalid' },
  ],
  [1005004, 404, DtOneNotFoundError, 'DTONE_NOT_FOUND', { resource: 'service' }],
  [1005005, 404, DtOneNotFoundError, 'DTONE_NOT_FOUND', { resource: 'country' }],
  [1005006, 404, DtOneNotFoundError, 'DTONE_NOT_FOUND', { resource: 'operator' }],
  [
    1005503,
    400,
    DtOneInvalidRequestError,
    'DTONE_INVALID_REQUEST',
    { reason: 'sender_mobile_number_invalid' },
  ],
  [1006001, 400, DtOneInsufficientBalanceError, 'DTONE_INSUFFICIENT_BALANCE', { retryable: false }],
  [
    1006003,
    400,
    DtOneInvalidRequestError,
    'DTONE_INVALID_REQUEST',
    { reason: 'debit_party_mobile_number_invalid' },
  ],
  [1006009, 404, DtOneNotFoundError, 'DTONE_NOT_FOUND', { resource: 'balance' }],
  [
    1006503,
    400,
    DtOneInvalidRequestError,
    'DTONE_INVALID_REQUEST',
    { reason: 'beneficiary_mobile_number_invalid' },
  ],
  [1007001, 400, DtOneConflictError, 'DTONE_EXTERNAL_ID_CONFLICT', { retryable: false }],
  [1007002, 400, DtOneStateError, 'DTONE_INVALID_STATE', { reason: 'already_confirmed' }],
  [1007004, 400, DtOneStateError, 'DTONE_INVALID_STATE', { reason: 'confirmation_expired' }],
  [1007005, 400, DtOneStateError, 'DTONE_INVALID_STATE', { reason: 'already_cancelled' }],
  [1007007, 400, DtOneStateError, 'DTONE_INVALID_STATE', { reason: 'cannot_cancel' }],
  [1007500, 400, DtOneInvalidRequestError, 'DTONE_INVALID_REQUEST', { reason: 'method_not_supported' }],
  [1008004, 404, DtOneNotFoundError, 'DTONE_NOT_FOUND', { resource: 'transaction' }],
  [1009001, 500, DtOneApiError, 'DTONE_API_ERROR', { retryable: true }],
  [1009503, 503, DtOneUnavailableError, 'DTONE_UNAVAILABLE', { retryable: true }],
];

const body = (code: number | string, message = 'upstream says so') =>
  JSON.stringify({ errors: [{ code, message }] });

describe('fromResponse', () => {
  it.each(TABLE)('maps DT One code %i (HTTP %i) to its class', (code, status, cls, stableCode, detail) => {
    const error = fromResponse(status, body(code), {}, 'req-7');
    expect(error).toBeInstanceOf(cls);
    expect(error).toBeInstanceOf(DtOneError);
    expect(error).toMatchObject({
      status,
      code: stableCode,
      upstreamCode: code,
      requestId: 'req-7',
      ...detail,
    });
  });

  it('knows exactly the codes of the spec table', () => {
    expect([...KNOWN_UPSTREAM_CODES].sort()).toEqual(TABLE.map(([code]) => code).sort());
  });

  it('lets the DT One code win over a status that disagrees', () => {
    expect(fromResponse(500, body(1007001), {})).toBeInstanceOf(DtOneConflictError);
  });

  it.each([
    [400, DtOneInvalidRequestError],
    [422, DtOneInvalidRequestError],
    [401, DtOneAuthenticationError],
    [403, DtOneAuthenticationError],
    [404, DtOneNotFoundError],
    [409, DtOneConflictError],
    [429, DtOneRateLimitError],
    [503, DtOneUnavailableError],
    [500, DtOneApiError],
    [502, DtOneApiError],
    [504, DtOneApiError],
    [418, DtOneApiError],
  ] as const)('falls back on HTTP %i when the body has no known code', (status, cls) => {
    for (const text of ['<html><body>Bad gateway</body></html>', '', '{"errors":[]}', body(9999999)]) {
      const error = fromResponse(status, text, {});
      expect(error).toBeInstanceOf(cls);
      expect(error.status).toBe(status);
    }
  });

  it('reads a quoted code as the same code', () => {
    expect(fromResponse(400, body('1006001'), {})).toBeInstanceOf(DtOneInsufficientBalanceError);
  });

  it('only 5xx API errors are retryable', () => {
    expect(fromResponse(502, 'bad gateway', {}).retryable).toBe(true);
    expect(fromResponse(418, 'teapot', {}).retryable).toBe(false);
  });

  it('carries Retry-After as seconds, whatever the header case', () => {
    expect(fromResponse(429, body(1000429), { 'Retry-After': '12' }).retryAfterSeconds).toBe(12);
    expect(fromResponse(503, '', { 'retry-after': ['5'] }).retryAfterSeconds).toBe(5);
    expect(fromResponse(429, '', { 'retry-after': 'whenever' }).retryAfterSeconds).toBeUndefined();
  });

  it('keeps the upstream body and message out of the message, JSON and inspection, but readable for logs', () => {
    const secretText = 'customer +6591234567 failed';
    const error = fromResponse(400, body(1005003, secretText), {});
    expect(error.message).not.toContain(secretText);
    expect(JSON.stringify(error)).not.toContain(secretText);
    expect(inspect(error)).not.toContain(secretText);
    expect(Object.keys(error)).not.toContain('rawBody');
    expect(error.rawBody).toContain(secretText);
    expect(error.upstreamMessage).toBe(secretText);
  });

  it('names the error after its class', () => {
    expect(fromResponse(404, body(1008004), {}).name).toBe('DtOneNotFoundError');
  });
});
