/**
 * The upstream for the bench: DT One's sandbox with fixed credentials, plus a counters-only port. The sandbox's own
 * `GET /__sandbox/calls` also computes the waterfall depth over the whole call log (quadratic in calls), which is
 * right for short probes but would stall after a load run of tens of thousands of calls.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandbox } from '../../src/sandbox/server.js';

const apiKey = process.env.BENCH_SANDBOX_KEY ?? 'bench-key';
const apiSecret = process.env.BENCH_SANDBOX_SECRET ?? 'bench-secret';
const credentials = { apiKey, apiSecret };
const sandbox = await createSandbox({ seed: 1, credentials: { dvs: credentials, gs: credentials } });

const counters = createServer((req, res) => {
  if (req.method === 'DELETE') sandbox.control.resetCalls();
  const body = JSON.stringify({ total: sandbox.control.calls(), counts: sandbox.control.callCounts() });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
await new Promise<void>((resolve) => counters.listen(0, '127.0.0.1', resolve));
const countersUrl = `http://127.0.0.1:${(counters.address() as AddressInfo).port}`;

const stop = async () => {
  counters.close();
  await sandbox.stop();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
process.stdout.write(`BENCH_READY ${JSON.stringify({ url: sandbox.url, countersUrl })}\n`);
