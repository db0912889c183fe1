import { DomainError, ErrorCode } from '../error-registry.js';
import { GatewayError } from '../errors.js';
import type { Money } from '../money/money.js';
import type { TransactionRecord } from '../store/types.js';

/**
 * Failures a client of the money-moving mutations branches on. Plain classes (the service knows no GraphQL); the
 * schema registers each as a member of the mutations' result unions. `code` is stable.
 */

export class InvalidInputError extends DomainError {
  override readonly name = 'InvalidInputError';
  readonly code = 'INVALID_INPUT';
  constructor(
    /** Path of the input field at fault, e.g. `['creditParty', 'mobileNumber']`. */
    readonly field: string[],
    message: string,
  ) {
    super(message);
  }
}

export class ProductUnavailableError extends DomainError {
  override readonly name = 'ProductUnavailableError';
  readonly code = 'PRODUCT_UNAVAILABLE';
  constructor(readonly productId: number) {
    super(`Product ${productId} is not available to this account`);
  }
}

export class InsufficientBalanceError extends DomainError {
  override readonly name = 'InsufficientBalanceError';
  readonly code = 'INSUFFICIENT_BALANCE';
  constructor() {
    super('The DT One account balance is too low for this transaction');
  }
}

export class IdempotencyConflictError extends DomainError {
  override readonly name = 'IdempotencyConflictError';
  readonly code = 'IDEMPOTENCY_CONFLICT';
  constructor(readonly idempotencyKey: string) {
    super('This idempotency key was already used with a different input');
  }
}

export class TransactionNotFoundError extends DomainError {
  override readonly name = 'TransactionNotFoundError';
  readonly code = 'TRANSACTION_NOT_FOUND';
  constructor(readonly id: string) {
    super('No such transaction');
  }
}

export type InvalidStateReason =
  | 'ALREADY_CONFIRMED'
  | 'ALREADY_CANCELLED'
  | 'EXPIRED'
  | 'NOT_CONFIRMABLE'
  | 'NOT_CANCELLABLE'
  | 'OUTCOME_PENDING';

export class InvalidStateError extends DomainError {
  override readonly name = 'InvalidStateError';
  readonly code = 'INVALID_STATE';
  constructor(
    readonly reason: InvalidStateReason,
    readonly transaction: TransactionRecord,
  ) {
    super(`The transaction cannot do that now (${reason})`);
  }
}

export class RateLimitedError extends DomainError {
  override readonly name = 'RateLimitedError';
  readonly code = 'RATE_LIMITED';
  constructor(readonly retryAfterSeconds: number | null) {
    super('DT One is rate limiting this account; retry later with the same idempotency key');
  }
}

export class UpstreamUnavailableError extends DomainError {
  override readonly name = 'UpstreamUnavailableError';
  readonly code = 'UPSTREAM_UNAVAILABLE';
  constructor() {
    super('DT One could not take the request; retry later with the same idempotency key');
  }
}

/** The create would take the tenant's spend today past its daily cap in that currency; nothing was sent. */
export class SpendLimitExceededError extends DomainError {
  override readonly name = 'SpendLimitExceededError';
  readonly code = 'SPEND_LIMIT_EXCEEDED';
  constructor(
    readonly cap: Money,
    readonly spent: Money,
    readonly requested: Money,
  ) {
    super(
      `This transaction (${requested.amount} ${requested.unit}) would take today's spend past the tenant's daily cap of ${cap.amount} ${cap.unit}; nothing was sent`,
    );
  }
}

/**
 * The upstream refused the gateway's credentials: nothing was sent, an operator must fix them. No union offers a
 * member for it, so it is the top-level UPSTREAM_AUTH_ERROR that queries answer too.
 */
export function upstreamAuthError(upstream: 'DT One' | 'Goods & Services'): GatewayError {
  return new GatewayError(
    ErrorCode.UPSTREAM_AUTH_ERROR,
    `The gateway could not authenticate with ${upstream}; nothing was sent`,
  );
}

export class AccountNumberInvalidError extends DomainError {
  override readonly name = 'AccountNumberInvalidError';
  readonly code = 'ACCOUNT_NUMBER_INVALID';
  constructor(readonly productId: number) {
    super(`The biller of product ${productId} does not know this account number`);
  }
}

export class BillAlreadyPaidError extends DomainError {
  override readonly name = 'BillAlreadyPaidError';
  readonly code = 'BILL_ALREADY_PAID';
  constructor(readonly productId: number) {
    super('This bill has nothing left to pay');
  }
}
