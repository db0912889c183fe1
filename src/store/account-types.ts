import type { UpstreamApi } from './types.js';

/** The tables of migration 0005 as kysely sees them. */
export interface TenantAccountTables {
  tenant_accounts: {
    tenant_id: string;
    api: string;
    /** Sealed with the data key ring (context `tenant-account/<tenant>/<api>/key`). */
    api_key: string;
    /** Sealed likewise (context `tenant-account/<tenant>/<api>/secret`). */
    api_secret: string;
    fingerprint: string;
    key_hint: string;
    updated_at: string;
  };
  transaction_accounts: { transaction_id: string; account: string };
}

/** A tenant's own DT One key pair for one API, as listed: never the key or the secret. */
export interface TenantAccountRecord {
  tenantId: string;
  api: UpstreamApi;
  /** Names the key without revealing it: the same key always shows the same fingerprint. */
  fingerprint: string;
  /** The key's last 4 characters, for a person to recognise it. */
  keyHint: string;
  updatedAt: string;
}

/** The same with the pair as stored: sealed with the data key ring (the accounts layer opens it). */
export interface SealedTenantAccount extends TenantAccountRecord {
  sealedKey: string;
  sealedSecret: string;
}

/** Tenants' own DT One accounts, and which account each transaction was sent with. */
export interface TenantAccountStore {
  /** Sets the tenant's key pair for one API, replacing the one it had (a rotation). */
  setTenantAccount(input: Omit<SealedTenantAccount, 'updatedAt'>): Promise<TenantAccountRecord>;
  /** The tenant's key pairs as stored, sealed: at most one per API. */
  getTenantAccounts(tenantId: string): Promise<SealedTenantAccount[]>;
  /** Every tenant's key pairs (or one tenant's), without the pairs, by tenant then API. */
  listTenantAccounts(tenantId?: string): Promise<TenantAccountRecord[]>;
  /** Removes the tenant's pair for one API, or for both; how many were removed. */
  clearTenantAccount(tenantId: string, api?: UpstreamApi): Promise<number>;
  /** Every pair as stored, for sealing them again under a new data key. */
  listSealedTenantAccounts(): Promise<SealedTenantAccount[]>;
  /** Replaces a pair's sealed halves only while they are still `expected`; true when it did. */
  resealTenantAccount(
    expected: Pick<SealedTenantAccount, 'tenantId' | 'api' | 'sealedKey' | 'sealedSecret'>,
    next: Pick<SealedTenantAccount, 'sealedKey' | 'sealedSecret'>,
  ): Promise<boolean>;
  /** Records, before a send, the account the transaction is sent with (null: the deployment's own). */
  setTransactionAccount(transactionId: string, account: string | null): Promise<void>;
  /** The account a transaction was sent with; null for the deployment's own. */
  transactionAccount(transactionId: string): Promise<string | null>;
}
