import { callJson, type ErrorFamily, type RequestOptions } from '../http/json-call.js';
import { buildPath } from '../http/path.js';
import type { Transport } from '../http/transport.js';
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
import { toWireJson } from './wire-body.js';

export type { RequestOptions } from '../http/json-call.js';

export interface LanguageOptions extends RequestOptions {
  /** Passed as `Accept-Language` (e.g. `es`) where the spec accepts it. */
  acceptLanguage?: string;
}

export interface DvsRequest<T> {
  method: HttpMethod;
  /** Path template from the spec, e.g. `/products/{product_id}`. */
  route: string;
  params?: Readonly<Record<string, string | number>>;
  query?: object;
  body?: unknown;
  acceptLanguage?: string | undefined;
  /** `read` is retried; `money` (create, confirm, cancel) is sent once, and doubt becomes outcome unknown. */
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

export const DVS_ERRORS: ErrorFamily<DtOneError> = {
  fromResponse,
  protocol: (reason, init) => new DtOneProtocolError(reason, init),
  connection: (reason, init) => new DtOneConnectionError(reason, init),
  outcomeUnknown: (reason, init) => new DtOneOutcomeUnknownError(reason, init),
  rateLimited: (init) => new DtOneRateLimitError(init),
  // A 5xx other than 503 may come after DT One acted (its own 1009001, a proxy's 502/504); 429 and 503 were not taken on.
  leavesOutcomeOpen: (error) =>
    !(error instanceof DtOneRateLimitError || error instanceof DtOneUnavailableError) &&
    error.status !== undefined &&
    error.status >= 500,
};

export function createDvsCaller(transport: Transport): DvsCaller {
  return (request, options) =>
    callJson(
      transport,
      DVS_ERRORS,
      {
        method: request.method,
        route: request.route,
        path: buildPath(request.route, request.params, request.query),
        bodyText: request.body === undefined ? undefined : toWireJson(request.body),
        headers:
          request.acceptLanguage === undefined ? undefined : { 'accept-language': request.acceptLanguage },
        effect: request.effect,
        decode: request.decode,
      },
      options,
    );
}
