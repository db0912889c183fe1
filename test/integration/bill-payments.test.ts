import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGsClient } from '../../src/datasources/gs/client.js';
import type { GsAccount, GsProduct } from '../../src/sandbox/catalogue/types.js';
import type { Sandbox } from '../../src/sandbox/server.js';
import { singleAccount } from '../../src/transactions/accounts.js';
import { createBillPaymentService } from '../../src/transactions/bill-payments.js';
import { deriveGsExternalId } from '../../src/transactions/gs-request.js';
import { startEmbeddedGateway, startGateway, type TestGateway } from '../helpers/gateway.js';

const QUOTE = /* GraphQL */ `
  query ($productId: Int!, $accountNumber: String!) {
    quoteBillPayment(productId: $productId, accountNumber: $accountNumber) {
      __typename
      ... on Error { code message }
      ... on InvalidInputError { field }
      ... on ProductUnavailableError { productId }
      ... on AccountNumberInvalidError { productId }
      ... on BillAlreadyPaidError { productId }
      ... on BillQuote {
        productId accountNumber accountHolderName
        amountDue { amount unit }
        paymentFee { amount unit }
        localValue { amount unit }
        wholesalePrice { amount unit }
        retailPrice { amount unit }
        fee { amount unit }
      }
    }
  }
`;

const PAYMENT_FIELDS = /* GraphQL */ `
  id idempotencyKey externalId upstreamId simulation status statusMessage statusClass succeeded
  productId accountNumber accountHolderName operatorReference createdAt
  amountPaid { amount unit }
  localValue { amount unit }
  wholesalePrice { amount unit }
  fee { amount unit }
`;

const PAY = /* GraphQL */ `
  mutation ($input: PayBillInput!) {
    payBill(input: $input) {
      __typename
      ... on Error { code message }
      ... on InvalidInputError { field }
      ... on IdempotencyConflictError { idempotencyKey }
      ... on PayBillSuccess { billPayment { ${PAYMENT_FIELDS} } }
    }
  }
`;

const GET = /* GraphQL */ `
  query ($id: ID!) {
    billPayment(id: $id) { ${PAYMENT_FIELDS} }
  }
`;

const PAYMENTS_ROUTE = 'POST /v1.1/transactions/variable_value_payments';
const LOOKUP_ROUTE = 'GET /v1.1/transactions/variable_value_payments/{payment_id}';

type MoneyOut = { amount: string; unit: string };
type Quote = {
  __typename: string;
  code?: string;
  field?: string[];
  productId: number;
  accountNumber: string;
  accountHolderName: string | null;
  amountDue: MoneyOut;
  paymentFee: MoneyOut | null;
  localValue: MoneyOut;
  wholesalePrice: MoneyOut;
  retailPrice: MoneyOut | null;
  fee: MoneyOut | null;
};
type BillPayment = {
  id: string;
  idempotencyKey: string;
  externalId: string;
  upstreamId: string | null;
  simulation: boolean;
  status: string | null;
  statusMessage: string | null;
  statusClass: string;
  succeeded: boolean | null;
  productId: number;
  accountNumber: string;
  accountHolderName: string | null;
  operatorReference: string | null;
  amountPaid: MoneyOut | null;
  localValue: MoneyOut | null;
  wholesalePrice: MoneyOut | null;
  fee: MoneyOut | null;
};
type PayResult = {
  __typename: string;
  code?: string;
  field?: string[];
  idempotencyKey?: string;
  billPayment: BillPayment;
};

let t: TestGateway;
let sandbox: Sandbox;

beforeAll(async () => {
  t = await startGateway();
  sandbox = t.sandbox;
});

const minorDigits = (currency: string) => (currency === 'XOF' || currency === 'VND' ? 0 : 2);

/** Unpaid bill accounts of the first product matching, each handed out once so tests never share a bill. */
const handedOut = new Set<string>();
function unpaidBill(
  s: Sandbox,
  match: (p: GsProduct) => boolean = () => true,
): { product: GsProduct; account: GsAccount } {
  for (const product of s.catalogue.gsProducts.filter(match)) {
    const account = s.catalogue.gsAccounts.find(
      (a) =>
        a.productId === product.productId &&
        !new Decimal(a.amountDue).isZero() &&
        !handedOut.has(`${s.url}/${a.productId}/${a.accountNumber}`),
    );
    if (account) {
      handedOut.add(`${s.url}/${account.productId}/${account.accountNumber}`);
      return { product, account };
    }
  }
  throw new Error('the sandbox catalogue has no such unpaid bill left');
}

