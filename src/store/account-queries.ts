import type { TenantAccountRecord, TenantAccountStore, TenantAccountTables } from './account-types.js';
import type { Backend } from './backend.js';
import { prepared } from './prepared.js';
import type { UpstreamApi } from './types.js';

type Row = TenantAccountTables['tenant_accounts'];
type Guard = <A extends unknown[], R>(method: (...args: A) => Promise<R>) => (...args: A) => Promise<R>;

const API = (value: string): UpstreamApi => {
  // The CHECK constraint holds it to these two; anything else was written by hand.
  if (value !== 'DVS' && value !== 'GS')
    throw new Error(`Unexpected api ${JSON.stringify(value)} in the store`);
  return value;
};

const toRecord = (row: Omit<Row, 'api_key' | 'api_secret'>): TenantAccountRecord => ({
  tenantId: row.tenant_id,
  api: API(row.api),
  fingerprint: row.fingerprint,
  keyHint: row.key_hint,
  updatedAt: row.updated_at,
});

const toSealed = (row: Row) => ({ ...toRecord(row), sealedKey: row.api_key, sealedSecret: row.api_secret });

/** Listings never select the sealed halves: what is not read cannot leak. */
const LISTED = ['tenant_id', 'api', 'fingerprint', 'key_hint', 'updated_at'] as const;

/** Read on every re-read of a transaction from DT One (a callback's, a poll's). */
const accountOfTransaction = prepared<{ transactionId: string }, { account: string }>((db, p) =>
  db.selectFrom('transaction_accounts').select('account').where('transaction_id', '=', p('transactionId')),
);

/** The queries of `TenantAccountStore`, each through `guard` (the store's "database unavailable" mapping). */
export function accountQueries(backend: Backend, guard: Guard): TenantAccountStore {
  const { db, clock } = backend;
  const queries: TenantAccountStore = {
    async setTenantAccount(input) {
      const values = {
        api_key: input.sealedKey,
        api_secret: input.sealedSecret,
        fingerprint: input.fingerprint,
        key_hint: input.keyHint,
        updated_at: clock(),
      };
      const row = await db
        .insertInto('tenant_accounts')
        .values({ tenant_id: input.tenantId, api: input.api, ...values })
        .onConflict((oc) => oc.columns(['tenant_id', 'api']).doUpdateSet(values))
        .returning(LISTED)
        .executeTakeFirstOrThrow();
      return toRecord(row);
    },

    async getTenantAccounts(tenantId) {
      const rows = await db
        .selectFrom('tenant_accounts')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('api')
        .execute();
      return rows.map(toSealed);
    },

    async listTenantAccounts(tenantId) {
      let query = db.selectFrom('tenant_accounts').select(LISTED);
      if (tenantId !== undefined) query = query.where('tenant_id', '=', tenantId);
      const rows = await query.orderBy('tenant_id').orderBy('api').execute();
      return rows.map(toRecord);
    },

    async clearTenantAccount(tenantId, api) {
      let query = db.deleteFrom('tenant_accounts').where('tenant_id', '=', tenantId);
      if (api !== undefined) query = query.where('api', '=', api);
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async listSealedTenantAccounts() {
      const rows = await db.selectFrom('tenant_accounts').selectAll().orderBy('tenant_id').execute();
      return rows.map(toSealed);
    },

    async resealTenantAccount(expected, next) {
      const result = await db
        .updateTable('tenant_accounts')
        .set({ api_key: next.sealedKey, api_secret: next.sealedSecret })
        .where('tenant_id', '=', expected.tenantId)
        .where('api', '=', expected.api)
        .where('api_key', '=', expected.sealedKey)
        .where('api_secret', '=', expected.sealedSecret)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async setTransactionAccount(transactionId, account) {
      if (account === null) {
        await db.deleteFrom('transaction_accounts').where('transaction_id', '=', transactionId).execute();
        return;
      }
      await db
        .insertInto('transaction_accounts')
        .values({ transaction_id: transactionId, account })
        .onConflict((oc) => oc.column('transaction_id').doUpdateSet({ account }))
        .execute();
    },

    async transactionAccount(transactionId) {
      const [row] = await accountOfTransaction(db, backend, { transactionId });
      return row?.account ?? null;
    },
  };
  return Object.fromEntries(
    Object.entries(queries).map(([name, method]) => [name, guard(method)]),
  ) as unknown as TenantAccountStore;
}
