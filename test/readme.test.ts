import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { startGateway } from './helpers/gateway.js';
import { freePort } from './helpers/gateway-process.js';
import { waitFor } from './helpers/wait.js';
import { newIntent } from './store/fixture.js';

/** README's commands and examples, run as a newcomer would: `npm start`, `npm run sandbox`, curl, the queries. */
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const examples = [...readme.matchAll(/```graphql readme-example\n([\s\S]*?)```/g)].map((m) => m[1]!);
const receiverSource = /```ts readme-webhook-receiver\n([\s\S]*?)```/.exec(readme)?.[1];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts an npm script with a clean environment (no DT One credentials: embedded mode) and waits for `pattern`. */
function startScript(script: string, pattern: RegExp, env: Record<string, string> = {}) {
  const { DTONE_API_KEY: _k, DTONE_API_SECRET: _s, ...base } = process.env;
  const child = spawn('npm', ['run', '--silent', script], {
    env: {
      ...base,
      PORT: '0',
      SANDBOX_PORT: '0',
      LOG_LEVEL: 'silent',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'dtgw-readme-')),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  const ready = new Promise<RegExpMatchArray>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(pattern);
      if (match) resolve(match);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) =>
      reject(new Error(`${script} exited with ${code} before it was ready:\n${output}`)),
    );
  });
  return { child, ready, output: () => output };
}

describe('README', () => {
  it('has at least one GraphQL example', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it('npm start serves the graph in embedded mode and answers the README examples', async () => {
    const gateway = startScript('start', /GraphiQL at (http:\/\/\S+)\/graphql/);
    const [, url] = await gateway.ready;
    for (const query of examples) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      const body = (await res.json()) as { data?: Record<string, { __typename?: string }>; errors?: unknown };
      expect(body.errors, query).toBeUndefined();
      expect(body.data).toBeTruthy();
      for (const value of Object.values(body.data!)) {
        // A mutation's typed result must be its success member, not a typed error.
        if (value?.__typename) expect(value.__typename, query).toMatch(/Success$/);
      }
      if (query.includes('mutation PayBill')) {
        expect(body.data).toMatchObject({
          payBill: {
            billPayment: { simulation: true, amountPaid: { amount: '343600.00', unit: 'IDR' } },
          },
        });
      }
    }
    // What README says of the other bill accounts of the built-in DT One.
    for (const [account, typename] of [
      ['107305697207', 'BillQuote'],
      ['141929401432', 'BillQuote'],
      ['146488738000', 'BillAlreadyPaidError'],
      ['999999999999', 'AccountNumberInvalidError'],
    ]) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `{ quoteBillPayment(productId: 1001, accountNumber: "${account}") { __typename } }`,
        }),
      });
      expect(await res.json(), account).toEqual({ data: { quoteBillPayment: { __typename: typename } } });
    }
    // A signal to the npm process stops the gateway too: nothing is left listening.
    const npmExited = new Promise((resolve) => gateway.child.once('exit', resolve));
    gateway.child.kill('SIGTERM');
    await npmExited;
    await expect(fetch(`${url}/healthz`)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
  }, 60_000);

  it('the gateway process stops cleanly on SIGTERM, with exit code 0', async () => {
    const { DTONE_API_KEY: _k, DTONE_API_SECRET: _s, ...base } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...base, PORT: '0', SANDBOX_PORT: '0', DATA_DIR: mkdtempSync(join(tmpdir(), 'dtgw-readme-')) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('dtone-gateway ready')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${output}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('SIGTERM: stopping');
  }, 60_000);

  it('npm run sandbox prints a curl line that answers products with the paging headers', async () => {
    const sandbox = startScript('sandbox', /Try: (curl .+)\n/);
    const [, curl] = await sandbox.ready;
    const { stdout } = await promisify(execFile)('sh', ['-c', curl!]);
    expect(stdout).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(stdout).toMatch(/\nX-Total: \d+/);
    expect(stdout).toMatch(/\nX-Total-Pages: \d+/);
    expect(stdout).toMatch(/\nX-Next-Page: 2/);
    const json = JSON.parse(stdout.slice(stdout.indexOf('\r\n\r\n') + 4)) as { id: number; type: string }[];
    expect(json).toHaveLength(5);
    const npmExited = new Promise((resolve) => sandbox.child.once('exit', resolve));
    sandbox.child.kill('SIGTERM');
    await npmExited;
    const base = /(http:\/\/[^/']+)/.exec(curl!)![1]!;
    await expect(fetch(`${base}/v1/services`)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
  }, 60_000);

  it('the webhook receiver verifies real deliveries from a gateway, refuses a forged one and handles a replay once', async () => {
    expect(receiverSource).toBeDefined();
    // The snippet as a reader would save it, next to a node_modules holding standardwebhooks.
    const dir = mkdtempSync(join(tmpdir(), 'dtgw-readme-receiver-'));
    symlinkSync(join(process.cwd(), 'node_modules'), join(dir, 'node_modules'));
    writeFileSync(join(dir, 'receiver.ts'), receiverSource!);
    const t = await startGateway({ env: { WEBHOOK_ALLOW_PRIVATE_URLS: 'true' } });
    // The port was free a moment ago; the endpoint URL names it, and the receiver listens there.
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    const created = await t.gql<{ createWebhookEndpoint: { secret: string; endpoint: { id: string } } }>(
      'mutation($url: String!) { createWebhookEndpoint(url: $url) { secret endpoint { id } } }',
      { url },
    );
    const { secret, endpoint } = created.data!.createWebhookEndpoint;
    const child = spawn(process.execPath, ['--import', 'tsx', join(dir, 'receiver.ts')], {
      env: { ...process.env, WEBHOOK_SECRET: secret, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    await waitFor(
      'the receiver listening',
      () => output,
      (o) => o.includes('receiving webhooks'),
    );

    const forged = await fetch(url, {
      method: 'POST',
      headers: { 'webhook-id': 'evt_x', 'webhook-timestamp': '1', 'webhook-signature': 'v1,AAAA' },
      body: '{}',
    });
    expect(forged.status).toBe(400);

    const { record } = await t.gateway.store.insertIntent(newIntent({ tenantId: 'acme' }));
    const line = await waitFor(
      'the event handled',
      () => output,
      (o) => o.includes('transaction.status_changed'),
    );
    expect(line).toMatch(/transaction\.status_changed \S+ \S+\n/);
    const handled = line.split('\n').filter((l) => l.startsWith('transaction.status_changed'));
    expect(handled).toHaveLength(1);
    expect(Buffer.from(handled[0]!.split(' ')[1]!, 'base64').toString()).toBe(`Transaction:${record.id}`);

    // A replay repeats the webhook-id: answered 2xx (the gateway records it delivered) and handled once.
    await t.gql('mutation($id: String!) { replayWebhookEvents(id: $id, from: 1) }', { id: endpoint.id });
    const outcomes = await waitFor(
      'the replay delivered',
      async () => (await t.gateway.store.webhooks.listAttempts(endpoint.id, 10)).map((a) => a.outcome),
      (list) => list.length === 2,
    );
    expect(outcomes).toEqual(['delivered', 'delivered']);
    expect(output.split('\n').filter((l) => l.startsWith('transaction.status_changed'))).toHaveLength(1);
  }, 60_000);
});
