import type { IncomingHttpHeaders } from 'node:http';
import type { JsonValue } from '../catalogue/types.js';

export type Method = 'GET' | 'POST' | 'DELETE';

/** Which API a route belongs to: it decides authentication and error body codes. */
export type Api = 'dvs' | 'gs' | 'control';

export interface SandboxRequest {
  method: string;
  /** The route key, `METHOD /template` (e.g. `GET /v1/products/{product_id}`), as calls are counted. */
  routeKey: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (numbers as `LosslessNumber`); `undefined` when the request had none. */
  body: unknown;
  /** The API key the request authenticated with (`''` on control routes). */
  apiKey: string;
}

export interface Reply {
  status: number;
  body?: JsonValue | undefined;
  headers?: Record<string, string>;
}

export type Handler = (req: SandboxRequest) => Reply | Promise<Reply>;

export interface Route {
  method: Method;
  /** Path template with `{param}` segments, e.g. `/v1/operators/{operator_id}`. */
  template: string;
  api: Api;
  handler: Handler;
}
