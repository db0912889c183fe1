import type { GatewayContext } from '../context.js';
import { AmountRejectedError, type CreateTransactionInput } from '../transactions/dvs-request.js';
import {
  IdempotencyConflictError,
  InsufficientBalanceError,
  InvalidInputError,
  InvalidStateError,
  ProductUnavailableError,
  RateLimitedError,
  SpendLimitExceededError,
  TransactionNotFoundError,
  UpstreamUnavailableError,
} from '../transactions/errors.js';
import { OWN_RESULT, TRANSACTIONS_WRITE, tenantOf } from './auth.js';
import { builder } from './builder.js';
import {
  AmountOutOfRangeError,
  CalculationModeNotAcceptedError,
  ErrorInterfaceRef,
  InvalidAmountError,
} from './errors.js';
import { MoneyRef } from './money.js';
import { CalculationModeEnum } from './product-details.js';
import { quoteFailureError } from './quote.js';
import { TransactionRef } from './transaction.js';

builder.objectType(InvalidInputError, {
  name: 'InvalidInputError',
  interfaces: [ErrorInterfaceRef],
  description: 'An input field is missing or wrong; `field` is its path in the input.',
  fields: (t) => ({ field: t.stringList({ resolve: (e) => e.field }) }),
});
builder.objectType(ProductUnavailableError, {
  name: 'ProductUnavailableError',
  interfaces: [ErrorInterfaceRef],
  fields: (t) => ({ productId: t.exposeInt('productId') }),
});
builder.objectType(InsufficientBalanceError, {
  name: 'InsufficientBalanceError',
  interfaces: [ErrorInterfaceRef],
  description: "The DT One account's balance cannot cover the wholesale price and fee.",
  fields: () => ({}),
});
builder.objectType(IdempotencyConflictError, {
  name: 'IdempotencyConflictError',
  interfaces: [ErrorInterfaceRef],
  description: 'The idempotency key was used before with a different input: nothing was sent.',
  fields: (t) => ({ idempotencyKey: t.exposeString('idempotencyKey') }),
});
builder.objectType(TransactionNotFoundError, {
  name: 'TransactionNotFoundError',
  interfaces: [ErrorInterfaceRef],
  fields: (t) => ({ id: t.exposeString('id') }),
});
const InvalidStateReasonEnum = builder.enumType('InvalidStateReason', {
  values: [
    'ALREADY_CONFIRMED',
    'ALREADY_CANCELLED',
    'EXPIRED',
    'NOT_CONFIRMABLE',
    'NOT_CANCELLABLE',
    'OUTCOME_PENDING',
  ] as const,
});
builder.objectType(InvalidStateError, {
  name: 'InvalidStateError',
  interfaces: [ErrorInterfaceRef],
  description:
    'The transaction cannot do that in its state; `transaction` is its state now, re-read from DT One.',
  fields: (t) => ({
    reason: t.field({ type: InvalidStateReasonEnum, resolve: (e) => e.reason }),
    transaction: t.field({ type: TransactionRef, resolve: (e) => e.transaction }),
  }),
});
builder.objectType(RateLimitedError, {
  name: 'RateLimitedError',
  interfaces: [ErrorInterfaceRef],
  fields: (t) => ({ retryAfterSeconds: t.int({ nullable: true, resolve: (e) => e.retryAfterSeconds }) }),
});
builder.objectType(SpendLimitExceededError, {
  name: 'SpendLimitExceededError',
  interfaces: [ErrorInterfaceRef],
  description:
    "The transaction would take the tenant's spend today (UTC) past its daily cap in that currency. Nothing was sent; " +
    'the spend counts the wholesale price and fee of every transaction of the day that was not rejected, cancelled, ' +
    'declined or reversed.',
  fields: (t) => ({
    cap: t.field({ type: MoneyRef, resolve: (e) => e.cap }),
    spent: t.field({
      type: MoneyRef,
      resolve: (e) => e.spent,
      description: 'Spent today before this transaction.',
    }),
    requested: t.field({
      type: MoneyRef,
      resolve: (e) => e.requested,
      description: 'What this transaction costs.',
    }),
  }),
});
builder.objectType(UpstreamUnavailableError, {
  name: 'UpstreamUnavailableError',
  interfaces: [ErrorInterfaceRef],
  description: 'DT One did not take the request. Retrying with the same idempotency key is safe.',
  fields: () => ({}),
});

const PartyIdentifierInputRef = builder.inputType('PartyIdentifierInput', {
  fields: (t) => ({
    mobileNumber: t.field({ type: 'PhoneNumber' }),
    accountNumber: t.string(),
    accountQualifier: t.string(),
  }),
});

const PersonInputRef = builder.inputType('PersonInput', {
  fields: (t) => ({
    firstName: t.string(),
    middleName: t.string(),
    lastName: t.string(),
    nationalityCountryIsoCode: t.field({ type: 'CountryCode' }),
    mobileNumber: t.field({ type: 'PhoneNumber' }),
    email: t.string(),
    addressText: t.string(),
    addressCity: t.string(),
    addressCountryIsoCode: t.field({ type: 'CountryCode' }),
    addressPostalCode: t.string(),
  }),
});

