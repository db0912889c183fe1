import type { DvsCaller, RequestOptions } from './call.js';
import { decode } from './decoders.js';
import { getListPage } from './list.js';
import { collectAllPages, MAX_PER_PAGE, type Page } from './paging.js';
import type {
  CreateTransactionBody,
  PageQueryKey,
  Transaction,
  TransactionId,
  TransactionMode,
  TransactionsQuery,
} from './types.js';

export interface ModeOptions extends RequestOptions {
  /**
   * `async` (DT One's recommendation) answers at once; `sync` holds the connection until the transaction settles
   * (up to 180 s upstream), so give such calls a `timeoutMs` that fits. @default 'async'
   */
  mode?: TransactionMode;
}

/**
 * Transactions. Create, confirm and cancel are sent exactly once: a timeout, reset, unreadable answer or 5xx
 * after sending raises `DtOneOutcomeUnknownError`; recover with `findTransactionByExternalId`.
 */
export interface TransactionMethods {
  createTransaction(body: CreateTransactionBody, options?: ModeOptions): Promise<Transaction>;
  confirmTransaction(transactionId: TransactionId, options?: ModeOptions): Promise<Transaction>;
  cancelTransaction(transactionId: TransactionId, options?: RequestOptions): Promise<Transaction>;
  getTransaction(transactionId: TransactionId, options?: RequestOptions): Promise<Transaction>;
  /** The transaction created with this external_id, or null when DT One has none. */
  findTransactionByExternalId(externalId: string, options?: RequestOptions): Promise<Transaction | null>;
  /** Without dates or external_id DT One returns only the last 24 h; a date window may span at most 24 h. */
  listTransactions(filters?: TransactionsQuery, options?: RequestOptions): Promise<Page<Transaction>>;
  allTransactions(
    filters?: Omit<TransactionsQuery, PageQueryKey>,
    options?: RequestOptions,
  ): Promise<Transaction[]>;
}

export function transactionMethods(call: DvsCaller): TransactionMethods {
  async function send(
    route: string,
    params: Record<string, TransactionId> | undefined,
    body: unknown,
    options?: RequestOptions,
  ) {
    const { data } = await call(
      { method: 'POST', route, ...(params && { params }), body, effect: 'money', decode: decode.transaction },
      options,
    );
    return data;
  }

  const listTransactions = (filters: TransactionsQuery = {}, options?: RequestOptions) =>
    getListPage(call, { route: '/transactions', query: filters, item: decode.transaction }, options);

  return {
    createTransaction: (body, { mode = 'async', ...options } = {}) =>
      send(`/${mode}/transactions`, undefined, body, options),

    confirmTransaction: (transactionId, { mode = 'async', ...options } = {}) =>
      send(
        `/${mode}/transactions/{transaction_id}/confirm`,
        { transaction_id: transactionId },
        undefined,
        options,
      ),

    cancelTransaction: (transactionId, options) =>
      send('/transactions/{transaction_id}/cancel', { transaction_id: transactionId }, undefined, options),

    async getTransaction(transactionId, options) {
      const { data } = await call(
        {
          method: 'GET',
          route: '/transactions/{transaction_id}',
          params: { transaction_id: transactionId },
          effect: 'read',
          decode: decode.transaction,
        },
        options,
      );
      return data;
    },

    async findTransactionByExternalId(externalId, options) {
      const page = await listTransactions({ external_id: externalId }, options);
      // Only an exact match counts: handing back another transaction would settle the wrong money.
      return page.items.find((t) => t.external_id === externalId) ?? null;
    },

    listTransactions,

    allTransactions: (filters = {}, options) =>
      collectAllPages((n) => listTransactions({ per_page: MAX_PER_PAGE, ...filters, page: n }, options)),
  };
}
