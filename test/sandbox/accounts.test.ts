import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGsClient, type GsClient } from '../../src/datasources/gs/client.js';
import type { SandboxAccount } from '../../src/sandbox/accounts.js';
import type { Sandbox } from '../../src/sandbox/server.js';
import { dvs, mobileTopUp, startSandbox } from '../helpers/sandbox.js';

let sandbox: Sandbox;
let other: SandboxAccount;
const clients: GsClient[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
});

beforeAll(async () => {
  sandbox = await startSandbox();
  other = sandbox.control.accounts.add();
});

const basic = (account: SandboxAccount) =>
  `${account.credentials.dvs.apiKey}:${account.credentials.dvs.apiSecret}`;

function gsOf(account: SandboxAccount): GsClient {
  const client = createGsClient({
    baseUrl: `${sandbox.url}/v1.1`,
    ...account.credentials.gs,
    timeoutMs: 3000,
  });
  clients.push(client);
  return client;
}

/** DT One serves many partners: each account sees its own money and transactions, and the same catalogue. */
describe('sandbox accounts', () => {
  it('gives each account its own credentials and balances', async () => {
    expect(other.id).toBe('account-2');
    expect(other.credentials.dvs.apiKey).not.toBe(sandbox.credentials.dvs.apiKey);
    other.ledger.set('USD', '123.45');
    const mine = await dvs(sandbox, '/balances?unit=USD', { auth: basic(other) });
    const theirs = await dvs(sandbox, '/balances?unit=USD');
    expect(mine.json).toMatchObject([{ unit: 'USD', available: 123.45 }]);
    expect(theirs.json).toMatchObject([{ unit: 'USD', available: 50000 }]);
    // A key of one account with the secret of another is no account at all.
    const mixed = `${other.credentials.dvs.apiKey}:${sandbox.credentials.dvs.apiSecret}`;
    expect((await dvs(sandbox, '/balances', { auth: mixed })).status).toBe(401);
  });

  it("keeps an account's transactions its own, numbered apart from every other account's", async () => {
    const product = mobileTopUp(sandbox);
    const body = (externalId: string) => ({
      external_id: externalId,
      product_id: product.id,
      auto_confirm: false,
      credit_party_identifier: { mobile_number: '+6591234100' },
    });
    // The same external id in two accounts: each account's ids are its own.
    const theirs = await dvs(sandbox, '/async/transactions', { method: 'POST', body: body('shared-1') });
    const mine = await dvs(sandbox, '/async/transactions', {
      method: 'POST',
      body: body('shared-1'),
      auth: basic(other),
    });
    expect([theirs.status, mine.status]).toEqual([201, 201]);
    const id = (mine.json as { id: number }).id;
    expect(id).not.toBe((theirs.json as { id: number }).id);
    expect((await dvs(sandbox, `/transactions/${id}`, { auth: basic(other) })).status).toBe(200);
    const elsewhere = await dvs(sandbox, `/transactions/${id}`);
    expect(elsewhere.status).toBe(404);
    expect(other.engine.all().map((t) => t.id)).toEqual([id]);
    expect(sandbox.control.callsBy('account-2', 'GET /v1/transactions/{transaction_id}')).toBe(1);
    expect(sandbox.control.callsBy('default', 'GET /v1/transactions/{transaction_id}')).toBe(1);
  });

  it("pays bills from the paying account's balance", async () => {
    const bill = sandbox.catalogue.gsAccounts.find((a) => a.amountDue !== '0' && a.amountDue !== '0.00')!;
    const currency = sandbox.catalogue.byId.gsProduct.get(bill.productId)!.accountCurrency;
    other.ledger.set(currency, '100000.00');
    const before = sandbox.control.ledger.totals(currency).available;
    const payment = await gsOf(other).payVariableValue({
      productId: bill.productId,
      accountNumber: bill.accountNumber,
      externalId: `${Date.now()}1`,
      simulation: false,
      sender: { mobile: '6012345678' },
      recipient: { mobile: '6012234345' },
    });
    expect(payment.status).toBe('0');
    expect(other.ledger.entries().map((e) => e.kind)).toContain('debit');
    expect(sandbox.control.ledger.totals(currency).available).toBe(before);
    expect(other.gs.all()).toHaveLength(1);
    expect(sandbox.control.gs.all()).toHaveLength(0);
  });

  it('opens an account over the control API too', async () => {
    const res = await fetch(`${sandbox.url}/__sandbox/accounts`, { method: 'POST' });
    const added = (await res.json()) as { id: string; credentials: SandboxAccount['credentials'] };
    expect(added.id).toBe('account-3');
    const auth = `${added.credentials.dvs.apiKey}:${added.credentials.dvs.apiSecret}`;
    expect((await dvs(sandbox, '/balances', { auth })).status).toBe(200);
  });
});
