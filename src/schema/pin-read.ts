import type { PinReadRecord } from '../store/types.js';
import { ADMIN } from './auth.js';
import { builder } from './builder.js';
import { windowConnection } from './connection.js';
import { TransactionRef } from './transaction.js';

const PinReadRef = builder.objectRef<PinReadRecord>('PinRead').implement({
  description: 'A PIN shown to a client: who read it, when, and of which transaction.',
  authScopes: ADMIN,
  fields: (t) => ({
    id: t.exposeID('id'),
    transactionId: t.globalID({
      description: 'The transaction whose PIN was read (its `Transaction.id`).',
      resolve: (r) => ({ type: 'Transaction', id: r.transactionId }),
    }),
    tenantId: t.exposeString('tenantId'),
    apiKeyId: t.string({
      nullable: true,
      description:
        'The id of the API key that read it (`npm run keys -- list`); null for the keyless sandbox caller.',
      resolve: (r) => r.apiKeyId,
    }),
    readAt: t.field({ type: 'DateTime', resolve: (r) => r.readAt }),
  }),
});

builder.queryFields((t) => ({
  pinReads: t.connection(
    {
      type: PinReadRef,
      description:
        'Every PIN read by any tenant, newest first, optionally of one transaction (the admin scope only).',
      args: { transactionId: t.arg.globalID({ for: TransactionRef }) },
      skipTypeScopes: true,
      authScopes: ADMIN,
      resolve: (_root, args, ctx) => {
        return windowConnection(args, (offset, limit) =>
          ctx.transactions.pinReads(args.transactionId ? { transactionId: args.transactionId.id } : {}, {
            offset,
            limit,
          }),
        );
      },
    },
    { fields: (c) => ({ totalCount: c.int({ resolve: (conn) => conn.totalCount }) }) },
  ),
}));
