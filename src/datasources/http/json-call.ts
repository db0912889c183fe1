import { parseJson } from '../../money/json.js';
import { UpstreamBudgetExhausted } from './budget.js';
import { ShapeError } from './shape-error.js';
import type { Transport } from './transport.js';
import { type TransportFailureKind, UpstreamTransportError } from './transport-error.js';
import type { HttpMethod } from './types.js';

/** Per-call options every client method accepts. */
export interface RequestOptions {
  signal?: AbortSignal;
  /** Overall budget of this call; overrides the client's `timeoutMs`. */
  timeoutMs?: number;
  /** Sent as `x-request-id` (one is generated otherwise) and carried by any error. */
  requestId?: string;
  /** Status and headers of each attempt, before its body is read. */
  onHeaders?: (status: number, headers: Readonly<Record<string, string>>) => void;
}

export interface ErrorInit {
  status?: number | undefined;
  requestId?: string | undefined;
  rawBody?: string | undefined;
  cause?: unknown;
}

/** How one upstream names its failures; each client has its own error tree. */
export interface ErrorFamily<E extends Error> {
  fromResponse(status: number, bodyText: string, headers: Record<string, string>, requestId: string): E;
  protocol(reason: 'malformed_json' | 'unexpected_shape' | 'truncated' | 'oversize', init: ErrorInit): E;
  connection(reason: Exclude<TransportFailureKind, 'truncated' | 'oversize'>, init: ErrorInit): E;
  outcomeUnknown(reason: TransportFailureKind | 'upstream_error' | 'unreadable_response', init: ErrorInit): E;
  /** The account's rate-limit budget had no room: the call was not sent. */
  rateLimited(init: ErrorInit & { retryAfterSeconds: number }): E;
  /** Whether this failure answer to a money call may still have come after the upstream acted. */
  leavesOutcomeOpen(error: E): boolean;
}

export interface JsonCall<T> {
  method: HttpMethod;
  /** Route template, for events. */
  route: string;
  path: string;
  bodyText?: string | undefined;
  headers?: Record<string, string> | undefined;
  /**
   * `read` calls change nothing upstream and are retried; `money` calls are sent exactly once, and any doubt
   * about their effect becomes the family's "outcome unknown" error.
   */
  effect: 'read' | 'money';
  /** Checks the parsed body; throws `ShapeError` when it is not what the client relies on. */
  decode: (body: unknown) => T;
}

export interface JsonResult<T> {
  data: T;
  status: number;
  headers: Record<string, string>;
  requestId: string;
}

/** Sends one call, parses the answer losslessly and turns every failure into the family's typed error. */
export async function callJson<T, E extends Error>(
  transport: Transport,
  family: ErrorFamily<E>,
  call: JsonCall<T>,
  options: RequestOptions = {},
): Promise<JsonResult<T>> {
  const { effect } = call;
  let response: Awaited<ReturnType<Transport['send']>>;
  try {
    response = await transport.send({
      method: call.method,
      route: call.route,
      path: call.path,
      ...(call.bodyText !== undefined && { body: call.bodyText }),
      ...(call.headers !== undefined && { headers: call.headers }),
      idempotent: effect === 'read',
      ...(options.signal && { signal: options.signal }),
      ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
      ...(options.requestId !== undefined && { requestId: options.requestId }),
      ...(options.onHeaders && { onHeaders: options.onHeaders }),
    });
  } catch (error) {
    if (error instanceof UpstreamTransportError) throw fromTransportFailure(family, error, effect);
    if (error instanceof UpstreamBudgetExhausted) {
      throw family.rateLimited({ retryAfterSeconds: error.retryAfterSeconds, requestId: error.requestId });
    }
    throw error;
  }
  const { status, headers, bodyText, requestId } = response;
  if (status < 200 || status > 299) {
    const error = family.fromResponse(status, bodyText, headers, requestId);
    throw effect === 'money' && family.leavesOutcomeOpen(error)
      ? family.outcomeUnknown('upstream_error', { status, requestId, cause: error, rawBody: bodyText })
      : error;
  }
  try {
    return { data: call.decode(parseJson(bodyText)), status, headers, requestId };
  } catch (error) {
    const reason = error instanceof ShapeError ? 'unexpected_shape' : 'malformed_json';
    const protocol = family.protocol(reason, { status, requestId, rawBody: bodyText, cause: error });
    // A success answer we cannot read still means the upstream acted: a money call's result is unknown, not failed.
    throw effect === 'money'
      ? family.outcomeUnknown('unreadable_response', { status, requestId, cause: protocol })
      : protocol;
  }
}

function fromTransportFailure<E extends Error>(
  family: ErrorFamily<E>,
  failure: UpstreamTransportError,
  effect: 'read' | 'money',
): E {
  const init = { status: failure.status, requestId: failure.requestId, cause: failure };
  if (effect === 'money' && failure.mayHaveReachedUpstream) return family.outcomeUnknown(failure.kind, init);
  if (failure.kind === 'truncated' || failure.kind === 'oversize') return family.protocol(failure.kind, init);
  return family.connection(failure.kind, init);
}
