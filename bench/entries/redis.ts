/**
 * A private redis-server for scenario (e), started by this (pinned) process so it inherits the pinning: a fresh
 * keyspace per run, and `INFO commandstats` that count only the bench's own commands (the machine's shared Redis
 * on 6379 also serves other people's tests). No persistence. SIGTERM stops both.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const port = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address() as { port: number };
    probe.close(() => resolve(port));
  });
});
const redis = spawn(
  'redis-server',
  ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
  { stdio: ['ignore', 'pipe', 'pipe'] },
);
const exited = new Promise<void>((resolve) => redis.once('exit', () => resolve()));
void exited.then(() => process.exit(1));
await new Promise<void>((resolve) => {
  let output = '';
  redis.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes('Ready to accept connections')) resolve();
  });
});

const stop = () => {
  redis.kill('SIGTERM');
  setTimeout(() => redis.kill('SIGKILL'), 2_000).unref();
  void exited.then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.stdout.write(`BENCH_READY ${JSON.stringify({ url: `redis://127.0.0.1:${port}`, pid: redis.pid })}\n`);
