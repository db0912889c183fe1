import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll } from 'vitest';
import { UNLIMITED_RATES } from './gateway.js';

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

export interface GatewayProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** A real gateway process (`src/main.ts`), as deployed, with its own environment; resolves once it is ready. */
export async function spawnGateway(env: Record<string, string>): Promise<GatewayProcess> {
  const { DTONE_API_KEY: _k, DTONE_API_SECRET: _s, DATABASE_URL: _d, REDIS_URL: _r, ...base } = process.env;
  // Live mode needs the URL DT One calls back: here, the port the process will listen on.
  const live =
    env.DTONE_API_KEY && !env.PUBLIC_URL
      ? await freePort().then((port) => ({
          PORT: String(port),
          PUBLIC_URL: `http://127.0.0.1:${port}`,
          PUBLIC_URL_ALLOW_HTTP: 'true',
          CALLBACK_SECRET: 'a-test-deployment-secret-of-at-least-32-characters',
        }))
      : {};
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...base, PORT: '0', LOG_LEVEL: 'silent', NODE_ENV: 'test', ...UNLIMITED_RATES, ...live, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /GraphiQL at (http:\/\/\S+)\/graphql/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    void exited.then((code) => reject(new Error(`gateway exited (${code}) before it was ready:\n${output}`)));
  });
  return { url, child, output: () => output, exited };
}

/** A loopback port free right now, for a process that must keep its address across a restart. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * POSTs a GraphQL operation (with no `Authorization` when `apiKey` is empty: embedded mode's `sandbox` tenant); a
 * connection the server dropped resolves to `{ dropped: true }`.
 */
export async function post(
  url: string,
  apiKey: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<
  { dropped: true } | { dropped: false; body: { data?: Record<string, unknown>; errors?: unknown[] } }
> {
  try {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(apiKey && { authorization: `Bearer ${apiKey}` }) },
      body: JSON.stringify({ query, variables }),
    });
    return {
      dropped: false,
      body: (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] },
    };
  } catch {
    return { dropped: true };
  }
}