/** The bill's price worked out from the catalogue, independently of the gateway. */
function expectedPrice(product: GsProduct, account: GsAccount) {
  const localValue = new Decimal(account.amountDue).plus(product.paymentFee);
  const wholesale = localValue
    .times(product.wholesaleRate)
    .toDecimalPlaces(minorDigits(product.accountCurrency), Decimal.ROUND_HALF_UP);
  return { localValue, wholesale, fee: new Decimal(product.fee), debit: wholesale.plus(product.fee) };
}

const exactly = (money: MoneyOut | null | undefined, amount: Decimal.Value, unit: string) => {
  expect(money?.unit).toBe(unit);
  expect(money?.amount).toMatch(/^\d+(\.\d+)?$/);
  expect(new Decimal(money?.amount ?? 'NaN').equals(amount)).toBe(true);
  // Written at no less than the currency's scale, never rounded: "343600.00" IDR, "1.00" USD.
  expect(money?.amount.split('.')[1]?.length ?? 0).toBeGreaterThanOrEqual(minorDigits(unit));
};

function payInput(product: GsProduct, account: GsAccount, extra: Record<string, unknown> = {}) {
  return {
    idempotencyKey: randomUUID(),
    productId: product.productId,
    accountNumber: account.accountNumber,
    senderMobile: '+6012345678',
    recipientMobile: '+6012234345',
    ...extra,
  };
}

async function pay(input: Record<string, unknown>, gateway: TestGateway = t): Promise<PayResult> {
  const res = await gateway.gql<{ payBill: PayResult }>(PAY, { input });
  expect(res.errors).toBeUndefined();
  return res.data!.payBill;
}

const paymentsAt = (s: Sandbox, externalId: string) =>
  s.control.gs.all().filter((p) => p.external_id === externalId);

