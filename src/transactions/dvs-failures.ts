import {
  DtOneAuthenticationError,
  DtOneConnectionError,
  DtOneError,
  DtOneInsufficientBalanceError,
  DtOneInvalidRequestError,
  DtOneNotFoundError,
  DtOneRateLimitError,
  DtOneUnavailableError,
} from '../datasources/dtone/errors.js';
import type { TransactionRecord } from '../store/types.js';
import {
  InsufficientBalanceError,
  InvalidInputError,
  ProductUnavailableError,
  RateLimitedError,
  UpstreamUnavailableError,
  upstreamAuthError,
} from './errors.js';

/** How DT One's refusals of a create or confirm become the stable codes and typed errors clients see. */
export function confirmReason(code: number | undefined, statusClass: string) {
  if (code === 1007002) return 'ALREADY_CONFIRMED' as const;
  if (code === 1007005 || statusClass === 'CANCELLED') return 'ALREADY_CANCELLED' as const;
  if (code === 1007004) return 'EXPIRED' as const;
  return 'NOT_CONFIRMABLE' as const;
}

/** A stable code for a create DT One refused, kept on the record so a replay answers the same. */
export function dvsFailureCode(error: unknown): string {
  if (error instanceof DtOneInsufficientBalanceError) return 'INSUFFICIENT_BALANCE';
  if (error instanceof DtOneNotFoundError) return 'PRODUCT_UNAVAILABLE';
  if (error instanceof DtOneRateLimitError) return 'RATE_LIMITED';
  if (error instanceof DtOneInvalidRequestError) return `INVALID_INPUT:${error.reason}`;
  if (error instanceof DtOneUnavailableError || error instanceof DtOneConnectionError)
    return 'UPSTREAM_UNAVAILABLE';
  if (error instanceof DtOneAuthenticationError) return 'UPSTREAM_AUTH_ERROR';
  if (error instanceof DtOneError) return 'UPSTREAM_UNAVAILABLE';
  throw error;
}

const FIELD_OF_REASON: Record<string, string[]> = {
  credit_party_mobile_number_invalid: ['creditParty', 'mobileNumber'],
  sender_mobile_number_invalid: ['sender', 'mobileNumber'],
  debit_party_mobile_number_invalid: ['debitParty', 'mobileNumber'],
  beneficiary_mobile_number_invalid: ['beneficiary', 'mobileNumber'],
  amount_out_of_range: ['amount'],
  unit_invalid: ['amount'],
};

export function dvsFailureError(code: string, error: unknown, record: TransactionRecord): Error {
  if (code === 'INSUFFICIENT_BALANCE') return new InsufficientBalanceError();
  if (code === 'PRODUCT_UNAVAILABLE') return new ProductUnavailableError(record.productId);
  if (code === 'RATE_LIMITED') {
    return new RateLimitedError(
      error instanceof DtOneRateLimitError ? (error.retryAfterSeconds ?? null) : null,
    );
  }
  if (code.startsWith('INVALID_INPUT:')) {
    const reason = code.slice('INVALID_INPUT:'.length);
    return new InvalidInputError(FIELD_OF_REASON[reason] ?? [], `DT One refused the input (${reason})`);
  }
  if (code === 'UPSTREAM_AUTH_ERROR') return upstreamAuthError('DT One');
  return new UpstreamUnavailableError();
}
