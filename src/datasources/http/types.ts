import type { TransportFailureKind } from './transport-error.js';

export type HttpMethod = 'GET' | 'POST';

export interface UpstreamRequest {
  method: HttpMethod;
  /** Route template for events and metrics, e.g. `/products/{product_id}`; never carries ids or query values. */
  route: string;
  /** Concrete path and query, relative to the base URL's path, e.g. `/products/12?per_page=100`. */
  path: string;
  /** JSON text of the request body, if any. */
  body?: string;
  headers?: Record<string, string>;
  /**
   * Whether the request may be sent again after a failure. Defaults to true for GET and false for POST; mark a
   * POST idempotent only when repeating it cannot move money (e.g. DVS look-ups).
   */
  idempotent?: boolean;
  /** Overall budget for this call (all attempts, whole body); overrides the transport's default. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Sent as `x-request-id`; one is generated when absent. The same id is sent on every attempt. */
  requestId?: string;
  /**
   * Called when an attempt's status and headers arrive, before its body is read (e.g. to start the other pages of
   * a list as soon as `X-Total-Pages` is known). A throwing listener is ignored.
   */
  onHeaders?: (status: number, headers: Readonly<Record<string, string>>) => void;
}

export interface UpstreamResponse {
  status: number;
  /** Lower-cased names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  bodyText: string;
  requestId: string;
  /** How many attempts the call took (1 = no retry). */
  attempts: number;
}

/** One attempt of one call, for metrics and logs. Carries no URL, query, header or body: nothing secret. */
export interface AttemptEvent {
  upstream: string;
  method: HttpMethod;
  route: string;
  requestId: string;
  /** 1-based. */
  attempt: number;
  durationMs: number;
  /** How long it waited before it was sent: for room in DT One's budget, then for a pooled connection. */
  queuedMs: number;
  /** Present when response headers arrived. */
  status?: number;
  /** Present when the attempt failed without a usable response. */
  failure?: TransportFailureKind;
  /** Present when another attempt follows after this delay. */
  retryInMs?: number;
}
