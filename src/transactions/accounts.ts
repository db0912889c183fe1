import type { AccountClient } from '../datasources/account-clients.js';
import type { CatalogueReader } from '../datasources/catalogue-reader.js';
import type { DtOneClient } from '../datasources/dtone/client.js';
import type { GsClient } from '../datasources/gs/client.js';
import type { TransactionRecord } from '../store/types.js';

/** A DT One account's DVS client, with its catalogue read through the shared cache under the account's identity. */
export type DvsAccount = AccountClient<DtOneClient> & { reader: CatalogueReader };
/** A DT One account's Goods & Services client. */
export type GsAccount = AccountClient<GsClient>;

/**
 * Which DT One account each money move goes to (`src/accounts` decides: the tenant's own pair, else the
 * deployment's). A transaction stays with the account it was sent with, whatever its tenant holds later.
 */
export interface UpstreamAccounts<A> {
  /** The account the tenant's new transactions are sent with; null (a caller without a tenant): the deployment's. */
  forTenant(tenantId: string | null): Promise<A>;
  /** The account a transaction was sent with: its re-reads, confirm, cancel and recovery go there. */
  forRecord(record: TransactionRecord): Promise<A>;
  /**
   * Records on the transaction, before it is sent, the account it is sent with. `replacing`: a retry of a send the
   * upstream did not take on, which an earlier account may have been recorded for.
   */
  sentWith(record: TransactionRecord, account: A, replacing: boolean): Promise<void>;
}

/** Every call through one account (a deployment without tenant accounts, or a test of one service). */
export function singleAccount<A>(account: A): UpstreamAccounts<A> {
  return {
    forTenant: async () => account,
    forRecord: async () => account,
    sentWith: async () => undefined,
  };
}
