import { GraphQLError } from 'graphql';
import { ErrorCode } from '../error-registry.js';
import { lastUpdate, transactionUpdates } from '../subscriptions/transaction-updates.js';
import { TRANSACTIONS_READ, tenantOf } from './auth.js';
import { builder } from './builder.js';
import { TransactionRef } from './transaction.js';

builder.subscriptionType({ description: 'Live updates, over graphql-ws or server-sent events.' });

builder.subscriptionFields((t) => ({
  transactionUpdated: t.field({
    type: TransactionRef,
    description:
      "One of the caller's transactions: its current state first, then each status change once, in order " +
      '(CREATED → CONFIRMED → SUBMITTED → COMPLETED or DECLINED), then the subscription completes. ' +
      'With `followReversal`, a COMPLETED transaction is watched on until DT One reverses it.',
    args: {
      followReversal: t.arg.boolean({
        defaultValue: false,
        required: true,
        description:
          'Keep watching past COMPLETED, for a later REVERSED (rare: DT One reverses days later, if ever); ' +
          'the subscription completes at REVERSED or when the client ends it.',
      }),
      id: t.arg.globalID({ for: TransactionRef, description: 'The transaction id.' }),
      idempotencyKey: t.arg.string({ description: 'Or the idempotency key it was created with.' }),
    },
    authScopes: TRANSACTIONS_READ,
    subscribe: (_root, args, ctx) => {
      const tenantId = tenantOf(ctx);
      if (!args.id === !args.idempotencyKey) {
        throw new GraphQLError('Give exactly one of id and idempotencyKey', {
          extensions: { code: ErrorCode.BAD_USER_INPUT },
        });
      }
      const find = args.id
        ? () => ctx.transactions.get(tenantId, args.id!.id)
        : () => ctx.transactions.findByIdempotencyKey(tenantId, args.idempotencyKey!);
      return transactionUpdates(ctx, tenantId, find, lastUpdate(args.followReversal));
    },
    resolve: (record) => record,
  }),
}));
