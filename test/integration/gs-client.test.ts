import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGsClient, type GsClient, type GsClientOptions } from '../../src/datasources/gs/client.js';
import {
  GsAuthenticationError,
  GsConflictError,
  GsError,
  GsInvalidRequestError,
  GsOutcomeUnknownError,
  GsProtocolError,
  GsStateError,
  GsUnavailableError,
} from '../../src/datasources/gs/errors.js';
import { Decimal } from '../../src/money/decimal.js';
import type { WireNumber } from '../../src/money/json.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/server.js';

let sandbox: Sandbox;
let client: GsClient;
const clients: GsClient[] = [];

function open(overrides: Partial<GsClientOptions> = {}): GsClient {
  const c = createGsClient({
    baseUrl: `${sandbox.url}/v1.1`,
    apiKey: sandbox.credentials.gs.apiKey,
    apiSecret: sandbox.credentials.gs.apiSecret,
    timeoutMs: 3000,
    backoff: { baseDelayMs: 1, maxDelayMs: 10 },
    ...overrides,
  });
  clients.push(c);
  return c;
}

beforeAll(async () => {
  sandbox = await createSandbox({ seed: 11, timeScale: 0.001 });
  client = open();
});

afterEach(() => {
  sandbox.control.faults.clear();
  sandbox.control.resetCalls();
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await sandbox.stop();
});

async function rejection(promise: Promise<unknown>): Promise<GsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GsError);
  return error as GsError;
}

const QUOTE = 'GET /v1.1/product/variable_value_payments/{product_id}';
const PAY = 'POST /v1.1/transactions/variable_value_payments';

/** Each test pays a bill of its own: a real payment leaves the bill paid. */
let nextAccount = 0;
function unpaidBill() {
  const accounts = sandbox.catalogue.gsAccounts.filter(
    (a) => !Decimal.eq(Decimal.parse(a.amountDue), Decimal.parse('0')),
  );
  const account = accounts[nextAccount++];
  if (!account) throw new Error('the sandbox catalogue ran out of unpaid G&S bills');
  return account;
}

let nextExternal = 1;
const externalId = () => `${Date.now()}${String(nextExternal++).padStart(4, '0')}`;

function payParams(account: { productId: number; accountNumber: string }) {
  return {
    productId: account.productId,
    accountNumber: account.accountNumber,
    externalId: externalId(),
    sender: { mobile: '6012345678', firstName: 'John', lastName: 'Delorm' },
    recipient: { mobile: '6012234345', firstName: 'Lisa' },
  };
}

const same = (a: WireNumber, b: string) => Decimal.eq(Decimal.fromWire(a), Decimal.parse(b));

function balanceOf(unit: string): Decimal {
  const row = sandbox.control.ledger.list({ unit })[0] as { available: unknown } | undefined;
  if (!row) throw new Error(`no ${unit} balance`);
  return Decimal.parse(String(row.available));
}

