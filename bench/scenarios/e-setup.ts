import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import type { BenchEnv } from '../lib/env.js';
import type { BenchProcess } from '../lib/processes.js';
import { ONE_COUNTRY } from './a-queries.js';
import type { Served } from './a-setup.js';

/** What scenario (e)'s parts share: the two gateways over one PostgreSQL database and one private Redis. */
export interface ScaleOutContext {
  env: BenchEnv;
  a: BenchProcess<Served>;
  b: BenchProcess<Served>;
  apiKey: string;
  /** The private Redis the gateways share (admin connection: INFO, FLUSHALL, DBSIZE). */
  redis: Redis;
  redisUrl: string;
  sink: CallbackSink;
}

export const graphqlRequest = (
  url: string,
  apiKey: string,
  query: string,
  variables: Record<string, unknown>,
) => ({
  url: `${url}/graphql`,
  method: 'POST' as const,
  headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
  body: JSON.stringify({ query, variables }),
});

/** One GraphQL operation; throws on a non-200 answer or GraphQL errors. */
export async function graphql<T>(
  url: string,
  apiKey: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const { method, headers, body } = graphqlRequest(url, apiKey, query, variables);
  const res = await fetch(`${url}/graphql`, { method, headers, body });
  const text = await res.text();
  const parsed = JSON.parse(text) as { data?: T; errors?: unknown };
  if (res.status !== 200 || parsed.errors || !parsed.data)
    throw new Error(`${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return parsed.data;
}

/** Empties a gateway's process cache (the bench entry clears it on any request carrying `x-bench-cold`). */
export async function clearProcessCache(gateway: BenchProcess<Served>): Promise<void> {
  const res = await fetch(`${gateway.ready.url}/healthz`, { headers: { 'x-bench-cold': '1' } });
  await res.text();
}

/** Redis commands executed since the last snapshot, by name (`INFO commandstats`), admin commands left out. */
export async function commandCounts(redis: Redis): Promise<Map<string, number>> {
  const info = await redis.info('commandstats');
  const counts = new Map<string, number>();
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm))
    counts.set(match[1]!, Number(match[2]));
  return counts;
}

const ADMIN = new Set([
  'info',
  'ping',
  'flushall',
  'dbsize',
  'client',
  'hello',
  'select',
  'config',
  'command',
]);

export interface CommandDelta {
  total: number;
  byName: Record<string, number>;
}

export function commandDelta(before: Map<string, number>, after: Map<string, number>): CommandDelta {
  const byName: Record<string, number> = {};
  for (const [name, calls] of after) {
    const delta = calls - (before.get(name) ?? 0);
    if (delta > 0 && !ADMIN.has(name.split('|')[0]!)) byName[name] = delta;
  }
  return { total: Object.values(byName).reduce((a, b) => a + b, 0), byName };
}

export const describeCommands = (d: CommandDelta, per = 1) =>
  Object.entries(d.byName)
    .map(([name, n]) => `${name} ${(n / per).toFixed(per === 1 ? 0 : 2)}`)
    .join(', ') || 'none';

export const ONE_COUNTRY_VARIABLES = { iso: 'PHL' };
export { ONE_COUNTRY };

export interface SunkCallback {
  path: string;
  body: string;
}

/**
 * Stands where DT One's callbacks land (the gateways' `PUBLIC_URL`): it keeps each callback the sandbox sends, by
 * DT One's `external_id`, so the bench can replay it to the gateway of its choice at a rate of its choice.
 */
export interface CallbackSink {
  url: string;
  received: Map<string, SunkCallback>;
  close(): Promise<void>;
}

export async function startCallbackSink(): Promise<CallbackSink> {
  const received = new Map<string, SunkCallback>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      try {
        const { external_id } = JSON.parse(body) as { external_id?: unknown };
        if (typeof external_id === 'string') received.set(external_id, { path: req.url ?? '', body });
      } catch {
        // Not a callback: ignore.
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
