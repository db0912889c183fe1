import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listCountries, productById } from '../../examples/catalogue-client/src/catalogue.js';
import { GraphQLRequestError } from '../../examples/catalogue-client/src/request.js';
import { loadConfig } from '../../src/config.js';
import { createGateway } from '../../src/gateway.js';
import { startGateway, type TestGateway } from '../helpers/gateway.js';

/** The example client's allow-list, as `npm run examples:build` writes it. */
const MANIFEST = join(
  import.meta.dirname,
  '../../examples/catalogue-client/src/gql/persisted-documents.json',
);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const COUNT = '{ countries(first: 1) { totalCount } }';

/** POSTs raw GraphQL-over-HTTP params with the test key (or another). */
async function send(t: TestGateway, params: Record<string, unknown>, apiKey = t.apiKey) {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      authorization: `Bearer ${apiKey}`,
    },
    body: JSON.stringify(params),
  });
  const body = (await res.json()) as {
    data?: { countries?: { totalCount: number } };
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  return { status: res.status, body, code: body.errors?.[0]?.extensions?.code };
}

const persisted = (hash: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

/** Runs `use` with the global fetch (the example client's) sending `apiKey`, as a deployment of it would. */
async function withKey<T>(apiKey: string, use: () => Promise<T>): Promise<T> {
  const realFetch = globalThis.fetch;
  globalThis.fetch = ((url: string, init?: RequestInit) =>
    realFetch(url, {
      ...init,
      headers: { ...init?.headers, authorization: `Bearer ${apiKey}` },
    })) as typeof fetch;
  try {
    return await use();
  } finally {
    globalThis.fetch = realFetch;
  }
}

describe('persisted operations: allow-list mode (ARBITRARY_OPERATIONS=deny)', () => {
  const env = { PERSISTED_OPERATIONS: MANIFEST, ARBITRARY_OPERATIONS: 'deny' };

  it('runs the example client, whose operations are all in the manifest its codegen wrote', async () => {
    const t = await startGateway({ env });
    const reader = await t.createKey('acme', ['catalogue:read']);
    const calls = t.sandbox.control.calls();
    await withKey(reader, async () => {
      const page = await listCountries(`${t.url}/graphql`, { first: 5 });
      expect(page.totalCount).toBe(t.sandbox.catalogue.countries.length);
      expect(page.countries).toHaveLength(5);
      const product = await productById(`${t.url}/graphql`, t.sandbox.catalogue.products[0]!.id);
      expect(product?.productId).toBe(t.sandbox.catalogue.products[0]!.id);
    });
    expect(t.sandbox.control.calls()).toBeGreaterThan(calls);
  });

  it('refuses operation text, and hashes not in the manifest, without running anything', async () => {
    const t = await startGateway({ env });
    const reader = await t.createKey('acme', ['catalogue:read']);
    const calls = t.sandbox.control.calls();
    const text = await send(t, { query: COUNT }, reader);
    expect(text.status).toBe(400);
    expect(text.code).toBe('PERSISTED_OPERATIONS_ONLY');
    const unknown = await send(t, persisted(sha256(COUNT)), reader);
    expect(unknown.status).toBe(400);
    expect(unknown.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    // APQ cannot be a way around the list: text sent with its hash is refused too, and registers nothing.
    const registration = await send(t, { query: COUNT, ...persisted(sha256(COUNT)) }, reader);
    expect(registration.code).toBe('PERSISTED_OPERATIONS_ONLY');
    expect((await send(t, persisted(sha256(COUNT)), reader)).code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    expect(t.sandbox.control.calls()).toBe(calls);
  });

  it('lets a key with the operations:arbitrary scope send text', async () => {
    const t = await startGateway({ env });
    const console = await t.createKey('acme', ['catalogue:read', 'operations:arbitrary']);
    const plain = await t.createKey('acme', ['catalogue:read']);
    expect((await send(t, { query: COUNT }, console)).body.data?.countries?.totalCount).toBeGreaterThan(0);
    expect((await send(t, { query: COUNT }, plain)).code).toBe('PERSISTED_OPERATIONS_ONLY');
  });
});

describe('automatic persisted queries (APQ, on by default)', () => {
  it('answers PersistedQueryNotFound for an unknown hash, registers text sent with its hash, then runs the hash', async () => {
    const t = await startGateway();
    const hash = sha256(COUNT);
    const first = await send(t, persisted(hash));
    expect(first.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(first.body.errors?.[0]?.message).toBe('PersistedQueryNotFound');
    const registered = await send(t, { query: COUNT, ...persisted(hash) });
    expect(registered.body.errors).toBeUndefined();
    const again = await send(t, persisted(hash));
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data).toEqual(registered.body.data);
  });

  it('refuses a hash that is not the text’s sha256, and keeps nothing under it', async () => {
    const t = await startGateway();
    const wrong = sha256('{ __typename }');
    const mismatch = await send(t, { query: COUNT, ...persisted(wrong) });
    expect(mismatch.status).toBe(400);
    expect(mismatch.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
    expect((await send(t, persisted(wrong))).code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('APQ=false: only the manifest resolves hashes, text still runs', async () => {
    const t = await startGateway({ env: { APQ: 'false' } });
    const hash = sha256(COUNT);
    expect((await send(t, { query: COUNT, ...persisted(hash) })).body.errors).toBeUndefined();
    expect((await send(t, persisted(hash))).code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
  });

  it('the example client falls back to text where the gateway does not know its hashes', async () => {
    const t = await startGateway({ env: { APQ: 'false' } });
    await withKey(t.apiKey, async () => {
      const product = await productById(`${t.url}/graphql`, t.sandbox.catalogue.products[0]!.id);
      expect(product?.productId).toBe(t.sandbox.catalogue.products[0]!.id);
      await expect(productById(`${t.url}/graphql`, 99_999_999)).rejects.toBeInstanceOf(GraphQLRequestError);
    });
  });
});

describe('PERSISTED_OPERATIONS manifest checks at start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dtgw-manifest-'));
  const start = (manifest: string) =>
    createGateway(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', PERSISTED_OPERATIONS: manifest }));

  it('stops the start with the variable named when the file is missing, not JSON, or has a wrong hash', async () => {
    await expect(start(join(dir, 'missing.json'))).rejects.toThrow(
      /PERSISTED_OPERATIONS is not a readable file/,
    );
    writeFileSync(join(dir, 'bad.json'), '{');
    await expect(start(join(dir, 'bad.json'))).rejects.toThrow(/PERSISTED_OPERATIONS is not JSON/);
    writeFileSync(join(dir, 'lie.json'), JSON.stringify({ [`sha256:${sha256('{ a }')}`]: '{ b }' }));
    await expect(start(join(dir, 'lie.json'))).rejects.toThrow(/hash is not its document's sha256/);
  });
});
