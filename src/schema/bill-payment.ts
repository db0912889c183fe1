import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context.js';
import type { GsPayment } from '../datasources/gs/schemas.js';
import { ErrorCode } from '../errors.js';
import type { WireNumber } from '../money/json.js';
import { Money } from '../money/money.js';
import type { TransactionRecord } from '../store/types.js';
import {
  type BillPaymentService,
  BillPaymentsUnavailableError,
  type BillQuote,
  paymentOf,
} from '../transactions/bill-payments.js';
import {
  AccountNumberInvalidError,
  BillAlreadyPaidError,
  IdempotencyConflictError,
  InsufficientBalanceError,
  InvalidInputError,
  ProductUnavailableError,
  RateLimitedError,
  SpendLimitExceededError,
  UpstreamUnavailableError,
} from '../transactions/errors.js';
import { type PayBillInput, requestOf } from '../transactions/gs-request.js';
import {
  CATALOGUE,
  OWN_RECORD,
  OWN_RESULT,
  TRANSACTIONS_READ,
  TRANSACTIONS_WRITE,
  tenantOf,
} from './auth.js';
import { PayBillInputRef } from './bill-payment-input.js';
import { builder } from './builder.js';
import { ErrorInterfaceRef } from './errors.js';
import { MoneyRef } from './money.js';
import { TransactionStatusClassEnum } from './transaction.js';
// Registers the shared error types (InvalidInputError, ProductUnavailableError, …) this file's unions reuse.
import './transaction-mutations.js';

declare module '../context.js' {
  interface GatewayContext {
    /** Bill payments over DT One's Goods & Services API. */
    billPayments: BillPaymentService;
  }
}

builder.objectType(AccountNumberInvalidError, {
  name: 'AccountNumberInvalidError',
  interfaces: [ErrorInterfaceRef],
  description: 'The biller does not know this account number (G&S 1000204): check it with the customer.',
  fields: (t) => ({ productId: t.exposeInt('productId') }),
});

builder.objectType(BillAlreadyPaidError, {
  name: 'BillAlreadyPaidError',
  interfaces: [ErrorInterfaceRef],
  description: 'The bill has nothing left to pay (G&S 1000212): nothing was charged.',
  fields: (t) => ({ productId: t.exposeInt('productId') }),
});

const BillQuoteRef = builder.objectRef<BillQuote>('BillQuote').implement({
  authScopes: CATALOGUE,
  description:
    'What paying a bill in full costs now, as Goods & Services quotes it. Bills are paid in full: the amount is ' +
    'not chosen.',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'amountDue' in value,
  fields: (t) => ({
    productId: t.exposeInt('productId'),
    accountNumber: t.exposeString('accountNumber'),
    accountHolderName: t.string({
      nullable: true,
      description: "The account holder's name as the biller knows it.",
      resolve: (q) => q.accountHolderName,
    }),
    amountDue: t.field({
      type: MoneyRef,
      description: 'What the bill asks for (local currency).',
      resolve: (q) => q.amountDue,
    }),
    paymentFee: t.field({
      type: MoneyRef,
      nullable: true,
      description: "The biller's own fee for the payment (local currency).",
      resolve: (q) => q.paymentFee,
    }),
    localValue: t.field({
      type: MoneyRef,
      description: 'Amount due plus payment fee (local currency).',
      resolve: (q) => q.localValue,
    }),
    wholesalePrice: t.field({
      type: MoneyRef,
      description: 'What the account is charged, before the fee (account currency).',
      resolve: (q) => q.wholesalePrice,
    }),
    retailPrice: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'The suggested retail price (account currency).',
      resolve: (q) => q.retailPrice,
    }),
    fee: t.field({
      type: MoneyRef,
      nullable: true,
      description: "DT One's fee on top of the wholesale price (account currency).",
      resolve: (q) => q.fee,
    }),
  }),
});

const money = (amount: WireNumber | null | undefined, unit: string | null | undefined): Money | null =>
  amount === null || amount === undefined || !unit ? null : Money.fromWire(amount, unit);

const paid = <T>(record: TransactionRecord, read: (payment: GsPayment) => T): T | null => {
  const payment = paymentOf(record);
  return payment ? read(payment) : null;
};

export const BillPaymentRef = builder.objectRef<TransactionRecord>('BillPayment');

