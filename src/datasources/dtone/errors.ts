import type { TransportFailureKind } from '../http/transport-error.js';
import {
  type BuildUpstreamError,
  UpstreamError,
  type UpstreamErrorInit,
  type UpstreamFailure,
  upstreamErrorFromResponse,
} from '../http/upstream-error.js';

/** Stable codes, one per class: what the caller does next, never an HTTP detail. */
export type DtOneErrorCode = `DTONE_${UpstreamFailure}`;

export type DtOneErrorInit = UpstreamErrorInit;

/**
 * Base of every DT One failure. `message` is always our own wording: upstream text can carry customer data
 * and must not reach a client, so it stays in the non-enumerable `rawBody`/`upstreamMessage` for logs.
 */
export abstract class DtOneError extends UpstreamError {
  abstract override readonly code: DtOneErrorCode;
  readonly upstream = 'DT One';
  constructor(message: string, init: DtOneErrorInit) {
    super('DT One', message, init);
  }
}

export type InvalidRequestReason =
  | 'bad_request'
  | 'amount_out_of_range'
  | 'unit_invalid'
  | 'credit_party_mobile_number_invalid'
  | 'sender_mobile_number_invalid'
  | 'debit_party_mobile_number_invalid'
  | 'beneficiary_mobile_number_invalid'
  | 'method_not_supported';

/** 400: the request itself is wrong; fix the input, do not retry as is. */
export class DtOneInvalidRequestError extends DtOneError {
  readonly code = 'DTONE_INVALID_REQUEST';
  readonly retryable = false;
  constructor(
    readonly reason: InvalidRequestReason,
    init: DtOneErrorInit,
  ) {
    super(`DT One rejected the request as invalid (${reason})`, init);
  }
}

/** 401/403: the API key or secret is wrong, revoked, or this IP is not allowed. */
export class DtOneAuthenticationError extends DtOneError {
  readonly code = 'DTONE_AUTHENTICATION_FAILED';
  readonly retryable = false;
  constructor(init: DtOneErrorInit) {
    super('DT One refused the API credentials', init);
  }
}

export type NotFoundResource =
  | 'resource'
  | 'product'
  | 'benefits'
  | 'promotion'
  | 'campaign'
  | 'service'
  | 'country'
  | 'operator'
  | 'balance'
  | 'transaction';

/** 404: DT One has no such entity (or, for products, not in this account). */
export class DtOneNotFoundError extends DtOneError {
  readonly code = 'DTONE_NOT_FOUND';
  readonly retryable = false;
  constructor(
    readonly resource: NotFoundResource,
    init: DtOneErrorInit,
  ) {
    super(`DT One has no such ${resource}`, init);
  }
}

/** 1007001: the external_id was used before; the earlier transaction can be found by it. */
export class DtOneConflictError extends DtOneError {
  readonly code = 'DTONE_EXTERNAL_ID_CONFLICT';
  readonly retryable = false;
  constructor(init: DtOneErrorInit) {
    super('DT One has already seen this external_id', init);
  }
}

export type StateReason =
  | 'already_confirmed'
  | 'confirmation_expired'
  | 'already_cancelled'
  | 'cannot_cancel';

/** The transaction is in a state that forbids this move (confirm/cancel dead ends). */
export class DtOneStateError extends DtOneError {
  readonly code = 'DTONE_INVALID_STATE';
  readonly retryable = false;
  constructor(
    readonly reason: StateReason,
    init: DtOneErrorInit,
  ) {
    super(`DT One refused the transaction move (${reason})`, init);
  }
}

/** 1006001: the account balance cannot cover the transaction. */
export class DtOneInsufficientBalanceError extends DtOneError {
  readonly code = 'DTONE_INSUFFICIENT_BALANCE';
  readonly retryable = false;
  constructor(init: DtOneErrorInit) {
    super('The DT One account balance is insufficient', init);
  }
}

/** 429: slow down; `retryAfterSeconds` says how long when DT One tells. */
export class DtOneRateLimitError extends DtOneError {
  readonly code = 'DTONE_RATE_LIMITED';
  readonly retryable = true;
  constructor(init: DtOneErrorInit) {
    super('DT One rate limit reached', init);
  }
}

/** 503/1009503: DT One is down for now; retry later. */
export class DtOneUnavailableError extends DtOneError {
  readonly code = 'DTONE_UNAVAILABLE';
  readonly retryable = true;
  constructor(init: DtOneErrorInit) {
    super('DT One is unavailable', init);
  }
}

/** Any other failure answer (5xx and anything unexpected). */
export class DtOneApiError extends DtOneError {
  readonly code = 'DTONE_API_ERROR';
  readonly retryable: boolean;
  constructor(init: DtOneErrorInit) {
    super(`DT One failed (HTTP ${init.status ?? 'none'})`, init);
    this.retryable = init.status !== undefined && init.status >= 500;
  }
}

