import { GraphQLError } from 'graphql';
import {
  DtOneAuthenticationError,
  DtOneConnectionError,
  DtOneError,
  DtOneInvalidRequestError,
  DtOneNotFoundError,
  DtOneProtocolError,
  DtOneRateLimitError,
  DtOneUnavailableError,
} from './datasources/dtone/errors.js';
import {
  GsAuthenticationError,
  GsConnectionError,
  GsError,
  GsInvalidRequestError,
  GsNotFoundError,
  GsProtocolError,
  GsRateLimitError,
  GsUnavailableError,
} from './datasources/gs/errors.js';
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
  if (error instanceof GsError) return gsToGraphQLError(error, extensions);
  if (!(error instanceof DtOneError)) return undefined;
  if (error instanceof DtOneRateLimitError) {
    return new GraphQLError('DT One is rate limiting this account; retry later', {
      extensions: extensions(ErrorCode.RATE_LIMITED, {
        retryAfterSeconds: error.retryAfterSeconds ?? null,
      }),
    });
  }
  if (error instanceof DtOneAuthenticationError) {
    return new GraphQLError('The gateway could not authenticate with DT One', {
      extensions: extensions(ErrorCode.UPSTREAM_AUTH_ERROR),
    });
  }
  if (
    error instanceof DtOneConnectionError &&
    ['headers-timeout', 'body-timeout', 'deadline'].includes(error.reason)
  ) {
    return new GraphQLError('DT One did not answer in time', {
      extensions: extensions(ErrorCode.UPSTREAM_TIMEOUT),
    });
  }
  if (error instanceof DtOneConnectionError || error instanceof DtOneUnavailableError) {
    return new GraphQLError('DT One is unavailable; retry later', {
      extensions: extensions(ErrorCode.UPSTREAM_UNAVAILABLE),
    });
  }
  if (error instanceof DtOneProtocolError) {
    return new GraphQLError('DT One sent an answer the gateway could not read', {
      extensions: extensions(ErrorCode.UPSTREAM_PROTOCOL_ERROR),
    });
  }
  if (error instanceof DtOneNotFoundError) {
    return new GraphQLError('Not found at DT One', { extensions: extensions(ErrorCode.NOT_FOUND) });
  }
  if (error instanceof DtOneInvalidRequestError) {
    return new GraphQLError('DT One refused the request as invalid', {
      extensions: extensions(ErrorCode.BAD_USER_INPUT, { reason: error.reason }),
    });
  }
  return new GraphQLError('DT One failed to answer', { extensions: extensions(ErrorCode.UPSTREAM_ERROR) });
}

/** Goods & Services failures take the codes their DT One counterparts have. */
function gsToGraphQLError(
  error: GsError,
  extensions: (code: ErrorCode, extra?: Record<string, unknown>) => Record<string, unknown>,
): GraphQLError {
  const [message, code, extra] =
    error instanceof GsRateLimitError
      ? [
          'Goods & Services is rate limiting this account; retry later',
          ErrorCode.RATE_LIMITED,
          { retryAfterSeconds: error.retryAfterSeconds ?? null },
        ]
      : error instanceof GsAuthenticationError
        ? ['The gateway could not authenticate with Goods & Services', ErrorCode.UPSTREAM_AUTH_ERROR, {}]
        : error instanceof GsConnectionError || error instanceof GsUnavailableError
          ? ['Goods & Services is unavailable; retry later', ErrorCode.UPSTREAM_UNAVAILABLE, {}]
          : error instanceof GsProtocolError
            ? [
                'Goods & Services sent an answer the gateway could not read',
                ErrorCode.UPSTREAM_PROTOCOL_ERROR,
                {},
              ]
            : error instanceof GsNotFoundError
              ? ['Not found at Goods & Services', ErrorCode.NOT_FOUND, {}]
              : error instanceof GsInvalidRequestError
                ? [
                    'Goods & Services refused the request as invalid',
                    ErrorCode.BAD_USER_INPUT,
                    { reason: error.reason },
                  ]
                : ['Goods & Services failed to answer', ErrorCode.UPSTREAM_ERROR, {}];
  return new GraphQLError(message, { extensions: extensions(code, extra) });
}
