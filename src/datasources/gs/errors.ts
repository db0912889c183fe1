import type { TransportFailureKind } from '../http/transport-error.js';
import {
  type BuildUpstreamError,
  UpstreamError,
  type UpstreamErrorInit,
  type UpstreamFailure,
  upstreamErrorFromResponse,
} from '../http/upstream-error.js';

/** Stable codes, one per class, mirroring the DVS `DTONE_*` codes. */
export type GsErrorCode = `GS_${UpstreamFailure}`;

export type GsErrorInit = UpstreamErrorInit;

/** Base of every Goods & Services failure; `message` is always our own wording. */
export abstract class GsError extends UpstreamError {
  abstract override readonly code: GsErrorCode;
  readonly upstream = 'Goods & Services';
  constructor(message: string, init: GsErrorInit) {
    super('G&S', message, init);
  }
}

export type GsInvalidRequestReason =
  | 'bad_request'
  | 'account_number_invalid'
  | 'amount_limit_exceeded'
  | 'rejected'
  | 'recipient_limit_reached'
  | 'product_unavailable'
  | 'product_incompatible'
  | 'wrong_product_type'
  | 'account_verification_unavailable'
  | 'invalid_parameter';

export class GsInvalidRequestError extends GsError {
  readonly code = 'GS_INVALID_REQUEST';
  readonly retryable = false;
  constructor(
    readonly reason: GsInvalidRequestReason,
    init: GsErrorInit,
  ) {
    super(`Goods & Services rejected the request (${reason})`, init);
  }
}

export class GsAuthenticationError extends GsError {
  readonly code = 'GS_AUTHENTICATION_FAILED';
  readonly retryable = false;
  constructor(init: GsErrorInit) {
    super('Goods & Services refused the API credentials', init);
  }
}

export class GsNotFoundError extends GsError {
  readonly code = 'GS_NOT_FOUND';
  readonly retryable = false;
  constructor(init: GsErrorInit) {
    super('Goods & Services has no such transaction or resource', init);
  }
}

export type GsConflictReason = 'external_id_used' | 'transaction_repeated';

/** 1000990 (external id used) or 1000213 (the same payment repeated): the earlier one may be looked up. */
export class GsConflictError extends GsError {
  readonly code = 'GS_EXTERNAL_ID_CONFLICT';
  readonly retryable = false;
  constructor(
    readonly reason: GsConflictReason,
    init: GsErrorInit,
  ) {
    super(`Goods & Services has already seen this payment (${reason})`, init);
  }
}

/** 1000212: the bill is already paid. */
export class GsStateError extends GsError {
  readonly code = 'GS_INVALID_STATE';
  readonly retryable = false;
  readonly reason = 'already_paid';
  constructor(init: GsErrorInit) {
    super('Goods & Services says the bill is already paid', init);
  }
}

export type GsBalanceAccount = 'master' | 'retailer';

/** 1000777 (master account) or 1000888 (retailer account). */
export class GsInsufficientBalanceError extends GsError {
  readonly code = 'GS_INSUFFICIENT_BALANCE';
  readonly retryable = false;
  constructor(
    readonly account: GsBalanceAccount,
    init: GsErrorInit,
  ) {
    super(`The Goods & Services ${account} account balance is insufficient`, init);
  }
}

export class GsRateLimitError extends GsError {
  readonly code = 'GS_RATE_LIMITED';
  readonly retryable = true;
  constructor(init: GsErrorInit) {
    super('Goods & Services rate limit reached', init);
  }
}

export class GsUnavailableError extends GsError {
  readonly code = 'GS_UNAVAILABLE';
  readonly retryable = true;
  constructor(init: GsErrorInit) {
    super('Goods & Services is unavailable', init);
  }
}

/** Any other failure answer: 5xx (1000500), an operator timeout (1000218), anything unexpected. */
export class GsApiError extends GsError {
  readonly code = 'GS_API_ERROR';
  readonly retryable: boolean;
  constructor(init: GsErrorInit) {
    super(`Goods & Services failed (HTTP ${init.status ?? 'none'})`, init);
    this.retryable =
      (init.status !== undefined && init.status >= 500) || init.upstreamCode === OPERATOR_TIMEOUT;
  }
}

