import {
  GsAuthenticationError,
  GsError,
  GsInsufficientBalanceError,
  GsInvalidRequestError,
  GsNotFoundError,
  GsRateLimitError,
  GsStateError,
} from '../datasources/gs/errors.js';
import { DomainError } from '../error-registry.js';
import type { TransactionRecord } from '../store/types.js';
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

const PRODUCT_REASONS: ReadonlySet<string> = new Set([
  'product_unavailable',
  'product_incompatible',
  'wrong_product_type',
]);

/** A stable code for a refusal, kept on the record so a replay answers the same. */
export function gsFailureCode(error: unknown): string {
  if (error instanceof DomainError) throw error;
  if (error instanceof GsNotFoundError) return 'PRODUCT_UNAVAILABLE';
  if (error instanceof GsInvalidRequestError) {
    if (PRODUCT_REASONS.has(error.reason)) return 'PRODUCT_UNAVAILABLE';
    if (error.reason === 'account_number_invalid') return 'ACCOUNT_NUMBER_INVALID';
    return `INVALID_INPUT:${error.reason}`;
  }
  if (error instanceof GsStateError) return 'BILL_ALREADY_PAID';
  if (error instanceof GsInsufficientBalanceError) return 'INSUFFICIENT_BALANCE';
  if (error instanceof GsRateLimitError) return 'RATE_LIMITED';
  if (error instanceof GsAuthenticationError) return 'UPSTREAM_AUTH_ERROR';
  if (error instanceof GsError) return 'UPSTREAM_UNAVAILABLE';
  throw error;
}

export function gsFailureError(
  code: string,
  error: unknown,
  record: TransactionRecord | undefined,
  productId = record?.productId ?? 0,
): DomainError {
  if (code === 'PRODUCT_UNAVAILABLE') return new ProductUnavailableError(productId);
  if (code === 'ACCOUNT_NUMBER_INVALID') return new AccountNumberInvalidError(productId);
  if (code === 'BILL_ALREADY_PAID') return new BillAlreadyPaidError(productId);
  if (code === 'INSUFFICIENT_BALANCE') return new InsufficientBalanceError();
  if (code === 'RATE_LIMITED')
    return new RateLimitedError(error instanceof GsRateLimitError ? (error.retryAfterSeconds ?? null) : null);
  if (code.startsWith('INVALID_INPUT:'))
    return new InvalidInputError([], `Goods & Services refused the input (${code.slice(14)})`);
  if (code === 'UPSTREAM_AUTH_ERROR') return upstreamAuthError('Goods & Services');
  return new UpstreamUnavailableError();
}
