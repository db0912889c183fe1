import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context.js';
import type { TransactionRecord } from '../store/types.js';
import { builder } from './builder.js';
import { requireScope, TransactionRef } from './transaction.js';

/**
 * The transaction as it stands, then once per recorded status change, in order: the store is the truth; pub/sub
 * only wakes this loop up, so a subscriber that reconnects gets the current state first and misses nothing.
 */
async function* updates(
  ctx: GatewayContext,
  tenantId: string,
  find: () => Promise<TransactionRecord | undefined>,
) {
  const abort = new AbortController();
  const first = await find();
  if (!first) {
    throw new GraphQLError('Transaction was not found', { extensions: { code: 'NOT_FOUND' } });
  }
  // Listen before reading the history, so a change between the two is not lost.
  const wakeUps = ctx.pubsub.subscribe(first.id, abort.signal)[Symbol.asyncIterator]();
  try {
    let history = await ctx.transactions.history(first.id);
    let seen = history.length;
    yield first;
    for (;;) {
      const next = await wakeUps.next();
      if (next.done) return;
      const record = await ctx.transactions.get(tenantId, first.id);
      if (!record) return;
      history = await ctx.transactions.history(first.id);
      for (const entry of history.slice(seen)) {
        yield { ...record, status: entry.status, statusClass: entry.statusClass, updatedAt: entry.at };
      }
      seen = history.length;
    }
  } finally {
    abort.abort();
    await wakeUps.return?.();
  }
}

builder.subscriptionType({ description: 'Live updates, over graphql-ws or server-sent events.' });

builder.subscriptionFields((t) => ({
  transactionUpdated: t.field({
    type: TransactionRef,
    description:
      "One of the caller's transactions: its current state first, then each status change once, in order " +
      '(CREATED → CONFIRMED → SUBMITTED → COMPLETED or DECLINED, and REVERSED if DT One reverses it).',
    args: {
      id: t.arg.globalID({ for: TransactionRef, description: 'The transaction id.' }),
      idempotencyKey: t.arg.string({ description: 'Or the idempotency key it was created with.' }),
    },
    subscribe: (_root, args, ctx) => {
      const tenantId = requireScope(ctx, 'transactions:read');
      if (!args.id === !args.idempotencyKey) {
        throw new GraphQLError('Give exactly one of id and idempotencyKey', {
          extensions: { code: 'BAD_USER_INPUT' },
        });
      }
      const find = args.id
        ? () => ctx.transactions.get(tenantId, args.id!.id)
        : () => ctx.transactions.findByIdempotencyKey(tenantId, args.idempotencyKey!);
      return updates(ctx, tenantId, find);
    },
    resolve: (record) => record,
  }),
}));