describe('G&S client against the sandbox', () => {
  it('is accepted with a valid HMAC, and quotes the bill in full', async () => {
    const account = unpaidBill();
    const quote = await client.quoteVariableValuePayment(account.productId, account.accountNumber);
    expect(quote.payment.name).toBe(account.name);
    expect(same(quote.payment.amount, account.amountDue)).toBe(true);
    const product = sandbox.catalogue.byId.gsProduct.get(account.productId)!;
    expect(quote).toMatchObject({
      account_currency: product.accountCurrency,
      local_currency: product.localCurrency,
    });
  });

  it('is refused with a wrong secret, without retrying', async () => {
    const account = unpaidBill();
    const wrong = open({ apiSecret: 'wrong-secret' });
    const error = await rejection(wrong.quoteVariableValuePayment(account.productId, account.accountNumber));
    expect(error).toBeInstanceOf(GsAuthenticationError);
    expect(sandbox.control.calls(QUOTE)).toBe(1);
  });

  it('simulates a payment by default and moves no money', async () => {
    const account = unpaidBill();
    const product = sandbox.catalogue.byId.gsProduct.get(account.productId)!;
    const before = balanceOf(product.accountCurrency);
    const payment = await client.payVariableValue(payParams(account));
    expect(payment).toMatchObject({ simulation: true, status: '0', account_number: account.accountNumber });
    expect(balanceOf(product.accountCurrency)).toBe(before);
    // A simulation leaves the bill payable.
    await client.quoteVariableValuePayment(account.productId, account.accountNumber);
  });

  it('pays for real, debits wholesale price plus fee exactly, and marks the bill paid', async () => {
    const account = unpaidBill();
    const product = sandbox.catalogue.byId.gsProduct.get(account.productId)!;
    const quote = await client.quoteVariableValuePayment(account.productId, account.accountNumber);
    const before = balanceOf(product.accountCurrency);
    const params = { ...payParams(account), simulation: false };
    const payment = await client.payVariableValue(params);
    expect(payment).toMatchObject({ simulation: false, status: '0', external_id: params.externalId });
    const cost = Decimal.add(Decimal.fromWire(quote.wholesale_price), Decimal.fromWire(quote.fee ?? 0));
    expect(Decimal.eq(balanceOf(product.accountCurrency), Decimal.sub(before, cost))).toBe(true);
    const again = await rejection(client.quoteVariableValuePayment(account.productId, account.accountNumber));
    expect(again).toBeInstanceOf(GsStateError);
  });

  it('reads a payment back by id and by ext- external id', async () => {
    const account = unpaidBill();
    const params = payParams(account);
    const payment = await client.payVariableValue(params);
    expect(await client.getVariableValuePayment(payment.transaction_id)).toEqual(payment);
    expect(await client.getVariableValuePaymentByExternalId(params.externalId)).toEqual(payment);
    expect(sandbox.control.calls('GET /v1.1/transactions/variable_value_payments/{payment_id}')).toBe(2);
  });

  it('finds nothing for an external id never used', async () => {
    expect(await client.getVariableValuePaymentByExternalId(externalId())).toBeNull();
  });

  it('refuses a reused external id', async () => {
    const params = payParams(unpaidBill());
    await client.payVariableValue(params);
    const error = await rejection(
      client.payVariableValue({ ...params, accountNumber: unpaidBill().accountNumber }),
    );
    expect(error).toBeInstanceOf(GsConflictError);
  });

  it('refuses an unknown account number', async () => {
    const account = unpaidBill();
    const error = await rejection(client.quoteVariableValuePayment(account.productId, 'NO-SUCH-ACCOUNT'));
    expect(error).toBeInstanceOf(GsInvalidRequestError);
    expect(error).toMatchObject({ reason: 'account_number_invalid' });
  });

  it('retries a quote answered 503, the sandbox counting every attempt', async () => {
    const account = unpaidBill();
    sandbox.control.faults.add({ route: QUOTE, status: 503, times: 2 });
    await client.quoteVariableValuePayment(account.productId, account.accountNumber);
    expect(sandbox.control.calls(QUOTE)).toBe(3);
    sandbox.control.resetCalls();
    sandbox.control.faults.add({ route: QUOTE, status: 503, times: 10 });
    expect(
      await rejection(client.quoteVariableValuePayment(account.productId, account.accountNumber)),
    ).toBeInstanceOf(GsUnavailableError);
    expect(sandbox.control.calls(QUOTE)).toBe(4);
  });

  it('never resends a payment reset mid-answer; the ext- lookup then finds it', async () => {
    const params = { ...payParams(unpaidBill()), simulation: false };
    sandbox.control.faults.add({ route: PAY, resetAfterBytes: 5 });
    const error = await rejection(client.payVariableValue(params));
    expect(error).toBeInstanceOf(GsOutcomeUnknownError);
    expect(sandbox.control.calls(PAY)).toBe(1);
    const found = await client.getVariableValuePaymentByExternalId(params.externalId);
    expect(found).toMatchObject({ external_id: params.externalId, simulation: false });
  });

  it('fails a hanging payment at the deadline as outcome unknown', async () => {
    sandbox.control.faults.add({ route: PAY, hangMs: Number.POSITIVE_INFINITY });
    const error = await rejection(client.payVariableValue(payParams(unpaidBill()), { timeoutMs: 300 }));
    expect(error).toMatchObject({ code: 'GS_OUTCOME_UNKNOWN', reason: 'deadline' });
  });

  it('reports malformed JSON on a quote as a protocol error', async () => {
    const account = unpaidBill();
    sandbox.control.faults.add({ route: QUOTE, malformedJson: true });
    expect(
      await rejection(client.quoteVariableValuePayment(account.productId, account.accountNumber)),
    ).toBeInstanceOf(GsProtocolError);
  });
});
