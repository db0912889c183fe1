/**
 * F5's subscriber process: ioredis SUBSCRIBE on `BENCH_CHANNEL`; each message carries its send time
 * (`now()` of bench/lib/subscriber-control.ts in the publisher: same host, same clock). `GET /` answers what
 * arrived since the last `DELETE /`: count, first/last arrival and the latencies.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { now } from '../lib/subscriber-control.js';

const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const channel = process.env.BENCH_CHANNEL ?? 'bench:f5';
const subscriber = new Redis(redisUrl);

let latencies: number[] = [];
let firstAt = 0;
let lastAt = 0;
subscriber.on('message', (_channel: string, message: string) => {
  const at = now();
  const { sentAt } = JSON.parse(message) as { sentAt: number };
  if (latencies.length === 0) firstAt = at;
  lastAt = at;
  latencies.push(at - sentAt);
});
await subscriber.subscribe(channel);

const server = createServer((req, res) => {
  const body = JSON.stringify({ received: latencies.length, firstAt, lastAt, latencies });
  if (req.method === 'DELETE') latencies = [];
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`BENCH_READY ${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
process.once('SIGTERM', () => {
  subscriber.disconnect();
  server.close(() => process.exit(0));
});
