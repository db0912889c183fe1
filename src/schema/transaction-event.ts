import type { TransactionEvent } from '../store/types.js';
import { eventCursor, eventPosition } from '../subscriptions/event-cursor.js';
import { EVENT_PAGE_DEFAULT, EVENT_PAGE_MAX, transactionEventPage } from '../subscriptions/event-page.js';
import { transactionEventStream } from '../subscriptions/transaction-events.js';
import { TRANSACTIONS_READ, tenantOf } from './auth.js';
import { builder } from './builder.js';
import { TransactionStatusClassEnum } from './transaction.js';

const TransactionApiEnum = builder.enumType('TransactionApi', {
  description: 'Which DT One API a record went through, and so which type it is.',
  values: {
    DVS: { description: 'DVS: a `Transaction` (top-up, bundle, PIN purchase or payment).' },
    GS: { description: 'Goods & Services: a `BillPayment`.' },
  } as const,
});

const TransactionEventRef = builder.objectRef<TransactionEvent>('TransactionEvent').implement({
  description:
    "A status the gateway recorded for one of the caller's transactions or bill payments: its creation (PENDING), " +
    'then every change, in the order they were committed.',
  authScopes: TRANSACTIONS_READ,
  fields: (t) => ({
    cursor: t.string({
      description: 'Where this event stands in the feed: pass it as `after` to resume right after it.',
      resolve: (e) => eventCursor(e.seq),
    }),
    transactionId: t.globalID({
      description: 'The `Transaction` or `BillPayment` (see `api`); `node(id:)` reads it as it is now.',
      resolve: (e) => ({ type: e.api === 'GS' ? 'BillPayment' : 'Transaction', id: e.transactionId }),
    }),
    api: t.field({ type: TransactionApiEnum, resolve: (e) => e.api }),
    status: t.exposeString('status', {
      description: 'DT One\'s status (e.g. "COMPLETED"); for a bill payment, G&S\'s ("0" is success).',
    }),
    statusClass: t.field({
      type: TransactionStatusClassEnum,
      resolve: (e) => e.statusClass as typeof TransactionStatusClassEnum.$inferType,
    }),
    source: t.exposeString('source', {
      description: 'What told the gateway: create, confirm, cancel, callback, poll, recovery.',
    }),
    at: t.field({ type: 'DateTime', description: 'When it was recorded.', resolve: (e) => e.at }),
  }),
});

const TransactionEventConnectionRef = builder.connectionObject(
  { type: TransactionEventRef, name: 'TransactionEventConnection' },
  { name: 'TransactionEventConnectionEdge' },
);

builder.queryFields((t) => ({
  transactionEvents: t.field({
    type: TransactionEventConnectionRef,
    description:
      "The caller's event feed, oldest first, from the start or after a cursor: page on with `pageInfo.endCursor` " +
      'to catch up, then follow the `transactionEvents` subscription from the last cursor. Nothing is skipped or ' +
      'repeated: events are numbered per tenant in the order they were committed.',
    args: {
      after: t.arg.string({
        description: 'An event cursor or `endCursor`; from the first event without one.',
      }),
      first: t.arg.int({
        description: `Events on the page, 0 to ${EVENT_PAGE_MAX}; ${EVENT_PAGE_DEFAULT} by default.`,
      }),
    },
    skipTypeScopes: true,
    authScopes: TRANSACTIONS_READ,
    resolve: (_root, args, ctx) => transactionEventPage(ctx, tenantOf(ctx), args),
  }),
}));

builder.subscriptionFields((t) => ({
  transactionEvents: t.field({
    type: TransactionEventRef,
    description:
      "The caller's event feed, live: every event after `after` (from the first without it), then each new one as " +
      'it is committed, on every instance of the gateway, until the client ends it. Reconnecting with the last ' +
      "event's cursor misses nothing and repeats nothing.",
    args: {
      after: t.arg.string({ description: 'The cursor of the last event the client has.' }),
    },
    authScopes: TRANSACTIONS_READ,
    subscribe: (_root, args, ctx) => transactionEventStream(ctx, tenantOf(ctx), eventPosition(args.after)),
    resolve: (event) => event,
  }),
}));