describe('quoteBillPayment', () => {
  it.each([
    [
      'XOF (0 minor digits) with a biller fee',
      (p: GsProduct) => p.localCurrency === 'XOF' && p.paymentFee !== '0',
    ],
    [
      'PHP (2 minor digits) with a biller fee',
      (p: GsProduct) => p.localCurrency === 'PHP' && !new Decimal(p.paymentFee).isZero(),
    ],
    ['EUR bills paid from the EUR account', (p: GsProduct) => p.localCurrency === 'EUR'],
  ])('quotes a %s in exact decimals', async (_name, match) => {
    const { product, account } = unpaidBill(sandbox, match);
    const expected = expectedPrice(product, account);

    const res = await t.gql<{ quoteBillPayment: Quote }>(QUOTE, {
      productId: product.productId,
      accountNumber: account.accountNumber,
    });

    const quote = res.data!.quoteBillPayment;
    expect(quote.__typename).toBe('BillQuote');
    expect(quote.productId).toBe(product.productId);
    expect(quote.accountNumber).toBe(account.accountNumber);
    expect(quote.accountHolderName).toBe(account.name);
    exactly(quote.amountDue, account.amountDue, product.localCurrency);
    exactly(quote.paymentFee, product.paymentFee, product.localCurrency);
    exactly(quote.localValue, expected.localValue, product.localCurrency);
    exactly(quote.wholesalePrice, expected.wholesale, product.accountCurrency);
    exactly(quote.fee, product.fee, product.accountCurrency);
    expect(quote.retailPrice?.unit).toBe(product.accountCurrency);
    expect(new Decimal(quote.retailPrice!.amount).greaterThan(quote.wholesalePrice.amount)).toBe(true);
    if (minorDigits(product.localCurrency) === 0) expect(quote.localValue.amount).not.toContain('.');
  });

  it('answers ProductUnavailableError for a product G&S does not have', async () => {
    const res = await t.gql<{ quoteBillPayment: Quote }>(QUOTE, {
      productId: 999_999,
      accountNumber: '1234',
    });
    expect(res.data!.quoteBillPayment).toMatchObject({
      __typename: 'ProductUnavailableError',
      code: 'PRODUCT_UNAVAILABLE',
      productId: 999_999,
    });
  });

  it('answers AccountNumberInvalidError for an account number the biller does not know', async () => {
    const { product } = unpaidBill(sandbox);
    const res = await t.gql<{ quoteBillPayment: Quote }>(QUOTE, {
      productId: product.productId,
      accountNumber: '999999999999999',
    });
    expect(res.data!.quoteBillPayment).toMatchObject({
      __typename: 'AccountNumberInvalidError',
      code: 'ACCOUNT_NUMBER_INVALID',
      productId: product.productId,
    });
  });

  it('answers BillAlreadyPaidError for an account with nothing due (number ending in 000)', async () => {
    const paid = sandbox.catalogue.gsAccounts.find((a) => a.accountNumber.endsWith('000'));
    const res = await t.gql<{ quoteBillPayment: Quote }>(QUOTE, {
      productId: paid!.productId,
      accountNumber: paid!.accountNumber,
    });
    expect(res.data!.quoteBillPayment).toMatchObject({
      __typename: 'BillAlreadyPaidError',
      code: 'BILL_ALREADY_PAID',
      productId: paid!.productId,
    });
  });

  it('answers InvalidInputError for a blank account number without asking G&S', async () => {
    const before = sandbox.control.calls('GET /v1.1/product/variable_value_payments/{product_id}');
    const res = await t.gql<{ quoteBillPayment: Quote }>(QUOTE, { productId: 1001, accountNumber: '  ' });
    expect(res.data!.quoteBillPayment).toMatchObject({
      __typename: 'InvalidInputError',
      field: ['accountNumber'],
    });
    expect(sandbox.control.calls('GET /v1.1/product/variable_value_payments/{product_id}')).toBe(before);
  });

  it('answers UpstreamUnavailableError when G&S is unavailable', async () => {
    const { product, account } = unpaidBill(sandbox);
    sandbox.control.faults.add({
      route: 'GET /v1.1/product/variable_value_payments/{product_id}',
      status: 503,
      body: { errors: [{ code: 1000503, message: 'Service unavailable' }] },
      times: 10,
    });
    try {
      const res = await t.gql<{ quoteBillPayment: Quote }>(QUOTE, {
        productId: product.productId,
        accountNumber: account.accountNumber,
      });
      expect(res.data!.quoteBillPayment).toMatchObject({
        __typename: 'UpstreamUnavailableError',
        code: 'UPSTREAM_UNAVAILABLE',
      });
    } finally {
      sandbox.control.faults.clear();
    }
  });

  it('refuses a key without the catalogue:read scope', async () => {
    const key = await t.createKey('acme', ['transactions:read']);
    const res = await t.gql(
      QUOTE,
      { productId: 1001, accountNumber: '1' },
      { authorization: `Bearer ${key}` },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('payBill', () => {
  it('simulates by default: the answer is complete and no balance moves', async () => {
    const { product, account } = unpaidBill(sandbox, (p) => p.localCurrency === 'XOF');
    const expected = expectedPrice(product, account);
    const totals = sandbox.control.ledger.totals(product.accountCurrency);
    const ledgerEntries = sandbox.control.ledger.entries().length;

    const result = await pay(payInput(product, account, { customFields: ['order-17'] }));

    expect(result.__typename).toBe('PayBillSuccess');
    const payment = result.billPayment;
    expect(payment).toMatchObject({
      simulation: true,
      status: '0',
      statusClass: 'COMPLETED',
      succeeded: true,
      productId: product.productId,
      accountNumber: account.accountNumber,
      accountHolderName: account.name,
    });
    expect(payment.externalId).toMatch(/^[1-9]\d{0,17}$/);
    exactly(payment.amountPaid, account.amountDue, product.localCurrency);
    exactly(payment.localValue, expected.localValue, product.localCurrency);
    exactly(payment.wholesalePrice, expected.wholesale, product.accountCurrency);
    exactly(payment.fee, expected.fee, product.accountCurrency);

    const [upstream] = paymentsAt(sandbox, payment.externalId);
    expect(upstream).toMatchObject({
      transaction_id: payment.upstreamId,
      simulation: 1,
      operator_reference: payment.operatorReference,
      custom_field_1: 'order-17',
      sender: expect.objectContaining({ mobile: '6012345678' }),
      recipient: expect.objectContaining({ mobile: '6012234345' }),
    });
    expect(sandbox.control.ledger.totals(product.accountCurrency)).toEqual(totals);
    expect(sandbox.control.ledger.entries()).toHaveLength(ledgerEntries);
    const again = await t.gql<{ quoteBillPayment: Quote }>(QUOTE, {
      productId: product.productId,
      accountNumber: account.accountNumber,
    });
    expect(again.data!.quoteBillPayment.__typename).toBe('BillQuote');
  });

  it('pays for real with simulation false: the balance drops by exactly wholesale price + fee', async () => {
    const { product, account } = unpaidBill(sandbox, (p) => p.localCurrency === 'PHP');
    const expected = expectedPrice(product, account);
    const before = new Decimal(sandbox.control.ledger.totals(product.accountCurrency).available);

    const result = await pay(
      payInput(product, account, {
        simulation: false,
        sender: { firstName: 'John', lastName: 'Delorm', email: 'john@example.com' },
        senderSms: { notify: true, text: 'Paid, thank you' },
      }),
    );

    expect(result.billPayment).toMatchObject({ simulation: false, status: '0', succeeded: true });
    const after = new Decimal(sandbox.control.ledger.totals(product.accountCurrency).available);
    expect(before.minus(after).equals(expected.debit)).toBe(true);
    const [upstream] = paymentsAt(sandbox, result.billPayment.externalId);
    expect(upstream).toMatchObject({
      simulation: 0,
      sender_sms_notification: 1,
      sender_sms_text: 'Paid, thank you',
      sender: expect.objectContaining({ first_name: 'John', email: 'john@example.com' }),
    });
    const paidNow = await t.gql<{ quoteBillPayment: Quote }>(QUOTE, {
      productId: product.productId,
      accountNumber: account.accountNumber,
    });
    expect(paidNow.data!.quoteBillPayment.__typename).toBe('BillAlreadyPaidError');
  });

  it('returns the first result for a replay of the same key, without a second payment upstream', async () => {
    const { product, account } = unpaidBill(sandbox);
    const input = payInput(product, account, { simulation: false });
    const first = await pay(input);
    const count = sandbox.control.gs.all().length;
    const available = sandbox.control.ledger.totals(product.accountCurrency).available;

    const second = await pay(input);

    expect(second).toEqual(first);
    expect(sandbox.control.gs.all()).toHaveLength(count);
    expect(sandbox.control.ledger.totals(product.accountCurrency).available).toBe(available);
  });

  it('answers IdempotencyConflictError for the same key with another input, and sends nothing', async () => {
    const { product, account } = unpaidBill(sandbox);
    const input = payInput(product, account);
    await pay(input);
    const count = sandbox.control.gs.all().length;

    const conflict = await pay({ ...input, simulation: false });

    expect(conflict).toMatchObject({
      __typename: 'IdempotencyConflictError',
      code: 'IDEMPOTENCY_CONFLICT',
      idempotencyKey: input.idempotencyKey,
    });
    expect(sandbox.control.gs.all()).toHaveLength(count);
  });

  it('recovers a payment whose answer was reset by looking it up by ext-, with exactly one payment', async () => {
    const { product, account } = unpaidBill(sandbox);
    const expected = expectedPrice(product, account);
    const before = new Decimal(sandbox.control.ledger.totals(product.accountCurrency).available);
    const lookups = sandbox.control.calls(LOOKUP_ROUTE);
    sandbox.control.faults.add({ route: PAYMENTS_ROUTE, resetAfterBytes: 10 });
    const input = payInput(product, account, { simulation: false });

    const result = await pay(input);

    expect(result.__typename).toBe('PayBillSuccess');
    expect(result.billPayment).toMatchObject({ status: '0', statusClass: 'COMPLETED', succeeded: true });
    expect(paymentsAt(sandbox, result.billPayment.externalId)).toHaveLength(1);
    expect(sandbox.control.calls(LOOKUP_ROUTE)).toBe(lookups + 1);
    const after = new Decimal(sandbox.control.ledger.totals(product.accountCurrency).available);
    expect(before.minus(after).equals(expected.debit)).toBe(true);
    const record = await t.gateway.store.getTransaction('acme', localId(result.billPayment.id));
    expect((await t.gateway.store.history(record!.id)).map((h) => h.source)).toEqual(['recovery']);

    const replay = await pay(input);
    expect(replay).toEqual(result);
    expect(paymentsAt(sandbox, result.billPayment.externalId)).toHaveLength(1);
  });

  it('answers PENDING when neither the payment nor its look-up gets an answer, and a replay settles it', async () => {
    const { product, account } = unpaidBill(sandbox);
    sandbox.control.faults.add({ route: PAYMENTS_ROUTE, resetAfterBytes: 10 });
    sandbox.control.faults.add({ route: LOOKUP_ROUTE, status: 503, body: { errors: [] }, times: 20 });
    const input = payInput(product, account, { simulation: false });

    let pending: PayResult;
    try {
      pending = await pay(input);
    } finally {
      sandbox.control.faults.clear();
    }

    expect(pending.billPayment).toMatchObject({
      statusClass: 'PENDING',
      status: null,
      succeeded: null,
      upstreamId: null,
      amountPaid: null,
      simulation: false,
    });
    const settled = await pay(input);
    expect(settled.billPayment).toMatchObject({
      id: pending.billPayment.id,
      statusClass: 'COMPLETED',
      status: '0',
      succeeded: true,
    });
    expect(paymentsAt(sandbox, pending.billPayment.externalId)).toHaveLength(1);
  });

  it('settles, for a reconciler, an intent G&S never got as NOT_SENT and a lost answer from G&S', async () => {
    const { product, account } = unpaidBill(sandbox);
    const store = t.gateway.store;
    const gs = createGsClient({
      baseUrl: `${sandbox.url}/v1.1`,
      apiKey: sandbox.credentials.gs.apiKey,
      apiSecret: sandbox.credentials.gs.apiSecret,
    });
    const service = createBillPaymentService({
      store,
      accounts: singleAccount({ id: 'test', isDefault: true, client: gs }),
    });
    const intent = (key: string) =>
      store.insertIntent({
        id: randomUUID(),
        tenantId: 'acme',
        api: 'GS',
        idempotencyKey: key,
        fingerprint: 'f',
        externalId: deriveGsExternalId('acme', key),
        productId: product.productId,
        productSnapshot: '{}',
        request: '{}',
        callbackTokenHash: 'h',
      });
    try {
      const { record: neverSent } = await intent(randomUUID());
      expect(await service.settle(neverSent)).toMatchObject({ phase: 'FAILED', errorCode: 'NOT_SENT' });

      const { record: lost } = await intent(randomUUID());
      const paidUpstream = await gs.payVariableValue({
        productId: product.productId,
        accountNumber: account.accountNumber,
        externalId: lost.externalId,
        sender: { mobile: '6012345678' },
        recipient: { mobile: '6012234345' },
      });
      const settled = await service.settle(lost);
      expect(settled).toMatchObject({
        phase: 'SENT',
        statusClass: 'COMPLETED',
        upstreamId: paidUpstream.transaction_id,
        nextPollAt: null,
      });
    } finally {
      await gs.close();
    }
  });

  it('answers the typed refusals of G&S: already paid, unknown account, unknown product', async () => {
    const paid = sandbox.catalogue.gsAccounts.find((a) => a.accountNumber.endsWith('000'))!;
    const product = sandbox.catalogue.byId.gsProduct.get(paid.productId)!;
    const count = sandbox.control.gs.all().length;

    const alreadyPaid = await pay(payInput(product, paid));
    const unknownAccount = await pay(payInput(product, { ...paid, accountNumber: '999999999999999' }));
    const unknownProduct = await pay({ ...payInput(product, paid), productId: 999_999 });

    expect(alreadyPaid.__typename).toBe('BillAlreadyPaidError');
    expect(unknownAccount.__typename).toBe('AccountNumberInvalidError');
    expect(unknownProduct.__typename).toBe('ProductUnavailableError');
    expect(sandbox.control.gs.all()).toHaveLength(count);
  });

  it('refuses an SMS text over 30 characters and more than three custom fields', async () => {
    const { product, account } = unpaidBill(sandbox);
    const longSms = await pay(payInput(product, account, { recipientSms: { text: 'x'.repeat(31) } }));
    const manyFields = await pay(payInput(product, account, { customFields: ['a', 'b', 'c', 'd'] }));
    expect(longSms).toMatchObject({ __typename: 'InvalidInputError', field: ['recipientSms', 'text'] });
    expect(manyFields).toMatchObject({ __typename: 'InvalidInputError', field: ['customFields'] });
  });

  it('answers InsufficientBalanceError when the account cannot cover the bill, and the same on replay', async () => {
    const own = await startGateway();
    const { product, account } = unpaidBill(own.sandbox);
    own.sandbox.control.ledger.set(product.accountCurrency, '0.01');
    const input = payInput(product, account, { simulation: false });

    const first = await pay(input, own);
    const replay = await pay(input, own);

    expect(first).toMatchObject({ __typename: 'InsufficientBalanceError', code: 'INSUFFICIENT_BALANCE' });
    expect(replay).toEqual(first);
    expect(own.sandbox.control.gs.all()).toHaveLength(0);
    expect(own.sandbox.control.calls(PAYMENTS_ROUTE)).toBe(1);
  });
});

describe('G&S wiring', () => {
  it('quotes and pays bills against the built-in sandbox in embedded mode', async () => {
    const embedded = await startEmbeddedGateway();
    const { product, account } = unpaidBill(embedded.sandbox);

    const quote = await embedded.gql<{ quoteBillPayment: Quote }>(QUOTE, {
      productId: product.productId,
      accountNumber: account.accountNumber,
    });
    const paid = await pay(payInput(product, account), embedded);

    expect(quote.data!.quoteBillPayment.__typename).toBe('BillQuote');
    expect(paid.billPayment).toMatchObject({ status: '0', simulation: true });
    expect(paymentsAt(embedded.sandbox, paid.billPayment.externalId)).toHaveLength(1);
  });

  it('answers UPSTREAM_UNAVAILABLE naming the missing settings when live mode has no G&S credentials', async () => {
    const noGs = await startGateway({ env: { DTONE_GS_API_KEY: '', DTONE_GS_API_SECRET: '' } });

    const res = await noGs.gql(QUOTE, { productId: 1001, accountNumber: '1234' });

    expect(res.data).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(res.errors?.[0]?.message).toContain('DTONE_GS_API_KEY');
  });
});

describe('billPayment', () => {
  it('reads the caller’s own payment back as payBill answered it', async () => {
    const { product, account } = unpaidBill(sandbox);
    const { billPayment } = await pay(payInput(product, account));

    const res = await t.gql<{ billPayment: BillPayment }>(GET, { id: billPayment.id });

    expect(res.data!.billPayment).toEqual(billPayment);
  });

  it('answers another tenant’s id exactly like a missing one', async () => {
    const { product, account } = unpaidBill(sandbox);
    const { billPayment } = await pay(payInput(product, account));
    const other = await t.createKey('globex');
    const missingId = Buffer.from(`BillPayment:${randomUUID()}`).toString('base64');

    const foreign = await t.gql(GET, { id: billPayment.id }, { authorization: `Bearer ${other}` });
    const missing = await t.gql(GET, { id: missingId }, { authorization: `Bearer ${other}` });

    expect(foreign.data).toEqual(missing.data);
    expect(foreign.errors?.map((e) => [e.message, e.extensions?.code])).toEqual(
      missing.errors?.map((e) => [e.message, e.extensions?.code]),
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('TRANSACTION_NOT_FOUND');
  });
});

function localId(globalId: string): string {
  return Buffer.from(globalId, 'base64')
    .toString('utf8')
    .replace(/^BillPayment:/, '');
}

describe('payBill against a spend cap', () => {
  it('refuses the payment that would pass the tenant’s daily cap with SpendLimitExceededError, sending nothing', async () => {
    const own = await startGateway();
    const first = unpaidBill(own.sandbox);
    const { debit } = expectedPrice(first.product, first.account);
    const unit = first.product.accountCurrency;
    const daily = debit.toFixed();
    await own.gateway.store.setSpendCap({
      tenantId: 'acme',
      unit,
      daily,
      dailyMicros: BigInt(debit.times(1_000_000).toFixed(0, Decimal.ROUND_UP)),
    });
    expect((await pay(payInput(first.product, first.account), own)).__typename).toBe('PayBillSuccess');
    const second = unpaidBill(own.sandbox, (p) => p.accountCurrency === unit);
    const before = own.sandbox.control.gs.all().length;
    const res = await own.gql<{ payBill: PayResult & { cap?: MoneyOut; spent?: MoneyOut } }>(
      PAY.replace(
        '... on Error { code message }',
        '... on Error { code message } ... on SpendLimitExceededError { cap { amount unit } spent { amount unit } }',
      ),
      { input: payInput(second.product, second.account) },
    );
    const refused = res.data!.payBill;
    expect(refused.__typename).toBe('SpendLimitExceededError');
    expect(refused.code).toBe('SPEND_LIMIT_EXCEEDED');
    exactly(refused.cap, debit, unit);
    exactly(refused.spent, debit, unit);
    expect(own.sandbox.control.gs.all()).toHaveLength(before);
  });
});
