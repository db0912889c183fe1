import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/gateway.js';
import type { Sandbox } from '../../src/sandbox/server.js';
import { newApiKey } from '../../src/store/api-key-material.js';
import { createStore } from '../../src/store/index.js';
import { SCOPES, type Scope } from '../../src/store/scopes.js';
import type { Store } from '../../src/store/types.js';
import { startSandbox } from './sandbox.js';

/** The data key of live-mode test gateways (32 bytes, base64); every process of one deployment shares it. */
export const TEST_DATA_KEY = Buffer.alloc(32, 7).toString('base64');

/**
 * Test gateways send many operations from one key within seconds; the per-key buckets would refuse them. Tests of the
 * limits themselves set RATE_LIMIT_* in their own env, which comes after these.
 */
export const UNLIMITED_RATES = {
  RATE_LIMIT_QUERIES_PER_SECOND: '0',
  RATE_LIMIT_MONEY_PER_SECOND: '0',
} as const;

const leftovers: Array<() => Promise<void>> = [];
afterAll(async () => {
  await Promise.all(leftovers.splice(0).map((dispose) => dispose()));
});

export interface TestGateway {
  gateway: Gateway;
  sandbox: Sandbox;
  url: string;
  /** A key of tenant `acme` with every scope; `gql` sends it unless headers say otherwise. */
  apiKey: string;
  /** Stops the gateway once (the file's teardown then leaves it alone). */
  stop(): Promise<void>;
  /** Makes another key (another tenant, fewer scopes) in the gateway's own store. */
  createKey(tenantId: string, scopes?: readonly Scope[]): Promise<string>;
  /** POSTs a GraphQL operation over real HTTP and returns the parsed response. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
}

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
  text: string;
}

/**
 * A real gateway on an ephemeral port talking to a real sandbox (its own, or the one given), as DT One would be
 * reached in live mode: over HTTP with the sandbox's credentials.
 */
export async function createKeyIn(
  store: Store,
  tenantId: string,
  scopes: readonly Scope[] = SCOPES,
): Promise<string> {
  const { key, prefix, hash } = newApiKey(tenantId);
  await store.createApiKey({
    id: randomUUID(),
    tenantId,
    name: `test ${tenantId}`,
    prefix,
    hash,
    scopes: [...scopes],
  });
  return key;
}

export async function startGateway(
  options: {
    sandbox?: Sandbox;
    env?: Record<string, string>;
    gatewayOptions?: GatewayOptions;
    dataDir?: string;
  } = {},
): Promise<TestGateway> {
  const sandbox = options.sandbox ?? (await startSandbox());
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'dtgw-'));
  const storeConfig = loadConfig({ DATA_DIR: dataDir, ...options.env }).store;
  const seedStore = await createStore(storeConfig);
  await seedStore.migrate();
  const apiKey = await createKeyIn(seedStore, 'acme');
  await seedStore.close();
  const config = loadConfig({
    DATA_DIR: dataDir,
    NODE_ENV: process.env.DEBUG_GATEWAY ? 'development' : 'test',
    LOG_LEVEL: 'silent',
    DTONE_API_KEY: sandbox.credentials.dvs.apiKey,
    DTONE_API_SECRET: sandbox.credentials.dvs.apiSecret,
    DTONE_BASE_URL: `${sandbox.url}/v1`,
    DTONE_TIMEOUT_MS: '5000',
    DTONE_GS_API_KEY: sandbox.credentials.gs.apiKey,
    DTONE_GS_API_SECRET: sandbox.credentials.gs.apiSecret,
    DTONE_GS_BASE_URL: `${sandbox.url}/v1.1`,
    // Live mode refuses to start without these; the gateway below listens on a port chosen at start, so its
    // callback URLs fall back to that address (publicUrl unset), as a program building its own Config may do.
    PUBLIC_URL: 'http://127.0.0.1',
    PUBLIC_URL_ALLOW_HTTP: 'true',
    CALLBACK_SECRET: 'a-test-deployment-secret-of-at-least-32-characters',
    DATA_ENCRYPTION_KEY: TEST_DATA_KEY,
    ...UNLIMITED_RATES,
    ...options.env,
  });
  const gateway = await createGateway(
    { ...config, publicUrl: options.env?.PUBLIC_URL ?? undefined },
    options.gatewayOptions,
  );
  const url = await gateway.start(0, '127.0.0.1');
  const stop = once(async () => {
    await gateway.stop();
  });
  leftovers.push(stop);
  return {
    gateway,
    sandbox,
    url,
    apiKey,
    stop,
    createKey: (tenantId, scopes) => createKeyIn(gateway.store, tenantId, scopes),
    async gql(query, variables, headers) {
      const all: Record<string, string> = {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        authorization: `Bearer ${apiKey}`,
        ...headers,
      };
      // An empty value leaves the header out (e.g. `{ authorization: '' }` for an anonymous call).
      for (const [k, v] of Object.entries(all)) if (v === '') delete all[k];
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: all,
        body: JSON.stringify({ query, variables }),
      });
      const text = await res.text();
      const body = JSON.parse(text) as Omit<GraphQLResponse<never>, 'status' | 'text'>;
      return { status: res.status, text, ...body } as GraphQLResponse<never>;
    },
  };
}

/**
 * The gateway in embedded mode, as `npm start` runs it: its own built-in sandbox, no DT One credentials, and
 * requests without a key act as the `sandbox` tenant.
 */
export async function startEmbeddedGateway(env: Record<string, string> = {}): Promise<TestGateway> {
  const config = loadConfig({
    DATA_DIR: mkdtempSync(join(tmpdir(), 'dtgw-')),
    NODE_ENV: process.env.DEBUG_GATEWAY ? 'development' : 'test',
    LOG_LEVEL: 'silent',
    SANDBOX_TIME_SCALE: '0.001',
    ...UNLIMITED_RATES,
    ...env,
  });
  const gateway = await createGateway(config);
  const url = await gateway.start(0, '127.0.0.1');
  const stop = once(async () => {
    await gateway.stop();
  });
  leftovers.push(stop);
  const sandbox = gateway.sandbox;
  if (!sandbox) throw new Error('embedded mode must start the built-in sandbox');
  return {
    gateway,
    sandbox,
    url,
    apiKey: '',
    stop,
    createKey: (tenantId, scopes) => createKeyIn(gateway.store, tenantId, scopes),
    async gql(query, variables, headers) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      const text = await res.text();
      const body = JSON.parse(text) as Omit<GraphQLResponse<never>, 'status' | 'text'>;
      return { status: res.status, text, ...body } as GraphQLResponse<never>;
    },
  };
}

/** POSTs a subscription asking for server-sent events with `key` (none when empty); the caller reads the body. */
export function postEventStream(
  url: string,
  key: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<Response> {
  return fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      ...(key && { authorization: `Bearer ${key}` }),
    },
    body: JSON.stringify({ query, variables }),
  });
}

function once(work: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => {
    done ??= work();
    return done;
  };
}
