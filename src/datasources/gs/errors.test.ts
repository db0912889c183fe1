import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  fromGsResponse,
  GsApiError,
  GsAuthenticationError,
  GsConflictError,
  type GsError,
  GsInsufficientBalanceError,
  GsInvalidRequestError,
  GsNotFoundError,
  GsRateLimitError,
  GsStateError,
  GsUnavailableError,
  KNOWN_GS_CODES,
} from './errors.js';

type ErrorClass = abstract new (...args: never[]) => GsError;

/** FACTS §12 error codes (from the recorded G&S responses), with the class and detail each must give. */
const TABLE: [number, number, ErrorClass, string, Record<string, unknown>][] = [
  [1000204, 400, GsInvalidRequestError, 'GS_INVALID_REQUEST', { reason: 'account_number_invalid' }],
  [1000207, 400, GsInvalidRequestError, 'GS_INVALID_REQUEST', { reason: 'amount_limit_exceeded' }],
  [1000212, 400, GsStateError, 'GS_INVALID_STATE', { reason: 'already_paid' }],
  [1000213, 400, GsConflictError, 'GS_EXTERNAL_ID_CONFLICT', { reason: 'transaction_repeated' }],
  [1000214, 400, GsInvalidRequestError, 'GS_INVALID_REQUEST', { reason: 'rejected' }],
  [1000218, 400, GsApiError, 'GS_API_ERROR', { retryable: true }],
  [1000230, 400, GsInvalidRequestError, 'GS_INVALID_REQUEST', { reason: 'recipient_limit_reached' }],
  [1000301, 400, GsInvalidRequestError, 'GS_INVALID_REQUEST', { reason: 'product_unavailable' }],
  [1000302, 400, GsInvalidRequestError, 'GS_INVALID_REQUEST', { reason: 'product_incompatible' }],
  [1000303, 400, GsInvalidRequestError, 'GS_INVALID_REQUEST', { reason: 'wrong_product_type' }],
  [1000304, 400, GsInvalidRequestError, 'GS_INVALID_REQUEST', { reason: 'account_verification_unavailable' }],
  [1000401, 401, GsAuthenticationError, 'GS_AUTHENTICATION_FAILED', {}],
  [1000404, 404, GsNotFoundError, 'GS_NOT_FOUND', {}],
  [1000500, 500, GsApiError, 'GS_API_ERROR', { retryable: true }],
  [1000777, 400, GsInsufficientBalanceError, 'GS_INSUFFICIENT_BALANCE', { account: 'master' }],
  [1000888, 400, GsInsufficientBalanceError, 'GS_INSUFFICIENT_BALANCE', { account: 'retailer' }],
  [1000990, 400, GsConflictError, 'GS_EXTERNAL_ID_CONFLICT', { reason: 'external_id_used' }],
  [1000999, 400, GsInvalidRequestError, 'GS_INVALID_REQUEST', { reason: 'invalid_parameter' }],
];

const body = (code: number, message = 'upstream text') => JSON.stringify({ errors: [{ code, message }] });

describe('fromGsResponse', () => {
  it.each(TABLE)('maps G&S code %i (HTTP %i) to its class', (code, status, cls, stableCode, detail) => {
    const error = fromGsResponse(status, body(code), {}, 'req-1');
    expect(error).toBeInstanceOf(cls);
    expect(error).toMatchObject({
      status,
      code: stableCode,
      upstreamCode: code,
      requestId: 'req-1',
      ...detail,
    });
  });

  it('knows exactly the codes of the table', () => {
    expect([...KNOWN_GS_CODES].sort()).toEqual(TABLE.map(([code]) => code).sort());
  });

  it.each([
    [400, GsInvalidRequestError],
    [401, GsAuthenticationError],
    [403, GsAuthenticationError],
    [404, GsNotFoundError],
    [429, GsRateLimitError],
    [503, GsUnavailableError],
    [500, GsApiError],
    [502, GsApiError],
  ] as const)('falls back on HTTP %i without a known code', (status, cls) => {
    expect(fromGsResponse(status, '<html>proxy</html>', {})).toBeInstanceOf(cls);
  });

  it('keeps the upstream text out of message and JSON, and Retry-After as seconds', () => {
    const error = fromGsResponse(429, body(1000999, 'account 5550001 of ABD KARIM'), { 'Retry-After': '9' });
    expect(error.retryAfterSeconds).toBe(9);
    expect(`${error.message} ${JSON.stringify(error)} ${inspect(error)}`).not.toContain('KARIM');
    expect(error.rawBody).toContain('KARIM');
  });
});
