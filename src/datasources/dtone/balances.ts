import type { DvsCaller, RequestOptions } from './call.js';
import { decode } from './decoders.js';
import { getListPage } from './list.js';
import { collectAllPages, MAX_PER_PAGE, type Page } from './paging.js';
import type { Balance, BalancesQuery, PageQueryKey } from './types.js';

export interface BalanceMethods {
  listBalances(query?: BalancesQuery, options?: RequestOptions): Promise<Page<Balance>>;
  allBalances(query?: Omit<BalancesQuery, PageQueryKey>, options?: RequestOptions): Promise<Balance[]>;
}

export function balanceMethods(call: DvsCaller): BalanceMethods {
  const listBalances = (query: BalancesQuery = {}, options?: RequestOptions) =>
    getListPage(call, { route: '/balances', query, item: decode.balance }, options);
  return {
    listBalances,
    allBalances: (query = {}, options) =>
      collectAllPages((n) => listBalances({ per_page: MAX_PER_PAGE, ...query, page: n }, options)),
  };
}
