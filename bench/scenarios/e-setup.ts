import type { Redis } from 'ioredis';
import type { BenchEnv } from '../lib/env.js';
import type { BenchProcess } from '../lib/processes.js';
import { BUSY_COUNTRY, ONE_COUNTRY } from './a-queries.js';
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

/** Redis's counters: commands executed by name (`INFO commandstats`) and read events (≈ round trips). */
export interface RedisCounters {
  commands: Map<string, number>;
  reads: number;
}

export async function redisCounters(redis: Redis): Promise<RedisCounters> {
  const info = (await redis.call('INFO', 'commandstats', 'stats')) as string;
  const commands = new Map<string, number>();
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm))
    commands.set(match[1]!, Number(match[2]));
  return { commands, reads: Number(/^total_reads_processed:(\d+)/m.exec(info)?.[1] ?? Number.NaN) };
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
  /** Socket reads Redis served: one per batch of pipelined commands (the `INFO` that reads `after` left out). */
  roundTrips: number;
}

/** What happened between two snapshots, admin commands (this bench's own INFO, FLUSHALL, …) left out. */
export function commandDelta(before: RedisCounters, after: RedisCounters): CommandDelta {
  const byName: Record<string, number> = {};
  for (const [name, calls] of after.commands) {
    const delta = calls - (before.commands.get(name) ?? 0);
    if (delta > 0 && !ADMIN.has(name.split('|')[0]!)) byName[name] = delta;
  }
  const total = Object.values(byName).reduce((a, b) => a + b, 0);
  return { total, byName, roundTrips: after.reads - before.reads - 1 };
}

export const describeCommands = (d: CommandDelta) =>
  Object.entries(d.byName)
    .map(([name, n]) => `${name} ${n}`)
    .join(', ') || 'none';

export const ONE_COUNTRY_VARIABLES = { iso: BUSY_COUNTRY };
export { ONE_COUNTRY };
