/**
 * A closed-loop flood from its own process (noisy-neighbour scenario): the measured client's event loop must not
 * share a process with the flood, or the flood's own work would show up as the neighbour's latency. Configured by
 * BENCH_FLOOD_* variables; prints `BENCH_READY {}` at once and `BENCH_DONE <json>` when the flood ends.
 */
import autocannon from 'autocannon';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
process.stdout.write('BENCH_READY {}\n');
const result = await autocannon({
  url: env('BENCH_FLOOD_URL'),
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${env('BENCH_FLOOD_KEY')}` },
  body: env('BENCH_FLOOD_BODY'),
  connections: Number(env('BENCH_FLOOD_CONNECTIONS')),
  duration: Number(env('BENCH_FLOOD_SECONDS')),
});
// autocannon's typings lack the per-status counts its result carries.
const stats = (result as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
const done = {
  rps: result.requests.average,
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  errors: result.errors + result.timeouts,
  statuses: Object.fromEntries(Object.entries(stats).map(([code, s]) => [code, s.count])),
};
process.stdout.write(`BENCH_DONE ${JSON.stringify(done)}\n`);
setInterval(() => undefined, 60_000);
