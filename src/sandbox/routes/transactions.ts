import { SandboxError } from '../errors.js';
import { paginate, readPageParams } from '../http/paging.js';
import type { Route } from '../http/types.js';
import type { Ledger } from '../ledger.js';
import type { TransactionEngine } from '../transactions/engine.js';

/** Transactions (async and sync create/confirm, cancel, get, list) and balances. */
export function transactionRoutes(engine: TransactionEngine, ledger: Ledger): Route[] {
  return [
    {
      method: 'POST',
      template: '/v1/async/transactions',
      api: 'dvs',
      handler: async ({ body }) => ({ status: 201, body: await engine.create(body, 'async') }),
    },
    {
      method: 'POST',
      template: '/v1/sync/transactions',
      api: 'dvs',
      handler: async ({ body }) => ({ status: 201, body: await engine.create(body, 'sync') }),
    },
    {
      method: 'GET',
      template: '/v1/transactions/{transaction_id}',
      api: 'dvs',
      handler: ({ params }) => ({ status: 200, body: engine.get(readTransactionId(params.transaction_id)) }),
    },
    {
      method: 'GET',
      template: '/v1/transactions',
      api: 'dvs',
      handler: ({ query }) => {
        const paging = readPageParams(query);
        const page = paginate(engine.list(query), paging);
        return { status: 200, body: page.items, headers: page.headers };
      },
    },
    {
      method: 'POST',
      template: '/v1/async/transactions/{transaction_id}/confirm',
      api: 'dvs',
      handler: async ({ params }) => ({
        status: 202,
        body: await engine.confirm(readTransactionId(params.transaction_id), 'async'),
      }),
    },
    {
      method: 'POST',
      template: '/v1/sync/transactions/{transaction_id}/confirm',
      api: 'dvs',
      handler: async ({ params }) => ({
        status: 202,
        body: await engine.confirm(readTransactionId(params.transaction_id), 'sync'),
      }),
    },
    {
      method: 'POST',
      template: '/v1/transactions/{transaction_id}/cancel',
      api: 'dvs',
      handler: ({ params }) => ({
        status: 202,
        body: engine.cancel(readTransactionId(params.transaction_id)),
      }),
    },
    {
      method: 'GET',
      template: '/v1/balances',
      api: 'dvs',
      handler: ({ query }) => {
        // `unit_type` was checked against the spec (CURRENCY only); `unit` is any string, unknown ones match nothing.
        const unit = query.get('unit');
        const paging = readPageParams(query);
        const page = paginate(ledger.list(unit === null ? {} : { unit }), paging);
        return { status: 200, body: page.items, headers: page.headers };
      },
    },
  ];
}

function readTransactionId(raw: string | undefined): string {
  if (raw === undefined || !/^[1-9]\d{0,18}$/.test(raw))
    throw new SandboxError(1000400, 'transaction_id is invalid');
  return raw;
}
