import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll } from 'vitest';

const servers: ChildProcess[] = [];
afterAll(() => {
  for (const server of servers.splice(0)) server.kill('SIGKILL');
});

/** A private Redis on `port` that a test may kill and restart (the machine's shared one is never touched). */
export async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  servers.push(child);
  await new Promise<void>((resolve) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) resolve();
    });
  });
  return child;
}
