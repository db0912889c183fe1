import type { GsEngine } from '../gs/engine.js';
import type { Route } from '../http/types.js';

/** Goods & Services variable-value payments, under `/v1.1` as on `gs-api.dtone.com/v1.1`. */
export function gsRoutes(gs: GsEngine): Route[] {
  return [
    {
      method: 'GET',
      template: '/v1.1/ping',
      api: 'gs',
      handler: () => ({ status: 200, body: { status: 'up' } }),
    },
    {
      method: 'GET',
      template: '/v1.1/product/variable_value_payments/{product_id}',
      api: 'gs',
      handler: ({ params, query }) => ({
        status: 200,
        body: gs.quote(params.product_id ?? '', query.get('account_number') ?? ''),
      }),
    },
    {
      method: 'POST',
      template: '/v1.1/transactions/variable_value_payments',
      api: 'gs',
      handler: ({ body }) => ({ status: 201, body: gs.pay(body) }),
    },
    {
      method: 'GET',
      template: '/v1.1/transactions/variable_value_payments/{payment_id}',
      api: 'gs',
      handler: ({ params }) => {
        const id = params.payment_id ?? '';
        return {
          status: 200,
          body: id.startsWith('ext-') ? gs.getByExternalId(id.slice(4)) : gs.get(id),
        };
      },
    },
  ];
}
