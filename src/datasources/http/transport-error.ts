import { BodyTooLargeError } from './read-body.js';

/**
 * Why an upstream call produced no usable HTTP answer.
 * - `connect`: the connection was never established (refused, DNS, connect timeout): nothing reached the upstream.
 * - `headers-timeout` / `body-timeout`: undici's per-attempt idle timers fired.
 * - `reset`: the socket broke before the response headers arrived.
 * - `truncated`: the socket broke or closed while the body was being read.
 * - `oversize`: the body was larger than the configured cap; it was aborted, never parsed.
 * - `deadline`: the call's overall time budget ran out.
 * - `aborted`: the caller's own signal aborted.
 * - `network`: any other failure of the request itself.
 */
export type TransportFailureKind =
  | 'connect'
  | 'headers-timeout'
  | 'body-timeout'
  | 'reset'
  | 'truncated'
  | 'oversize'
  | 'deadline'
  | 'aborted'
  | 'network';

const MESSAGES: Record<TransportFailureKind, string> = {
  connect: 'could not connect to the upstream',
  'headers-timeout': 'the upstream sent no response headers in time',
  'body-timeout': 'the upstream stopped sending the response body',
  reset: 'the connection to the upstream was reset',
  truncated: 'the upstream response body was cut short',
  oversize: 'the upstream response body exceeded the size limit',
  deadline: 'the upstream call ran out of time',
  aborted: 'the upstream call was aborted by the caller',
  network: 'the upstream request failed',
};

export class UpstreamTransportError extends Error {
  readonly kind: TransportFailureKind;
  readonly requestId: string;
  /** HTTP status when response headers had arrived before the failure. */
  readonly status: number | undefined;

  constructor(
    kind: TransportFailureKind,
    requestId: string,
    options: { status?: number; cause?: unknown } = {},
  ) {
    super(MESSAGES[kind], options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UpstreamTransportError';
    this.kind = kind;
    this.requestId = requestId;
    this.status = options.status;
  }

  /** False only when the request provably never left this process, so even a money-moving call did nothing. */
  get mayHaveReachedUpstream(): boolean {
    return this.kind !== 'connect';
  }
}

const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/** Names the failure of one attempt from the thrown error and where in the exchange it happened. */
export function classifyFailure(
  error: unknown,
  phase: 'before-headers' | 'body',
  state: { deadlineExpired: boolean; callerAborted: boolean },
): TransportFailureKind {
  if (error instanceof UpstreamTransportError) return error.kind;
  if (error instanceof BodyTooLargeError) return 'oversize';
  if (state.callerAborted) return 'aborted';
  if (state.deadlineExpired) return 'deadline';
  const code = errorCode(error);
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return 'headers-timeout';
  if (code === 'UND_ERR_BODY_TIMEOUT') return 'body-timeout';
  if (code !== undefined && CONNECT_CODES.has(code)) return 'connect';
  if (phase === 'body') return 'truncated';
  if (code !== undefined && RESET_CODES.has(code)) return 'reset';
  return 'network';
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const cause = (error as { cause?: unknown }).cause;
  return cause === error ? undefined : errorCode(cause);
}
