import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createStore } from '../../src/store/index.js';
import { freePort } from '../helpers/gateway-process.js';

/** The CLI as an operator runs it: its own process, its own environment (nothing inherited from DT One or a DB). */
async function cli(args: string[], env: Record<string, string> = {}, timeoutMs = 30_000) {
  const { DTONE_API_KEY: _k, DTONE_API_SECRET: _s, DATABASE_URL: _d, REDIS_URL: _r, ...base } = process.env;
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/main.ts', ...args],
      {
        env: {
          ...base,
          NODE_ENV: 'test',
          PORT: '0',
          DATA_DIR: mkdtempSync(join(tmpdir(), 'dtgw-cli-')),
          ...env,
        },
        timeout: timeoutMs,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const noStack = (text: string) => expect(text).not.toMatch(/^\s+at /m);
const LIVE = {
  DTONE_API_KEY: 'live-key',
  DTONE_API_SECRET: 'live-secret-never-printed',
  PUBLIC_URL: 'https://gw.example.com',
  CALLBACK_SECRET: 'a-deployment-secret-of-at-least-32-characters',
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
};

describe('dtone-gateway --help and usage', () => {
  it.each([
    [[], /serve[\s\S]*sandbox[\s\S]*keys[\s\S]*reconcile[\s\S]*schema[\s\S]*config/],
    [['serve'], /run the gateway/],
    [['sandbox'], /--data-dir <dir>/],
    [['keys'], /create[\s\S]*list[\s\S]*revoke/],
    [['keys', 'create'], /--tenant <tenant>[\s\S]*--name <name>[\s\S]*--scopes <list>/],
    [['keys', 'list'], /--tenant <tenant>/],
    [['keys', 'revoke'], /<id>/],
    [['reconcile'], /settle the transactions due/],
    [['schema'], /print the GraphQL schema/],
    [['config'], /--check/],
  ])('%j --help answers its usage with exit 0', async (command, usage) => {
    const { code, stdout } = await cli([...command, '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: dtone-gateway/);
    expect(stdout).toMatch(usage);
  });

  it('an unknown command or flag exits 2 with a pointer to the usage', async () => {
    for (const args of [
      ['launch'],
      ['serve', '--port', '80'],
      ['keys', 'rotate'],
      ['keys', 'list', '--colour'],
    ]) {
      const { code, stderr } = await cli(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(/error: unknown (command|option)/);
      expect(stderr).toContain('--help');
    }
  });
});

describe('dtone-gateway schema and config', () => {
  it('schema prints the committed SDL', async () => {
    const { code, stdout } = await cli(['schema']);
    expect(code).toBe(0);
    expect(stdout).toBe(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
  });

  it('config shows each value and its source, and never a secret', async () => {
    const { code, stdout } = await cli(['config'], {
      ...LIVE,
      DATABASE_URL: 'postgres://gateway:db-password-123@127.0.0.1:5432/test',
      PORT: '4100',
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^PORT\s+4100\s+\[environment\]$/m);
    expect(stdout).toMatch(/^HOST\s+127\.0\.0\.1\s+\[default\]$/m);
    expect(stdout).toMatch(/^DTONE_API_SECRET\s+\(set, hidden\)\s+\[environment\]$/m);
    expect(stdout).toMatch(/^DATABASE_URL\s+postgres:\/\/\*\*\*@127\.0\.0\.1:5432\/test\s+\[environment\]$/m);
    for (const secret of ['live-secret-never-printed', 'db-password-123', LIVE.CALLBACK_SECRET]) {
      expect(stdout).not.toContain(secret);
    }
  });

  it('config --check exits 78 with the problems of a bad configuration', async () => {
    const { code, stderr } = await cli(['config', '--check'], { PORT: 'eighty' });
    expect(code).toBe(78);
    expect(stderr).toContain('PORT must be a port number');
  });
});

describe('dtone-gateway reconcile', () => {
  it('settles a due transaction of the store and prints what changed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dtgw-reconcile-'));
    // An intent recorded by a process that died before sending it: due for recovery at once.
    const store = await createStore(loadConfig({ DATA_DIR: dataDir }).store);
    await store.migrate();
    const { record } = await store.insertIntent({
      id: 'txn-reconcile-cli-1',
      tenantId: 'sandbox',
      api: 'DVS',
      idempotencyKey: 'reconcile-cli-1',
      fingerprint: 'fingerprint',
      externalId: 'ext-reconcile-cli-1',
      productId: 1,
      productSnapshot: '{}',
      request: '{}',
      callbackTokenHash: 'token-hash',
      pollAfterMs: 0,
    });
    await store.close();
    const { code, stdout, stderr } = await cli(['reconcile'], {
      DATA_DIR: dataDir,
      SANDBOX_TIME_SCALE: '0.001',
    });
    expect(stderr).toMatch(/Looked at 1 due transaction\(s\); 1 changed\./);
    expect(stdout).toMatch(new RegExp(`^${record.id}  INTENT .*→ FAILED`, 'm'));
    expect(code).toBe(0);
  });
});

describe('start errors: one line naming the variable or resource and the fix, no stack', () => {
  it('exits 78 in live mode without PUBLIC_URL and CALLBACK_SECRET', async () => {
    const { code, stderr } = await cli([], { DTONE_API_KEY: 'k', DTONE_API_SECRET: 's' });
    expect(code).toBe(78);
    expect(stderr).toMatch(/^dtone-gateway: PUBLIC_URL is missing: .*PUBLIC_URL=https:\/\//m);
    expect(stderr).toMatch(/^dtone-gateway: CALLBACK_SECRET is missing: /m);
    noStack(stderr);
  });

  it('exits 78 in live mode without a client API key in the store', async () => {
    const { code, stderr } = await cli([], LIVE);
    expect(code).toBe(78);
    expect(stderr).toMatch(
      /^dtone-gateway: live mode needs at least one API key for clients: create one with/m,
    );
    noStack(stderr);
  });

  it('exits 69 when DATABASE_URL cannot be reached, with its password masked', async () => {
    const port = await freePort();
    const { code, stderr } = await cli([], {
      DATABASE_URL: `postgres://gateway:hunter2@127.0.0.1:${port}/test`,
    });
    expect(code).toBe(69);
    expect(stderr).toMatch(
      new RegExp(
        `^dtone-gateway: DATABASE_URL \\(postgres://\\*\\*\\*@127\\.0\\.0\\.1:${port}/test\\): cannot reach PostgreSQL .*: start it`,
        'm',
      ),
    );
    expect(stderr).not.toContain('hunter2');
    noStack(stderr);
  });

  it('exits 78 when PostgreSQL refuses the role', async () => {
    const { code, stderr } = await cli([], {
      DATABASE_URL: 'postgres://no_such_role_dtgw@127.0.0.1:5432/test',
    });
    expect(code).toBe(78);
    expect(stderr).toMatch(
      /^dtone-gateway: DATABASE_URL .*: PostgreSQL refused the connection: .*role "no_such_role_dtgw" does not exist.*fix the role/m,
    );
    noStack(stderr);
  });

  it('exits 69 when the port is in use', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      const { code, stderr } = await cli([], { PORT: String(port) });
      expect(code).toBe(69);
      expect(stderr).toMatch(
        new RegExp(`^dtone-gateway: PORT: 127\\.0\\.0\\.1:${port} is already in use: `, 'm'),
      );
      expect(stderr.trim().split('\n')).toHaveLength(1);
      noStack(stderr);
    } finally {
      taken.close();
    }
  });

  it('warns in one line and starts anyway when REDIS_URL cannot be reached', async () => {
    const port = await freePort();
    const { DTONE_API_KEY: _k, DTONE_API_SECRET: _s, DATABASE_URL: _d, REDIS_URL: _r, ...base } = process.env;
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...base,
        NODE_ENV: 'test',
        PORT: '0',
        DATA_DIR: mkdtempSync(join(tmpdir(), 'dtgw-cli-')),
        REDIS_URL: `redis://:redis-pass@127.0.0.1:${port}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await expect
        .poll(() => stderr, { timeout: 20_000, interval: 50 })
        .toMatch(
          /^warning: REDIS_URL \(redis:\/\/\*\*\*@127\.0\.0\.1:\d+\/?\) cannot be reached: .*start Redis or fix REDIS_URL$/m,
        );
      expect(stdout).toContain('dtone-gateway ready');
      expect(stderr).not.toContain('redis-pass');
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});

describe('npm run bench -- --help', () => {
  const bench = async (args: string[]) => {
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [
        '--import',
        'tsx',
        'bench/run.ts',
        ...args,
      ]);
      return { code: 0, stdout, stderr: '' };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  it('lists the scenarios and flags; an unknown flag or scenario exits 2', async () => {
    const help = await bench(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--quick[\s\S]*--only <letters>[\s\S]*--json[\s\S]*--ci/);
    expect(help.stdout).toMatch(/Scenarios:\n {2}a {2}catalogue/);
    expect((await bench(['--frob'])).code).toBe(2);
    const unknown = await bench(['--only', 'z']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown scenario z');
  });
});