const StatementInputRef = builder.inputType('StatementIdentifierInput', {
  fields: (t) => ({ reference: t.string({ required: true }), dueDate: t.string() }),
});

const TransactionModeEnum = builder.enumType('TransactionMode', {
  description:
    'ASYNC answers at once (watch the transaction settle); SYNC waits a capped time for a final status.',
  values: ['ASYNC', 'SYNC'] as const,
});

const CreateTransactionInputRef = builder.inputType('CreateTransactionInput', {
  fields: (t) => ({
    idempotencyKey: t.string({
      required: true,
      description: 'Your key for this purchase (1–255 of A-Z a-z 0-9 _ -). Replays return the first result.',
    }),
    productId: t.int({ required: true }),
    creditParty: t.field({ type: PartyIdentifierInputRef, description: 'Who receives the value.' }),
    debitParty: t.field({ type: PartyIdentifierInputRef }),
    sender: t.field({ type: PersonInputRef }),
    beneficiary: t.field({ type: PersonInputRef }),
    statement: t.field({ type: StatementInputRef }),
    purchaserId: t.string(),
    amount: t.field({
      type: 'Decimal',
      description: 'Ranged products: the amount on the side `calculationMode` names.',
    }),
    calculationMode: t.field({ type: CalculationModeEnum }),
    autoConfirm: t.boolean({
      defaultValue: false,
      description: 'Confirm at once (no separate confirmTransaction).',
    }),
    mode: t.field({ type: TransactionModeEnum, defaultValue: 'ASYNC' }),
  }),
});

const IdInputRef = builder.inputType('TransactionIdInput', {
  fields: (t) => ({
    id: t.id({ required: true, description: 'The transaction id (as returned by createTransaction).' }),
  }),
});

function rethrowAmount(error: unknown): never {
  if (error instanceof AmountRejectedError) throw quoteFailureError(error.failure);
  throw error;
}

function localId(globalId: string): string {
  try {
    const decoded = Buffer.from(globalId, 'base64').toString('utf8');
    return decoded.startsWith('Transaction:') ? decoded.slice('Transaction:'.length) : globalId;
  } catch {
    return globalId;
  }
}

builder.mutationType({
  description: 'Moving money: one `input` argument each, results as typed unions.',
  authScopes: TRANSACTIONS_WRITE,
});

builder.mutationFields((t) => ({
  createTransaction: t.field({
    type: TransactionRef,
    description:
      'Creates a DT One transaction. Safe to retry with the same idempotencyKey: the first result comes back. An ' +
      'unknown outcome (timeout) is not an error: the transaction comes back PENDING and settles later.',
    args: { input: t.arg({ type: CreateTransactionInputRef, required: true }) },
    authScopes: TRANSACTIONS_WRITE,
    grantScopes: [OWN_RESULT],
    errors: {
      types: [
        InvalidInputError,
        ProductUnavailableError,
        AmountOutOfRangeError,
        CalculationModeNotAcceptedError,
        InvalidAmountError,
        InsufficientBalanceError,
        IdempotencyConflictError,
        SpendLimitExceededError,
        RateLimitedError,
        UpstreamUnavailableError,
      ],
      union: { name: 'CreateTransactionResult' },
      result: { name: 'CreateTransactionSuccess' },
      dataField: { name: 'transaction' },
    },
    resolve: (_root, { input }, ctx: GatewayContext) => {
      return ctx.transactions.create(tenantOf(ctx), input as CreateTransactionInput).catch(rethrowAmount);
    },
  }),
  confirmTransaction: t.field({
    type: TransactionRef,
    args: { input: t.arg({ type: IdInputRef, required: true }) },
    authScopes: TRANSACTIONS_WRITE,
    grantScopes: [OWN_RESULT],
    errors: {
      types: [TransactionNotFoundError, InvalidStateError, RateLimitedError, UpstreamUnavailableError],
      union: { name: 'ConfirmTransactionResult' },
      result: { name: 'ConfirmTransactionSuccess' },
      dataField: { name: 'transaction' },
    },
    resolve: (_root, { input }, ctx) => ctx.transactions.confirm(tenantOf(ctx), localId(String(input.id))),
  }),
  cancelTransaction: t.field({
    type: TransactionRef,
    args: { input: t.arg({ type: IdInputRef, required: true }) },
    authScopes: TRANSACTIONS_WRITE,
    grantScopes: [OWN_RESULT],
    errors: {
      types: [TransactionNotFoundError, InvalidStateError, RateLimitedError, UpstreamUnavailableError],
      union: { name: 'CancelTransactionResult' },
      result: { name: 'CancelTransactionSuccess' },
      dataField: { name: 'transaction' },
    },
    resolve: (_root, { input }, ctx) => ctx.transactions.cancel(tenantOf(ctx), localId(String(input.id))),
  }),
}));