export type ProtocolReason = 'malformed_json' | 'unexpected_shape' | 'truncated' | 'oversize';

/** DT One answered something we cannot read: garbage, cut short, wrong shape or too large. */
export class DtOneProtocolError extends DtOneError {
  readonly code = 'DTONE_PROTOCOL_ERROR';
  readonly retryable = false;
  constructor(
    readonly reason: ProtocolReason,
    init: DtOneErrorInit,
  ) {
    super(`DT One sent an unreadable response (${reason})`, init);
  }
}

export type ConnectionReason = Exclude<TransportFailureKind, 'truncated' | 'oversize'>;

/** No answer at all (refused, reset, timed out) on a call that is safe to repeat. */
export class DtOneConnectionError extends DtOneError {
  readonly code = 'DTONE_CONNECTION_ERROR';
  readonly retryable: boolean;
  constructor(
    readonly reason: ConnectionReason,
    init: DtOneErrorInit,
  ) {
    super(`The call to DT One did not complete (${reason})`, init);
    this.retryable = reason !== 'aborted';
  }
}

export type OutcomeUnknownReason = TransportFailureKind | 'upstream_error' | 'unreadable_response';

/**
 * A money-moving call may or may not have taken effect: it was sent, but no trustworthy answer came back.
 * Never resend it blindly; look the transaction up (by external_id) and reconcile.
 */
export class DtOneOutcomeUnknownError extends DtOneError {
  readonly code = 'DTONE_OUTCOME_UNKNOWN';
  readonly retryable = false;
  constructor(
    readonly reason: OutcomeUnknownReason,
    init: DtOneErrorInit,
  ) {
    super(
      `The outcome of the DT One call is unknown (${reason}); look the transaction up before acting again`,
      init,
    );
  }
}

type Build = BuildUpstreamError<DtOneError>;

const invalid =
  (reason: InvalidRequestReason): Build =>
  (init) =>
    new DtOneInvalidRequestError(reason, init);
const notFound =
  (resource: NotFoundResource): Build =>
  (init) =>
    new DtOneNotFoundError(resource, init);
const state =
  (reason: StateReason): Build =>
  (init) =>
    new DtOneStateError(reason, init);

/** Every code of the spec's "API Error Codes" table, by what the caller does next. */
const BY_UPSTREAM_CODE: Readonly<Record<number, Build>> = {
  1000400: invalid('bad_request'),
  1000401: (init) => new DtOneAuthenticationError(init),
  1000404: notFound('resource'),
  1000429: (init) => new DtOneRateLimitError(init),
  1003001: notFound('product'),
  1003002: invalid('amount_out_of_range'),
  1003003: invalid('unit_invalid'),
  1003101: notFound('benefits'),
  1003201: notFound('promotion'),
  1003301: notFound('campaign'),
  1005003: invalid('credit_party_mobile_number_invalid'),
  1005004: notFound('service'),
  1005005: notFound('country'),
  1005006: notFound('operator'),
  1005503: invalid('sender_mobile_number_invalid'),
  1006001: (init) => new DtOneInsufficientBalanceError(init),
  1006003: invalid('debit_party_mobile_number_invalid'),
  1006009: notFound('balance'),
  1006503: invalid('beneficiary_mobile_number_invalid'),
  1007001: (init) => new DtOneConflictError(init),
  1007002: state('already_confirmed'),
  1007004: state('confirmation_expired'),
  1007005: state('already_cancelled'),
  1007007: state('cannot_cancel'),
  1007500: invalid('method_not_supported'),
  1008004: notFound('transaction'),
  1009001: (init) => new DtOneApiError(init),
  1009503: (init) => new DtOneUnavailableError(init),
};

function byStatus(status: number): Build {
  if (status === 400 || status === 422) return invalid('bad_request');
  if (status === 401 || status === 403) return (init) => new DtOneAuthenticationError(init);
  if (status === 404) return notFound('resource');
  if (status === 409) return (init) => new DtOneConflictError(init);
  if (status === 429) return (init) => new DtOneRateLimitError(init);
  if (status === 503) return (init) => new DtOneUnavailableError(init);
  return (init) => new DtOneApiError(init);
}

/**
 * Builds the error for a DT One answer that is not a success. DT One's own code decides when it is known;
 * otherwise the HTTP status does (so an HTML 502 from a proxy is still a `DtOneApiError`).
 */
export function fromResponse(
  status: number,
  bodyText: string,
  headers: Record<string, string | string[] | undefined>,
  requestId?: string,
): DtOneError {
  return upstreamErrorFromResponse(BY_UPSTREAM_CODE, byStatus, { status, bodyText, headers, requestId });
}

/** The DVS error codes this module knows, for tests and documentation. */
export const KNOWN_UPSTREAM_CODES: readonly number[] = Object.keys(BY_UPSTREAM_CODE).map(Number);
