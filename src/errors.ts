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
import { DecimalOverflowError } from './money/errors.js';
import { StoreUnavailableError } from './store/errors.js';

/**
 * Codes a client sees in `errors[].extensions.code` (mutations return typed union members instead). Upstream
 * failures map here in one place; the message is always ours, never DT One's text, a stack or a credential.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  UPSTREAM_TIMEOUT: 'UPSTREAM_TIMEOUT',
  UPSTREAM_RATE_LIMITED: 'UPSTREAM_RATE_LIMITED',
  UPSTREAM_AUTH_ERROR: 'UPSTREAM_AUTH_ERROR',
  UPSTREAM_PROTOCOL_ERROR: 'UPSTREAM_PROTOCOL_ERROR',
  UPSTREAM_ERROR: 'UPSTREAM_ERROR',
  STORE_UNAVAILABLE: 'STORE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function notFound(what: string): GraphQLError {
  return new GraphQLError(`${what} was not found`, { extensions: { code: ErrorCode.NOT_FOUND } });
}

/**
 * The client-facing error for an upstream or store failure, or `undefined` for anything else (which is masked).
 * A store outage fails closed: nothing was sent to DT One, and the client may retry with the same key.
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
  if (!(error instanceof DtOneError)) return undefined;
  const extensions = (code: ErrorCode, extra: Record<string, unknown> = {}) => ({
    code,
    ...(requestId && { requestId }),
    ...extra,
  });
  if (error instanceof DtOneRateLimitError) {
    return new GraphQLError('DT One is rate limiting this account; retry later', {
      extensions: extensions(ErrorCode.UPSTREAM_RATE_LIMITED, {
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
