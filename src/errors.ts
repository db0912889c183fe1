import { GraphQLError } from 'graphql';
import { UpstreamError, type UpstreamFailure } from './datasources/http/upstream-error.js';
import { DomainError, ErrorCode } from './error-registry.js';
import { DecimalOverflowError } from './money/errors.js';
import { StoreUnavailableError } from './store/errors.js';

export { ErrorCode } from './error-registry.js';

/**
 * A failure that fails the field or request as a top-level error with a registry code (there is no union member for
 * it): the services throw it, the one mapper below writes it.
 */
export class GatewayError extends DomainError {
  override readonly name = 'GatewayError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function notFound(what: string, code: ErrorCode = ErrorCode.NOT_FOUND): GraphQLError {
  return new GraphQLError(`${what} was not found`, { extensions: { code } });
}

/**
 * The one mapper: the client-facing error for a gateway, upstream (DT One or Goods & Services) or store failure, or
 * `undefined` for anything else (which is masked). A store outage fails closed: nothing was sent to DT One, and the
 * client may retry with the same key. Codes come from the registry; messages are ours, never upstream text.
 */
export function upstreamToGraphQLError(
  error: unknown,
  requestId: string | undefined,
): GraphQLError | undefined {
  if (error instanceof StoreUnavailableError) {
    return new GraphQLError(
      'The gateway cannot record transactions right now; nothing was sent. Retry later.',
      {
        extensions: { code: ErrorCode.STORE_UNAVAILABLE, ...(requestId && { requestId }) },
      },
    );
  }
  if (error instanceof DecimalOverflowError) {
    // Amounts the caller sent that are too large to compute with exactly: their input, not a gateway fault.
    return new GraphQLError(`An amount is too large to compute exactly: ${error.message}`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT, ...(requestId && { requestId }) },
    });
  }
  const extensions = (code: ErrorCode, extra: Record<string, unknown> = {}) => ({
    code,
    ...(requestId && { requestId }),
    ...extra,
  });
  if (error instanceof GatewayError)
    return new GraphQLError(error.message, { extensions: extensions(error.code) });
  if (!(error instanceof UpstreamError)) return undefined;
  const { code, message } = UPSTREAM_FAILURES[upstreamCondition(error)];
  const extra: Record<string, unknown> =
    code === ErrorCode.RATE_LIMITED
      ? { retryAfterSeconds: error.retryAfterSeconds ?? null }
      : code === ErrorCode.BAD_USER_INPUT && 'reason' in error
        ? { reason: error.reason }
        : {};
  return new GraphQLError(message(error.upstream), { extensions: extensions(code, extra) });
}

/** A connection failure that timed out is its own condition: the call may still have arrived. */
const TIMEOUT_REASONS: ReadonlySet<unknown> = new Set(['headers-timeout', 'body-timeout', 'deadline']);

type UpstreamCondition = UpstreamFailure | 'TIMEOUT';

function upstreamCondition(error: UpstreamError): UpstreamCondition {
  const failure = error.failure;
  return failure === 'CONNECTION_ERROR' && 'reason' in error && TIMEOUT_REASONS.has(error.reason)
    ? 'TIMEOUT'
    : failure;
}

/**
 * Every upstream condition's client code and wording, for DT One and Goods & Services alike. Conditions the money
 * services turn into union members (conflicts, state, balance, unknown outcomes) reach here only when they escape a
 * read, and are the generic upstream failure.
 */
const UPSTREAM_FAILURES: Record<
  UpstreamCondition,
  { code: ErrorCode; message: (upstream: string) => string }
> = {
  RATE_LIMITED: {
    code: ErrorCode.RATE_LIMITED,
    message: (u) => `${u} is rate limiting this account; retry later`,
  },
  AUTHENTICATION_FAILED: {
    code: ErrorCode.UPSTREAM_AUTH_ERROR,
    message: (u) => `The gateway could not authenticate with ${u}`,
  },
  TIMEOUT: { code: ErrorCode.UPSTREAM_TIMEOUT, message: (u) => `${u} did not answer in time` },
  CONNECTION_ERROR: {
    code: ErrorCode.UPSTREAM_UNAVAILABLE,
    message: (u) => `${u} is unavailable; retry later`,
  },
  UNAVAILABLE: { code: ErrorCode.UPSTREAM_UNAVAILABLE, message: (u) => `${u} is unavailable; retry later` },
  PROTOCOL_ERROR: {
    code: ErrorCode.UPSTREAM_PROTOCOL_ERROR,
    message: (u) => `${u} sent an answer the gateway could not read`,
  },
  NOT_FOUND: { code: ErrorCode.NOT_FOUND, message: (u) => `Not found at ${u}` },
  INVALID_REQUEST: {
    code: ErrorCode.BAD_USER_INPUT,
    message: (u) => `${u} refused the request as invalid`,
  },
  EXTERNAL_ID_CONFLICT: { code: ErrorCode.UPSTREAM_ERROR, message: (u) => `${u} failed to answer` },
  INVALID_STATE: { code: ErrorCode.UPSTREAM_ERROR, message: (u) => `${u} failed to answer` },
  INSUFFICIENT_BALANCE: { code: ErrorCode.UPSTREAM_ERROR, message: (u) => `${u} failed to answer` },
  API_ERROR: { code: ErrorCode.UPSTREAM_ERROR, message: (u) => `${u} failed to answer` },
  OUTCOME_UNKNOWN: { code: ErrorCode.UPSTREAM_ERROR, message: (u) => `${u} failed to answer` },
};
