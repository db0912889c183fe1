import { Pool } from 'undici';
import type { LoadResult, LoadTarget } from '../lib/load.js';

/**
 * A closed loop of exactly `amount` requests over `connections` keep-alive connections, timed to the last answer.
 * For servers that keep working on abandoned requests (the peer does, for seconds), a fixed count leaves nothing
 * in flight when the window ends; autocannon's `amount` mode would do the same but ends on a whole-second tick,
 * which skews rps for short windows.
 */
export async function fixedLoad(
  target: LoadTarget,
  connections: number,
  amount: number,
): Promise<LoadResult> {
  const url = new URL(target.url);
  const pool = new Pool(url.origin, { connections, pipelining: 1 });
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < amount) {
      next++;
      const sent = performance.now();
      try {
        const res = await pool.request({
          method: target.method,
          path: `${url.pathname}${url.search}`,
          headers: target.headers ?? {},
          ...(target.body !== undefined && { body: target.body }),
          headersTimeout: 30_000,
          bodyTimeout: 30_000,
        });
        await res.body.dump();
        if (res.statusCode === 200) latencies.push(performance.now() - sent);
        else failures++;
      } catch {
        failures++;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    requests: latencies.length + failures,
    rps: latencies.length / seconds,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    failures,
  };
}