export type GsProtocolReason = 'malformed_json' | 'unexpected_shape' | 'truncated' | 'oversize';

export class GsProtocolError extends GsError {
  readonly code = 'GS_PROTOCOL_ERROR';
  readonly retryable = false;
  constructor(
    readonly reason: GsProtocolReason,
    init: GsErrorInit,
  ) {
    super(`Goods & Services sent an unreadable response (${reason})`, init);
  }
}

export type GsConnectionReason = Exclude<TransportFailureKind, 'truncated' | 'oversize'>;

export class GsConnectionError extends GsError {
  readonly code = 'GS_CONNECTION_ERROR';
  readonly retryable: boolean;
  constructor(
    readonly reason: GsConnectionReason,
    init: GsErrorInit,
  ) {
    super(`The call to Goods & Services did not complete (${reason})`, init);
    this.retryable = reason !== 'aborted';
  }
}

export type GsOutcomeUnknownReason = TransportFailureKind | 'upstream_error' | 'unreadable_response';

/** A payment may or may not have gone through: look it up by `ext-{external_id}` before acting again. */
export class GsOutcomeUnknownError extends GsError {
  readonly code = 'GS_OUTCOME_UNKNOWN';
  readonly retryable = false;
  constructor(
    readonly reason: GsOutcomeUnknownReason,
    init: GsErrorInit,
  ) {
    super(
      `The outcome of the Goods & Services payment is unknown (${reason}); look it up before acting again`,
      init,
    );
  }
}

/** The operator did not answer DT One in time: the payment's fate is open. */
export const OPERATOR_TIMEOUT = 1000218;

type Build = BuildUpstreamError<GsError>;
const invalid =
  (reason: GsInvalidRequestReason): Build =>
  (init) =>
    new GsInvalidRequestError(reason, init);

/** Codes from DT One's G&S docs and recorded responses (FACTS §12). */
const BY_UPSTREAM_CODE: Readonly<Record<number, Build>> = {
  1000204: invalid('account_number_invalid'),
  1000207: invalid('amount_limit_exceeded'),
  1000212: (init) => new GsStateError(init),
  1000213: (init) => new GsConflictError('transaction_repeated', init),
  1000214: invalid('rejected'),
  1000218: (init) => new GsApiError(init),
  1000230: invalid('recipient_limit_reached'),
  1000301: invalid('product_unavailable'),
  1000302: invalid('product_incompatible'),
  1000303: invalid('wrong_product_type'),
  1000304: invalid('account_verification_unavailable'),
  1000401: (init) => new GsAuthenticationError(init),
  1000404: (init) => new GsNotFoundError(init),
  1000500: (init) => new GsApiError(init),
  1000777: (init) => new GsInsufficientBalanceError('master', init),
  1000888: (init) => new GsInsufficientBalanceError('retailer', init),
  1000990: (init) => new GsConflictError('external_id_used', init),
  1000999: invalid('invalid_parameter'),
};

function byStatus(status: number): Build {
  if (status === 400 || status === 422) return invalid('bad_request');
  if (status === 401 || status === 403) return (init) => new GsAuthenticationError(init);
  if (status === 404) return (init) => new GsNotFoundError(init);
  if (status === 409) return (init) => new GsConflictError('external_id_used', init);
  if (status === 429) return (init) => new GsRateLimitError(init);
  if (status === 503) return (init) => new GsUnavailableError(init);
  return (init) => new GsApiError(init);
}

/** Builds the error for a G&S answer that is not a success; the upstream code wins, else the HTTP status. */
export function fromGsResponse(
  status: number,
  bodyText: string,
  headers: Record<string, string | string[] | undefined>,
  requestId?: string,
): GsError {
  return upstreamErrorFromResponse(BY_UPSTREAM_CODE, byStatus, { status, bodyText, headers, requestId });
}

export const KNOWN_GS_CODES: readonly number[] = Object.keys(BY_UPSTREAM_CODE).map(Number);
