/**
 * The gateway as `src/main.ts` starts it (configured from the environment), with bench-only hooks production lacks:
 * - a request carrying `x-bench-cold: 1` empties the process cache first, so one process serves both cold and warm
 *   measurements without a restart per request;
 * - `GET /__bench/memory` answers `process.memoryUsage()` after two full GCs (start with `--expose-gc`);
 * - `GET /__bench/heapsnapshot` writes a heap snapshot into `BENCH_HEAP_SNAPSHOTS` (a folder) when that is set;
 * - `POST /__bench/profile?start` and `POST /__bench/profile?stop=<label>` record a CPU profile of just that stretch
 *   into `BENCH_CPU_PROF_DIR` when that is set (a scenario profiles its timed part, not its set-up).
 * Nothing in `src/` changes, and the gateway runs from `dist/`, as `npm start` runs it (see `lib/built.ts`).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { writeHeapSnapshot } from 'node:v8';
import { fromBuild } from '../lib/built.js';

const { loadConfig } = await fromBuild<typeof import('../../src/config.js')>('config.js');
const { createGateway } = await fromBuild<typeof import('../../src/gateway.js')>('gateway.js');

// Live mode wants PUBLIC_URL and CALLBACK_SECRET; the bench listens on a port picked at start, so callbacks go to
// the listening address (publicUrl unset).
const config = loadConfig({
  PUBLIC_URL: 'http://127.0.0.1',
  PUBLIC_URL_ALLOW_HTTP: 'true',
  CALLBACK_SECRET: 'a-bench-deployment-secret-of-at-least-32-characters',
  // Throughput scenarios measure the gateway, not its per-key limits: one key sends all their load. (f) sets them.
  RATE_LIMIT_QUERIES_PER_SECOND: '0',
  RATE_LIMIT_MONEY_PER_SECOND: '0',
  // The fan-out scenarios hold thousands of subscribers of one key.
  WS_MAX_SOCKETS_PER_KEY: '1000000',
  WS_MAX_SUBSCRIPTIONS_PER_SOCKET: '1000000',
  ...process.env,
});
const gateway = await createGateway({ ...config, publicUrl: process.env.PUBLIC_URL });
gateway.server.prependListener('request', (req) => {
  if (req.headers['x-bench-cold'] === '1') gateway.cache.clear();
});
const handlers = gateway.server.listeners('request') as ((...args: unknown[]) => void)[];
gateway.server.removeAllListeners('request');
gateway.server.on('request', (req, res) => {
  if (req.url?.startsWith('/__bench/heapsnapshot') && process.env.BENCH_HEAP_SNAPSHOTS) {
    const file = writeHeapSnapshot(`${process.env.BENCH_HEAP_SNAPSHOTS}/${Date.now()}.heapsnapshot`);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ file }));
    return;
  }
  if (req.url?.startsWith('/__bench/profile') && process.env.BENCH_CPU_PROF_DIR) {
    void profile(new URL(req.url, 'http://bench').searchParams).then(
      (file) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ file })),
      (error: Error) => res.writeHead(500).end(error.message),
    );
    return;
  }
  if (req.url === '/__bench/memory') {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    const body = JSON.stringify({ gcExposed: gc !== undefined, ...process.memoryUsage() });
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    return;
  }
  for (const handler of handlers) handler.call(gateway.server, req, res);
});
const url = await gateway.start();

let session: Session | undefined;
/** Starts the profiler, or stops it and writes what it recorded (`?stop=<label>`). */
async function profile(params: URLSearchParams): Promise<string | null> {
  if (params.has('start')) {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    const interval = Number(process.env.BENCH_CPU_PROF_INTERVAL_US ?? 1000);
    await session.post('Profiler.setSamplingInterval', { interval });
    await session.post('Profiler.start');
    return null;
  }
  if (!session) throw new Error('the profiler was not started');
  const { profile: recorded } = await session.post('Profiler.stop');
  session.disconnect();
  session = undefined;
  const label = (params.get('stop') || 'stretch').replace(/[^\w.-]+/g, '-');
  const file = `${process.env.BENCH_CPU_PROF_DIR}/${label}.${process.pid}.${Date.now()}.cpuprofile`;
  writeFileSync(file, JSON.stringify(recorded));
  return file;
}

const stop = async () => {
  await gateway.stop();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
process.stdout.write(`BENCH_READY ${JSON.stringify({ url })}\n`);