builder.node(BillPaymentRef, {
  description:
    'A bill paid through Goods & Services by this gateway. Its amounts and status are null while the outcome ' +
    'is unknown (PENDING); a later read of the same idempotency key looks it up again.',
  authScopes: OWN_RECORD,
  id: { resolve: (r) => r.id },
  loadOne: async (id, ctx) => {
    const record = await ctx.billPayments.get(tenantOf(ctx), id);
    return record ? { ...record } : null;
  },
  fields: (t) => ({
    idempotencyKey: t.exposeString('idempotencyKey'),
    externalId: t.exposeString('externalId', {
      description: 'The numeric external_id sent to G&S, derived from the idempotency key.',
    }),
    upstreamId: t.string({
      nullable: true,
      description: "G&S's transaction id.",
      resolve: (r) => r.upstreamId,
    }),
    simulation: t.boolean({
      description: 'True when G&S only simulated the payment: nothing was charged or paid.',
      resolve: (r) => paid(r, (p) => p.simulation) ?? requestOf(r).simulation,
    }),
    status: t.string({
      nullable: true,
      description: 'G&S\'s status: "0" is success, anything else a failure; null while unknown.',
      resolve: (r) => paid(r, (p) => p.status),
    }),
    statusMessage: t.string({ nullable: true, resolve: (r) => paid(r, (p) => p.status_message ?? null) }),
    statusClass: t.field({
      type: TransactionStatusClassEnum,
      description: 'COMPLETED when the status is "0", DECLINED for any other, PENDING while unknown.',
      resolve: (r) => r.statusClass as typeof TransactionStatusClassEnum.$inferType,
    }),
    succeeded: t.boolean({
      nullable: true,
      description: 'Whether the bill was paid (or the simulation succeeded); null while unknown.',
      resolve: (r) => paid(r, (p) => p.status === '0'),
    }),
    productId: t.exposeInt('productId'),
    accountNumber: t.string({
      resolve: (r) => paid(r, (p) => p.account_number) ?? requestOf(r).accountNumber,
    }),
    accountHolderName: t.string({ nullable: true, resolve: (r) => paid(r, (p) => p.payment?.name ?? null) }),
    amountPaid: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'The bill amount paid (local currency).',
      resolve: (r) => paid(r, (p) => money(p.payment?.amount, p.payment?.currency)),
    }),
    localValue: t.field({
      type: MoneyRef,
      nullable: true,
      description: "The bill amount plus the biller's payment fee (local currency).",
      resolve: (r) => paid(r, (p) => money(p.local_value, p.local_currency)),
    }),
    wholesalePrice: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'What the account was charged, before the fee (account currency).',
      resolve: (r) => paid(r, (p) => money(p.wholesale_price, p.account_currency)),
    }),
    fee: t.field({
      type: MoneyRef,
      nullable: true,
      description: "DT One's fee on top of the wholesale price (account currency).",
      resolve: (r) => paid(r, (p) => money(p.fee, p.account_currency)),
    }),
    operatorReference: t.string({
      nullable: true,
      description: "The biller's reference for the payment.",
      resolve: (r) => paid(r, (p) => p.operator_reference ?? null),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (r) => r.createdAt }),
  }),
});

function unavailable(error: unknown): never {
  if (error instanceof BillPaymentsUnavailableError) {
    throw new GraphQLError(error.message, { extensions: { code: ErrorCode.UPSTREAM_UNAVAILABLE } });
  }
  throw error;
}

builder.queryFields((t) => ({
  quoteBillPayment: t.field({
    type: BillQuoteRef,
    description:
      'What paying a bill in full costs now, without paying it; expected failures are typed results.',
    args: {
      productId: t.arg.int({ required: true, description: 'The G&S bill-payment product.' }),
      accountNumber: t.arg.string({ required: true }),
    },
    errors: {
      types: [
        InvalidInputError,
        ProductUnavailableError,
        AccountNumberInvalidError,
        BillAlreadyPaidError,
        RateLimitedError,
        UpstreamUnavailableError,
      ],
      directResult: true,
      union: { name: 'QuoteBillPaymentResult' },
    },
    authScopes: CATALOGUE,
    resolve: (_root, { productId, accountNumber }, ctx: GatewayContext) =>
      ctx.billPayments.quote(ctx.caller.tenantId, productId, accountNumber).catch(unavailable),
  }),
  billPayment: t.field({
    type: BillPaymentRef,
    nullable: true,
    description: "One of the caller's bill payments; another tenant's id answers exactly like a missing one.",
    args: { id: t.arg.globalID({ required: true, for: BillPaymentRef }) },
    skipTypeScopes: true,
    authScopes: TRANSACTIONS_READ,
    resolve: async (_root, { id }, ctx) => {
      const record = await ctx.billPayments.get(tenantOf(ctx), id.id);
      if (!record)
        throw new GraphQLError('Bill payment was not found', {
          extensions: { code: ErrorCode.TRANSACTION_NOT_FOUND },
        });
      return record;
    },
  }),
}));

builder.mutationFields((t) => ({
  payBill: t.field({
    type: BillPaymentRef,
    description:
      'Pays a bill in full through Goods & Services (a simulation unless `simulation: false`). Safe to retry with ' +
      'the same idempotencyKey: the first result comes back. A lost answer is not an error: the payment comes ' +
      'back PENDING and is looked up, never sent twice.',
    args: { input: t.arg({ type: PayBillInputRef, required: true }) },
    errors: {
      types: [
        InvalidInputError,
        ProductUnavailableError,
        AccountNumberInvalidError,
        BillAlreadyPaidError,
        InsufficientBalanceError,
        IdempotencyConflictError,
        SpendLimitExceededError,
        RateLimitedError,
        UpstreamUnavailableError,
      ],
      union: { name: 'PayBillResult' },
      result: { name: 'PayBillSuccess' },
      dataField: { name: 'billPayment' },
    },
    authScopes: TRANSACTIONS_WRITE,
    grantScopes: [OWN_RESULT],
    resolve: (_root, { input }, ctx) =>
      ctx.billPayments.pay(tenantOf(ctx), input as PayBillInput).catch(unavailable),
  }),
}));
