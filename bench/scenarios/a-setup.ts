import type { BenchProcess } from '../lib/processes.js';
import type { UpstreamControl } from '../lib/upstream-control.js';
import { BUSY_COUNTRY, CATALOGUE_PAGE, ONE_COUNTRY } from './a-queries.js';

export interface Served {
  url: string;
}

export interface ScenarioContext {
  /** The gateway with the response cache off (RESPONSE_CACHE=false): cold and warm execution. */
  gateway: BenchProcess<Served>;
  /** The same gateway with the response cache on (the default): whole answers kept. */
  cached: BenchProcess<Served>;
  f3: BenchProcess<Served>;
  /** F2: the same schema on graphql-js behind node:http, warm process cache. */
  f2: BenchProcess<Served>;
  sandbox: BenchProcess<unknown>;
  apiKey: string;
  upstream: UpstreamControl;
  seconds: number;
  /** Alternated floor/candidate rounds per variant (drift shows as spread between them). */
  rounds: number;
  warmupSeconds: number;
}

export interface ScenarioQuery {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  /** The F3 server's route for the same answer. */
  f3Path: string;
}

export const A_QUERIES: readonly ScenarioQuery[] = [
  {
    name: 'a.one-country',
    query: ONE_COUNTRY,
    variables: { iso: BUSY_COUNTRY },
    f3Path: `/one-country?iso=${BUSY_COUNTRY}`,
  },
  { name: 'a.catalogue-page', query: CATALOGUE_PAGE, variables: {}, f3Path: '/catalogue-page' },
];

/** The HTTP request of a gateway query; `cold` makes the bench gateway empty its cache first. */
export function gatewayRequest(
  ctx: ScenarioContext,
  q: Pick<ScenarioQuery, 'query' | 'variables'>,
  cold: boolean,
  process: BenchProcess<Served> = ctx.gateway,
) {
  return {
    url: `${process.ready.url}/graphql`,
    method: 'POST' as const,
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${ctx.apiKey}`,
      ...(cold && { 'x-bench-cold': '1' }),
    },
    body: JSON.stringify({ query: q.query, variables: q.variables }),
  };
}

export function f2Request(
  ctx: ScenarioContext,
  q: Pick<ScenarioQuery, 'query' | 'variables'>,
  path = '/graphql',
) {
  return {
    url: `${ctx.f2.ready.url}${path}`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: q.query, variables: q.variables }),
  };
}

export function f3Request(ctx: ScenarioContext, q: ScenarioQuery) {
  return { url: `${ctx.f3.ready.url}${q.f3Path}`, method: 'GET' as const };
}

export interface Fetched {
  status: number;
  text: string;
  ms: number;
}

export async function send(request: {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}): Promise<Fetched> {
  const started = performance.now();
  const res = await fetch(request.url, {
    method: request.method,
    ...(request.headers && { headers: request.headers }),
    ...(request.body !== undefined && { body: request.body }),
  });
  const text = await res.text();
  return { status: res.status, text, ms: performance.now() - started };
}
