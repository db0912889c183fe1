import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors.js';
import type { StatusHistoryEntry, TransactionRecord } from '../store/types.js';
import { isFinal } from '../transactions/state.js';
import { transactionView } from '../transactions/transaction-view.js';
import { OWN_RECORD, PINS, TRANSACTIONS_READ, tenantOf } from './auth.js';
import { builder } from './builder.js';
import { windowConnection } from './connection.js';
import { MoneyRef } from './money.js';
import { ProductRef } from './refs.js';

export const TransactionStatusClassEnum = builder.enumType('TransactionStatusClass', {
  description: "DT One's status classes, plus PENDING: sent, outcome not known yet (it settles on its own).",
  values: [
    'PENDING',
    'CREATED',
    'CONFIRMED',
    'REJECTED',
    'CANCELLED',
    'SUBMITTED',
    'COMPLETED',
    'REVERSED',
    'DECLINED',
  ] as const,
});

type StatusClassValue = typeof TransactionStatusClassEnum.$inferType;

const PinRef = builder.objectRef<{ code: string | null; serial: string | null }>('Pin').implement({
  description: 'The PIN a PIN purchase delivered: bearer value, shown only to the owning tenant (pins:read).',
  authScopes: PINS,
  fields: (t) => ({
    code: t.string({ nullable: true, resolve: (p) => p.code }),
    serial: t.string({ nullable: true, resolve: (p) => p.serial }),
  }),
});

const StatusChangeRef = builder.objectRef<StatusHistoryEntry>('TransactionStatusChange').implement({
  fields: (t) => ({
    status: t.exposeString('status'),
    statusClass: t.field({
      type: TransactionStatusClassEnum,
      resolve: (h) => h.statusClass as StatusClassValue,
    }),
    source: t.exposeString('source', {
      description: 'What told the gateway: create, confirm, cancel, callback, poll, recovery.',
    }),
    at: t.field({ type: 'DateTime', resolve: (h) => h.at }),
  }),
});

export const TransactionRef = builder.objectRef<TransactionRecord>('Transaction');

builder.node(TransactionRef, {
  description:
    'A top-up, bundle, PIN or bill payment sent to DT One through this gateway, as the gateway knows it.',
  authScopes: OWN_RECORD,
  id: { resolve: (r) => r.id },
  loadOne: async (id, ctx) => {
    const record = await ctx.transactions.get(tenantOf(ctx), id);
    return record?.api === 'DVS' ? { ...record } : null;
  },
  fields: (t) => ({
    idempotencyKey: t.exposeString('idempotencyKey'),
    externalId: t.exposeString('externalId', {
      description: "DT One's external_id, derived from the idempotency key.",
    }),
    upstreamId: t.string({
      nullable: true,
      description: "DT One's transaction id.",
      resolve: (r) => r.upstreamId,
    }),
    status: t.exposeString('status', {
      description: 'DT One\'s status, e.g. "DECLINED-INVALID-CREDIT-PARTY".',
    }),
    statusClass: t.field({
      type: TransactionStatusClassEnum,
      resolve: (r) => r.statusClass as StatusClassValue,
    }),
    final: t.boolean({ resolve: (r) => isFinal(r.statusClass) }),
    needsReview: t.exposeBoolean('needsReview'),
    productId: t.exposeInt('productId'),
    product: t.field({
      type: ProductRef,
      nullable: true,
      description:
        'The product as it was when the transaction was created; null (with FORBIDDEN) for a key without ' +
        'catalogue:read, which still sees the rest of the transaction.',
      resolve: (r) => ({ data: transactionView(r).product, language: undefined }),
    }),
    source: t.field({
      type: MoneyRef,
      nullable: true,
      resolve: (r) => transactionView(r).source,
    }),
    destination: t.field({
      type: MoneyRef,
      nullable: true,
      resolve: (r) => transactionView(r).destination,
    }),
    wholesalePrice: t.field({
      type: MoneyRef,
      nullable: true,
      resolve: (r) => transactionView(r).wholesalePrice,
    }),
    fee: t.field({
      type: MoneyRef,
      nullable: true,
      resolve: (r) => transactionView(r).fee,
    }),
    retailPrice: t.field({
      type: MoneyRef,
      nullable: true,
      resolve: (r) => transactionView(r).retailPrice,
    }),
    pin: t.field({
      type: PinRef,
      nullable: true,
      authScopes: PINS,
      resolve: (r, _args, ctx) => ctx.transactions.readPin(r, ctx.caller),
    }),
    operatorReference: t.string({
      nullable: true,
      resolve: (r) => transactionView(r).operatorReference,
    }),
    confirmationExpiresAt: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (r) => transactionView(r).confirmationExpiresAt,
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (r) => r.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (r) => r.updatedAt }),
    history: t.field({
      type: [StatusChangeRef],
      description: 'Every status the gateway recorded, oldest first.',
      resolve: (r, _args, ctx) => ctx.transactions.history(r.id),
    }),
  }),
});

const TransactionFilterRef = builder.inputType('TransactionFilter', {
  fields: (t) => ({
    statusClass: t.field({ type: TransactionStatusClassEnum }),
    productId: t.int(),
    createdAfter: t.field({ type: 'DateTime' }),
    createdBefore: t.field({ type: 'DateTime' }),
  }),
});

builder.queryFields((t) => ({
  transaction: t.field({
    type: TransactionRef,
    nullable: true,
    description: "One of the caller's transactions; another tenant's id answers exactly like a missing one.",
    args: { id: t.arg.globalID({ required: true, for: TransactionRef }) },
    skipTypeScopes: true,
    authScopes: TRANSACTIONS_READ,
    resolve: async (_root, { id }, ctx) => {
      const record = await ctx.transactions.get(tenantOf(ctx), id.id);
      if (!record)
        throw new GraphQLError('Transaction was not found', {
          extensions: { code: ErrorCode.TRANSACTION_NOT_FOUND },
        });
      return record;
    },
  }),
  transactions: t.connection(
    {
      type: TransactionRef,
      description: "The caller's transactions, newest first.",
      args: { filter: t.arg({ type: TransactionFilterRef }) },
      skipTypeScopes: true,
      authScopes: TRANSACTIONS_READ,
      resolve: (_root, args, ctx) => {
        const tenantId = tenantOf(ctx);
        return windowConnection(args, (offset, limit) =>
          ctx.transactions.list(
            {
              tenantId,
              api: 'DVS',
              ...(args.filter?.statusClass && { statusClass: args.filter.statusClass }),
              ...(args.filter?.productId != null && { productId: args.filter.productId }),
              ...(args.filter?.createdAfter && { createdAfter: args.filter.createdAfter }),
              ...(args.filter?.createdBefore && { createdBefore: args.filter.createdBefore }),
            },
            { offset, limit },
          ),
        );
      },
    },
    { fields: (c) => ({ totalCount: c.int({ resolve: (conn) => conn.totalCount }) }) },
  ),
}));
