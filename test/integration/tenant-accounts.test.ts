import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import type { SandboxAccount } from '../../src/sandbox/accounts.js';
import type { Sandbox } from '../../src/sandbox/server.js';
import { startGateway, type TestGateway } from '../helpers/gateway.js';
import { mobileTopUp, startSandbox } from '../helpers/sandbox.js';
import { waitFor } from '../helpers/wait.js';

/**
 * Tenants with DT One accounts of their own, against one sandbox serving several accounts: the deployment's
 * (`default`) and beta's (`account-2`). Which account each call went to is read from the sandbox's call log.
 */
let t: TestGateway;
let sandbox: Sandbox;
let beta: SandboxAccount;
const logs: string[] = [];
const bodies: string[] = [];
const keys: Record<string, string> = {};

const SET = /* GraphQL */ `mutation ($input: SetTenantAccountInput!) {
  setTenantAccount(input: $input) { tenantId api fingerprint keyHint updatedAt }
}`;
const CREATE = /* GraphQL */ `mutation ($input: CreateTransactionInput!) {
  createTransaction(input: $input) { __typename ... on CreateTransactionSuccess { transaction { id upstreamId } } }
}`;
const READ = /* GraphQL */ `query ($id: ID!) { transaction(id: $id) { statusClass upstreamId } }`;
const PRODUCTS = '{ products(first: 5) { edges { node { productId } } } }';

/** A GraphQL call as `tenant`; every answer is kept for the scan for credentials. */
async function as<T = Record<string, unknown>>(
  tenant: string,
  query: string,
  variables?: Record<string, unknown>,
) {
  const res = await t.gql<T>(query, variables, { authorization: `Bearer ${keys[tenant]}` });
  bodies.push(res.text);
  return res;
}

const calls = (account: string, route: string) => sandbox.control.callsBy(account, route);
const usdAvailable = async (tenant: string) =>
  (
    await as<{ balances: { available: { amount: string } }[] }>(
      tenant,
      '{ balances(unit: "USD") { available { amount } } }',
    )
  ).data?.balances[0]?.available.amount;

async function createTopUp(tenant: string, options: { autoConfirm: boolean }) {
  const res = await as<{
    createTransaction: { __typename: string; transaction: { id: string; upstreamId: string } };
  }>(tenant, CREATE, {
    input: {
      idempotencyKey: randomUUID(),
      productId: mobileTopUp(sandbox).id,
      creditParty: { mobileNumber: '+6591234100' },
      autoConfirm: options.autoConfirm,
    },
  });
  expect(res.data?.createTransaction.__typename, res.text).toBe('CreateTransactionSuccess');
  return res.data!.createTransaction.transaction;
}

const settled = (tenant: string, id: string) =>
  waitFor(
    `${tenant}'s transaction settled`,
    () => as<{ transaction: { statusClass: string } }>(tenant, READ, { id }),
    (r) => r.data?.transaction.statusClass === 'COMPLETED',
  );

beforeAll(async () => {
  sandbox = await startSandbox();
  beta = sandbox.control.accounts.add();
  beta.ledger.set('USD', '777.00');
  const out = new PassThrough();
  out.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
  t = await startGateway({
    sandbox,
    env: { RECONCILE_FIRST_POLL_MS: '100', RECONCILE_INTERVAL_MS: '50' },
    gatewayOptions: { logger: createLogger('debug', out) },
  });
  keys.acme = t.apiKey;
  for (const tenant of ['beta', 'delta', 'omega']) keys[tenant] = await t.createKey(tenant);
  const set = await as<{ setTenantAccount: Record<string, string> }>('acme', SET, {
    input: { tenantId: 'beta', api: 'DVS', ...beta.credentials.dvs },
  });
  expect(set.data?.setTenantAccount).toMatchObject({
    tenantId: 'beta',
    api: 'DVS',
    keyHint: beta.credentials.dvs.apiKey.slice(-4),
  });
  await as('acme', SET, { input: { tenantId: 'beta', api: 'GS', ...beta.credentials.gs } });
});

