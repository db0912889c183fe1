import { UpstreamError } from '../datasources/http/upstream-error.js';
import { DomainError } from '../error-registry.js';
import {
  AccountNumberInvalidError,
  BillAlreadyPaidError,
  InsufficientBalanceError,
  InvalidInputError,
  ProductUnavailableError,
  RateLimitedError,
  UpstreamUnavailableError,
  upstreamAuthError,
} from './errors.js';

/**
 * How DT One's and Goods & Services' refusals of a money move become the stable codes kept on the record (so a replay
 * answers the same) and the typed union members clients see. One table for both upstreams: they share their failure
 * words, and their refusal reasons do not overlap.
 */
const PRODUCT_REASONS: ReadonlySet<string> = new Set([
  'product_unavailable',
  'product_incompatible',
  'wrong_product_type',
]);

/** The input field each DT One refusal reason points at, for `InvalidInputError.field`. */
const FIELD_OF_REASON: Record<string, string[]> = {
  credit_party_mobile_number_invalid: ['creditParty', 'mobileNumber'],
  sender_mobile_number_invalid: ['sender', 'mobileNumber'],
  debit_party_mobile_number_invalid: ['debitParty', 'mobileNumber'],
  beneficiary_mobile_number_invalid: ['beneficiary', 'mobileNumber'],
  amount_out_of_range: ['amount'],
  unit_invalid: ['amount'],
};

/** A stable code for an upstream's refusal; anything that is not an upstream failure is thrown on. */
export function refusalCode(error: unknown): string {
  if (error instanceof DomainError || !(error instanceof UpstreamError)) throw error;
  const reason = 'reason' in error ? String(error.reason) : undefined;
  switch (error.failure) {
    case 'INSUFFICIENT_BALANCE':
      return 'INSUFFICIENT_BALANCE';
    case 'NOT_FOUND':
      return 'PRODUCT_UNAVAILABLE';
    case 'RATE_LIMITED':
      return 'RATE_LIMITED';
    case 'AUTHENTICATION_FAILED':
      return 'UPSTREAM_AUTH_ERROR';
    case 'INVALID_STATE':
      return reason === 'already_paid' ? 'BILL_ALREADY_PAID' : 'UPSTREAM_UNAVAILABLE';
    case 'INVALID_REQUEST':
      if (reason !== undefined && PRODUCT_REASONS.has(reason)) return 'PRODUCT_UNAVAILABLE';
      if (reason === 'account_number_invalid') return 'ACCOUNT_NUMBER_INVALID';
      return `INVALID_INPUT:${reason ?? 'bad_request'}`;
    default:
      return 'UPSTREAM_UNAVAILABLE';
  }
}

/**
 * The union member for a refusal code. `error` is the upstream failure when there is one (a replay has only the
 * code); `upstream` names who refused, for our own wording.
 */
export function refusalError(
  code: string,
  {
    error,
    productId,
    upstream,
  }: { error?: unknown; productId: number; upstream: 'DT One' | 'Goods & Services' },
): DomainError {
  if (code === 'INSUFFICIENT_BALANCE') return new InsufficientBalanceError();
  if (code === 'PRODUCT_UNAVAILABLE') return new ProductUnavailableError(productId);
  if (code === 'ACCOUNT_NUMBER_INVALID') return new AccountNumberInvalidError(productId);
  if (code === 'BILL_ALREADY_PAID') return new BillAlreadyPaidError(productId);
  if (code === 'RATE_LIMITED') {
    return new RateLimitedError(
      error instanceof UpstreamError && error.failure === 'RATE_LIMITED'
        ? (error.retryAfterSeconds ?? null)
        : null,
    );
  }
  if (code.startsWith('INVALID_INPUT:')) {
    const reason = code.slice('INVALID_INPUT:'.length);
    return new InvalidInputError(FIELD_OF_REASON[reason] ?? [], `${upstream} refused the input (${reason})`);
  }
  if (code === 'UPSTREAM_AUTH_ERROR') return upstreamAuthError(upstream);
  return new UpstreamUnavailableError();
}
