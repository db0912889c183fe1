import { parseJson } from '../../money/json.js';
import type { Transport } from '../http/transport.js';
import { UpstreamTransportError } from '../http/transport-error.js';
import type { HttpMethod } from '../http/types.js';
import {
  DtOneConnectionError,
  type DtOneError,
  DtOneOutcomeUnknownError,
  DtOneProtocolError,
  DtOneRateLimitError,
  DtOneUnavailableError,
  fromResponse,
} from './errors.js';
import { ShapeError } from './shape.js';
import { toWireJson } from './wire-body.js';

/** Per-call options every client method accepts. */
export interface RequestOptions {
  signal?: AbortSignal;
  /** Overall budget of this call; overrides the client's `timeoutMs`. */
  timeoutMs?: number;
  /** Sent as `x-request-id` (one is generated otherwise) and carried by any error. */
  requestId?: string;
}

export interface LanguageOptions extends RequestOptions {
  /** Passed as `Accept-Language` (e.g. `es`) where the spec accepts it. */
  acceptLanguage?: string;
}

export type QueryValue = string | number | boolean | readonly (string | number)[] | null | undefined;

export interface DvsRequest<T> {
  method: HttpMethod;
  /** Path template from the spec, e.g. `/products/{product_id}`. */
  route: string;
  params?: Readonly<Record<string, string | number>>;
  query?: object;
  body?: unknown;
  acceptLanguage?: string | undefined;
  /**
   * `read` calls change nothing upstream and are retried; `money` calls (create, confirm, cancel) are sent
   * exactly once, and any doubt about their effect becomes `DtOneOutcomeUnknownError`.
   */
  effect: 'read' | 'money';
  decode: (body: unknown) => T;
}

export interface DvsResult<T> {
  data: T;
  status: number;
  headers: Record<string, string>;
  requestId: string;
}

export type DvsCaller = <T>(request: DvsRequest<T>, options?: RequestOptions) => Promise<DvsResult<T>>;

export function createDvsCaller(transport: Transport): DvsCaller {
  return async (request, options = {}) => {
    const { effect } = request;
    let response: Awaited<ReturnType<Transport['send']>>;
    try {
      response = await transport.send({
        method: request.method,
        route: request.route,
        path: buildPath(request.route, request.params, request.query),
        ...(request.body !== undefined && { body: toWireJson(request.body) }),
        ...(request.acceptLanguage !== undefined && {
          headers: { 'accept-language': request.acceptLanguage },
        }),
        idempotent: effect === 'read',
        ...(options.signal && { signal: options.signal }),
        ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
        ...(options.requestId !== undefined && { requestId: options.requestId }),
      });
    } catch (error) {
      if (error instanceof UpstreamTransportError) throw fromTransportFailure(error, effect);
      throw error;
    }
    const { status, headers, bodyText, requestId } = response;
    if (status < 200 || status > 299) {
      const error = fromResponse(status, bodyText, headers, requestId);
      throw effect === 'money' && leavesOutcomeOpen(error)
        ? new DtOneOutcomeUnknownError('upstream_error', {
            status,
            requestId,
            cause: error,
            rawBody: bodyText,
          })
        : error;
    }
    try {
      return { data: request.decode(parseJson(bodyText)), status, headers, requestId };
    } catch (error) {
      const reason = error instanceof ShapeError ? 'unexpected_shape' : 'malformed_json';
      const protocol = new DtOneProtocolError(reason, { status, requestId, rawBody: bodyText, cause: error });
      // A success answer we cannot read still means DT One acted: a money call's result is unknown, not failed.
      throw effect === 'money'
        ? new DtOneOutcomeUnknownError('unreadable_response', { status, requestId, cause: protocol })
        : protocol;
    }
  };
}

/**
 * A 5xx other than 503 on a money call may come after DT One acted (its own 1009001, or a proxy's 502/504).
 * 429 and 503 say the request was not taken on.
 */
function leavesOutcomeOpen(error: DtOneError): boolean {
  if (error instanceof DtOneRateLimitError || error instanceof DtOneUnavailableError) return false;
  return error.status !== undefined && error.status >= 500;
}

export function fromTransportFailure(failure: UpstreamTransportError, effect: 'read' | 'money'): DtOneError {
  const init = { status: failure.status, requestId: failure.requestId, cause: failure };
  if (effect === 'money' && failure.mayHaveReachedUpstream)
    return new DtOneOutcomeUnknownError(failure.kind, init);
  if (failure.kind === 'truncated' || failure.kind === 'oversize')
    return new DtOneProtocolError(failure.kind, init);
  return new DtOneConnectionError(failure.kind, init);
}

export function buildPath(
  route: string,
  params: DvsRequest<unknown>['params'],
  query: object | undefined,
): string {
  const path = route.replace(/\{([a-z_]+)\}/g, (_whole, name: string) => {
    const value = params?.[name];
    if (value === undefined || String(value) === '') throw new TypeError(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {}) as [string, QueryValue][]) {
    if (value === undefined || value === null) continue;
    // The spec's array parameters are `style: form, explode: false`: one comma-separated value.
    search.append(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
}