describe('tenants with DT One accounts of their own', () => {
  it("shows each tenant its own account's balances; a tenant without one sees the deployment's", async () => {
    expect(await usdAvailable('beta')).toBe('777.00');
    expect(await usdAvailable('acme')).toBe('50000.00');
    expect(await usdAvailable('delta')).toBe('50000.00');
  });

  it('never serves one account the catalogue cached for another; tenants on the default share its cache', async () => {
    sandbox.control.resetCalls();
    expect((await as('beta', PRODUCTS)).errors).toBeUndefined();
    expect(calls('account-2', 'GET /v1/products')).toBe(1);
    const fromDefault = await as('acme', PRODUCTS);
    expect(fromDefault.errors).toBeUndefined();
    expect(calls('default', 'GET /v1/products')).toBe(1);
    // Warm for both now: beta's second read and delta's (the deployment's account, like acme) cost nothing.
    await as('beta', PRODUCTS);
    expect((await as('delta', PRODUCTS)).data).toEqual(fromDefault.data);
    expect(sandbox.control.calls('GET /v1/products')).toBe(2);
  });

  it("sends beta's top-up with beta's account and settles it from the callback with that account", async () => {
    const before = beta.ledger.entries().length;
    const defaultBefore = sandbox.control.ledger.entries().length;
    const tx = await createTopUp('beta', { autoConfirm: true });
    await settled('beta', tx.id);
    expect(beta.engine.all().map((x) => String(x.id))).toContain(tx.upstreamId);
    expect(beta.ledger.entries().length).toBeGreaterThan(before);
    expect(sandbox.control.ledger.entries().length).toBe(defaultBefore);
    const reads = sandbox.control.callLog().filter((c) => c.path.endsWith(`/transactions/${tx.upstreamId}`));
    expect(reads.length).toBeGreaterThan(0);
    expect(new Set(reads.map((c) => c.account))).toEqual(new Set(['account-2']));
  });

  it("settles beta's top-up by the reconciler with beta's account when no callback comes", async () => {
    beta.engine.setCallbackFaults({ drop: 1 });
    try {
      const tx = await createTopUp('beta', { autoConfirm: true });
      await settled('beta', tx.id);
      const polls = sandbox.control
        .callLog()
        .filter((c) => c.path.endsWith(`/transactions/${tx.upstreamId}`));
      expect(polls.length).toBeGreaterThan(0);
      expect(new Set(polls.map((c) => c.account))).toEqual(new Set(['account-2']));
      const callbacks = beta.engine.deliveries().filter((d) => String(d.transactionId) === tx.upstreamId);
      expect(callbacks.map((d) => d.error)).toEqual(['dropped']);
    } finally {
      beta.engine.setCallbackFaults({ drop: 0 });
    }
  });

  it("pays beta's bills from its own G&S account", async () => {
    const bill = sandbox.catalogue.gsAccounts.find((a) => Number(a.amountDue) > 0)!;
    const currency = sandbox.catalogue.byId.gsProduct.get(bill.productId)!.accountCurrency;
    beta.ledger.set(currency, '100000.00');
    const paid = await as<{ payBill: { __typename: string } }>(
      'beta',
      `mutation ($input: PayBillInput!) { payBill(input: $input) { __typename } }`,
      {
        input: {
          idempotencyKey: randomUUID(),
          productId: bill.productId,
          accountNumber: bill.accountNumber,
          senderMobile: '+6012345678',
          recipientMobile: '+6012234345',
        },
      },
    );
    expect(paid.data?.payBill.__typename, paid.text).toBe('PayBillSuccess');
    expect(beta.gs.all()).toHaveLength(1);
    expect(sandbox.control.gs.all()).toHaveLength(0);
  });

  it('keeps a transaction with the account that sent it after its tenant goes back to the default', async () => {
    const tx = await createTopUp('beta', { autoConfirm: false });
    const cleared = await as<{ clearTenantAccount: number }>(
      'acme',
      'mutation { clearTenantAccount(input: { tenantId: "beta", api: DVS }) }',
    );
    expect(cleared.data?.clearTenantAccount).toBe(1);
    expect(await usdAvailable('beta')).toBe('50000.00');
    const confirmed = await as<{ confirmTransaction: { __typename: string } }>(
      'beta',
      'mutation ($id: ID!) { confirmTransaction(input: { id: $id }) { __typename } }',
      { id: tx.id },
    );
    expect(confirmed.data?.confirmTransaction.__typename, confirmed.text).toBe('ConfirmTransactionSuccess');
    await settled('beta', tx.id);
    const calls = sandbox.control.callLog().filter((c) => c.path.includes(`/transactions/${tx.upstreamId}`));
    expect(new Set(calls.map((c) => c.account))).toEqual(new Set(['account-2']));
    await as('acme', SET, { input: { tenantId: 'beta', api: 'DVS', ...beta.credentials.dvs } });
    expect(await usdAvailable('beta')).not.toBe('50000.00');
  });

  it("answers a tenant with a wrong secret UPSTREAM_AUTH_ERROR, and no other tenant's calls change", async () => {
    // beta's key with a wrong secret: the same DT One account, refused, beside beta's working pair.
    await as('acme', SET, {
      input: {
        tenantId: 'omega',
        api: 'DVS',
        apiKey: beta.credentials.dvs.apiKey,
        apiSecret: 'not-the-secret',
      },
    });
    const refused = await as('omega', '{ balances { unit } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('UPSTREAM_AUTH_ERROR');
    const create = await as('omega', CREATE, {
      input: {
        idempotencyKey: randomUUID(),
        productId: mobileTopUp(sandbox).id,
        creditParty: { mobileNumber: '+6591234100' },
      },
    });
    expect(create.errors?.[0]?.extensions?.code).toBe('UPSTREAM_AUTH_ERROR');
    expect(await usdAvailable('beta')).toMatch(/^\d/);
    expect(await usdAvailable('acme')).toMatch(/^\d/);
    expect((await as('beta', '{ balances { unit } }')).errors).toBeUndefined();
  });

  it("lets a key with accounts:admin manage its own tenant's pairs, and only an operator's another tenant's", async () => {
    const own = await t.createKey('zeta', ['accounts:admin']);
    const asZeta = { authorization: `Bearer ${own}` };
    const input = { api: 'DVS', ...beta.credentials.dvs };
    const mine = await t.gql<{ setTenantAccount: { tenantId: string } }>(SET, { input }, asZeta);
    expect(mine.data?.setTenantAccount.tenantId).toBe('zeta');
    const theirs = await t.gql(SET, { input: { ...input, tenantId: 'beta' } }, asZeta);
    expect(theirs.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const listed = await t.gql<{ tenantAccounts: { tenantId: string }[] }>(
      '{ tenantAccounts { tenantId } }',
      {},
      asZeta,
    );
    expect(listed.data?.tenantAccounts).toEqual([{ tenantId: 'zeta' }]);
    const catalogueOnly = await t.createKey('zeta', ['catalogue:read']);
    const refused = await t.gql(SET, { input }, { authorization: `Bearer ${catalogueOnly}` });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    bodies.push(mine.text, theirs.text, listed.text, refused.text);
  });

  it('lists pairs by fingerprint and last 4 characters, and never shows a key or secret anywhere', async () => {
    const listed = await as<{ tenantAccounts: { tenantId: string; api: string; keyHint: string }[] }>(
      'acme',
      '{ tenantAccounts(tenantId: "beta") { tenantId api fingerprint keyHint } }',
    );
    expect(listed.data?.tenantAccounts.map((a) => `${a.tenantId}/${a.api}/${a.keyHint}`)).toEqual([
      `beta/DVS/${beta.credentials.dvs.apiKey.slice(-4)}`,
      `beta/GS/${beta.credentials.gs.apiKey.slice(-4)}`,
    ]);
    const refused = await as('acme', SET, {
      input: { tenantId: 'Bad Tenant', api: 'GS', apiKey: 'short', apiSecret: beta.credentials.gs.apiSecret },
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const stored = JSON.stringify(await t.gateway.store.getTenantAccounts('beta'));
    const secrets = [beta.credentials.dvs, beta.credentials.gs].flatMap((p) => [p.apiKey, p.apiSecret]);
    const seen = [...bodies, ...logs].join('\n');
    for (const secret of [...secrets, 'not-the-secret']) {
      for (const form of [secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret)]) {
        expect(seen.includes(form), `a credential in a response or log line`).toBe(false);
        expect(stored.includes(form), 'a credential stored in clear').toBe(false);
      }
    }
    expect(logs.length).toBeGreaterThan(0);
  });
});

describe('tenants with DT One accounts of their own, on two gateways sharing Redis', () => {
  it('shares each account’s cached catalogue across instances, and never one account’s with another', async () => {
    const shared = await startSandbox();
    const own = shared.control.accounts.add();
    const env = { REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' };
    const dataDir = mkdtempSync(join(tmpdir(), 'dtgw-accounts-'));
    const a = await startGateway({ sandbox: shared, dataDir, env });
    const b = await startGateway({ sandbox: shared, dataDir, env });
    await a.gql(SET, { input: { tenantId: 'beta', api: 'DVS', ...own.credentials.dvs } });
    const betaKey = await a.createKey('beta');
    const asBeta = { authorization: `Bearer ${betaKey}` };
    shared.control.resetCalls();
    expect((await a.gql(PRODUCTS, {}, asBeta)).errors).toBeUndefined();
    expect(shared.control.callsBy('account-2', 'GET /v1/products')).toBe(1);
    expect((await b.gql(PRODUCTS, {}, asBeta)).errors).toBeUndefined();
    expect((await b.gql(PRODUCTS)).errors).toBeUndefined();
    expect(shared.control.callsBy('account-2', 'GET /v1/products')).toBe(1);
    expect(shared.control.callsBy('default', 'GET /v1/products')).toBe(1);
  });
});
