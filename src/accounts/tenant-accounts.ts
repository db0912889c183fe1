import { GraphQLError } from 'graphql';
import type { AccountClient, AccountClients } from '../datasources/account-clients.js';
import type { EntityCache } from '../datasources/cache.js';
import { type CatalogueReader, createCatalogueReader } from '../datasources/catalogue-reader.js';
import type { DtOneClient } from '../datasources/dtone/client.js';
import type { GsClient } from '../datasources/gs/client.js';
import { ErrorCode, GatewayError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { KeyRing } from '../secrets/data-keys.js';
import type { TenantAccountRecord } from '../store/account-types.js';
import { StoreUnavailableError } from '../store/errors.js';
import type { Store, TransactionRecord, UpstreamApi } from '../store/types.js';
import type { DvsAccount, GsAccount, UpstreamAccounts } from '../transactions/accounts.js';
import { type KeyPair, openKeyPair, sealKeyPair } from './key-pairs.js';

export interface TenantAccountsOptions {
  store: Store;
  keys: KeyRing;
  clients: AccountClients;
  /** The deployment's own account, for tenants without a pair of their own. */
  defaults: { dvs: AccountClient<DtOneClient>; gs: AccountClient<GsClient> | undefined };
  /** The entity cache: each account reads the catalogue under its own identity. */
  cache: EntityCache;
  /**
   * How long a tenant's accounts are reused before the store is read again: changes made elsewhere (the CLI, another
   * instance) take effect within it; this instance's admin mutations at once. @default 5_000
   */
  cacheMs?: number;
  /** Told of a stored pair that does not open and of a background read that failed: by error class, never text. */
  logger?: Pick<Logger, 'warn'>;
}

/** The accounts one tenant's calls use. */
export interface TenantUpstream {
  dvs: DvsAccount;
  gs: GsAccount | undefined;
}

/** An account whose every call fails with `error`, for a pair the gateway holds but cannot use. */
function refusing<C>(id: string, error: () => Error): AccountClient<C> {
  // A proxy keeps the callers as they are: the failure surfaces where a call to DT One would, with its code.
  const client = new Proxy(
    {},
    {
      get: (_target, name) =>
        name === 'then'
          ? undefined
          : name === 'close'
            ? async () => undefined
            : async () => Promise.reject(error()),
    },
  );
  return { id, isDefault: false, client: client as C };
}

const unusable = (what: string) => () =>
  new GatewayError(
    ErrorCode.UPSTREAM_AUTH_ERROR,
    `The gateway cannot use ${what}: an operator must set it again`,
  );

/**
 * Which DT One account each tenant's calls use: its own key pair for an API when it holds one, else the deployment's.
 * Pairs are read from the store (sealed) and opened here; clients come from the shared registry, so tenants on one
 * account share its client, cache and budget. A stale entry is answered while the store is read again in the
 * background, so a store outage keeps the last known accounts rather than failing every call.
 */
export function createTenantAccounts(options: TenantAccountsOptions) {
  const { store, keys, clients, cache } = options;
  const cacheMs = options.cacheMs ?? 5_000;
  const warn = (error: unknown) =>
    options.logger?.warn({ error: (error as Error)?.name }, 'a tenant DT One account cannot be used');
  const readers = new WeakMap<DtOneClient, CatalogueReader>();
  const withReader = (account: AccountClient<DtOneClient>): DvsAccount => {
    let reader = readers.get(account.client);
    if (!reader) {
      reader = createCatalogueReader({ dtone: account.client, cache, account: account.id });
      readers.set(account.client, reader);
    }
    return { ...account, reader };
  };
  const deployment: TenantUpstream = { dvs: withReader(options.defaults.dvs), gs: options.defaults.gs };

  async function load(tenantId: string): Promise<TenantUpstream> {
    const upstream = { ...deployment };
    for (const sealed of await store.getTenantAccounts(tenantId)) {
      let pair: KeyPair | undefined;
      try {
        pair = openKeyPair(keys, sealed);
      } catch (error) {
        warn(error);
      }
      const what = `tenant ${tenantId}'s ${sealed.api} key pair`;
      if (sealed.api === 'DVS') {
        upstream.dvs = withReader(
          pair ? clients.dvs(pair) : refusing(`unopened:${sealed.fingerprint}`, unusable(what)),
        );
      } else {
        upstream.gs = pair ? clients.gs(pair) : refusing(`unopened:${sealed.fingerprint}`, unusable(what));
      }
    }
    return upstream;
  }

  const cached = new Map<string, { value: TenantUpstream; until: number; refreshing?: boolean }>();
  const loading = new Map<string, Promise<TenantUpstream>>();
  /** Bumped by each change made here, so that a read begun before it does not put the old accounts back. */
  const generation = new Map<string, number>();
  function refresh(tenantId: string): Promise<TenantUpstream> {
    const pending = loading.get(tenantId);
    if (pending) return pending;
    const started = generation.get(tenantId) ?? 0;
    const read = load(tenantId)
      .then((value) => {
        if ((generation.get(tenantId) ?? 0) === started) {
          if (cached.size >= 10_000) cached.clear();
          cached.set(tenantId, { value, until: Date.now() + cacheMs });
        }
        return value;
      })
      .finally(() => {
        if (loading.get(tenantId) === read) loading.delete(tenantId);
      });
    loading.set(tenantId, read);
    return read;
  }
  const forget = (tenantId: string) => {
    generation.set(tenantId, (generation.get(tenantId) ?? 0) + 1);
    cached.delete(tenantId);
    loading.delete(tenantId);
  };

  /** The tenant's accounts; a caller without a tenant uses the deployment's. */
  async function forTenant(tenantId: string | null): Promise<TenantUpstream> {
    if (tenantId === null) return deployment;
    const hit = cached.get(tenantId);
    if (!hit) return refresh(tenantId);
    if (hit.until <= Date.now() && !hit.refreshing) {
      hit.refreshing = true;
      refresh(tenantId).catch((error) => {
        hit.refreshing = false;
        warn(error);
      });
    }
    return hit.value;
  }

  /**
   * The account a transaction was sent with: none recorded is the deployment's; else the tenant's own while it still
   * holds that account, else a client still open for it here (the tenant moved on meanwhile).
   */
  async function recorded<C>(
    record: TransactionRecord,
    current: (upstream: TenantUpstream) => AccountClient<C> | undefined,
    find: (id: string) => AccountClient<C> | undefined,
    fallback: AccountClient<C> | undefined,
  ): Promise<AccountClient<C> | undefined> {
    const id = await store.transactionAccount(record.id);
    if (id === null) return fallback;
    const own = current(await forTenant(record.tenantId));
    if (own?.id === id) return own;
    return find(id) ?? refusing(id, unusable(`the DT One account transaction ${record.id} was sent with`));
  }

  async function sentWith(
    record: TransactionRecord,
    account: AccountClient<unknown> | undefined,
    replacing: boolean,
  ) {
    if (!account || (account.isDefault && !replacing)) return;
    await store.setTransactionAccount(record.id, account.isDefault ? null : account.id);
  }

  const dvs: UpstreamAccounts<DvsAccount> = {
    forTenant: async (tenantId) => (await forTenant(tenantId)).dvs,
    forRecord: async (record) => {
      const found = await recorded(record, (u) => u.dvs, clients.findDvs, options.defaults.dvs);
      return found ? withReader(found) : deployment.dvs;
    },
    sentWith,
  };
  const gs: UpstreamAccounts<GsAccount | undefined> = {
    forTenant: async (tenantId) => (await forTenant(tenantId)).gs,
    forRecord: (record) => recorded(record, (u) => u.gs, clients.findGs, options.defaults.gs),
    sentWith,
  };

  return {
    forTenant,
    /** `forTenant` for a request: a store that cannot be read is STORE_UNAVAILABLE (503), as for key checks. */
    forRequest: (tenantId: string | null): Promise<TenantUpstream> =>
      forTenant(tenantId).catch((error: unknown) => {
        if (!(error instanceof StoreUnavailableError)) throw error;
        throw new GraphQLError(
          "The gateway cannot read this tenant's DT One account right now; retry later.",
          {
            extensions: { code: 'STORE_UNAVAILABLE', http: { status: 503 } },
          },
        );
      }),
    dvs,
    gs,
    /** Sets (or rotates) the tenant's pair for one API, sealed; this instance uses it from its next call. */
    async set(tenantId: string, api: UpstreamApi, pair: KeyPair): Promise<TenantAccountRecord> {
      const saved = await store.setTenantAccount(sealKeyPair(keys, tenantId, api, pair));
      forget(tenantId);
      return saved;
    },
    /** Removes the tenant's pair for one API, or both: it uses the deployment's from its next call. */
    async clear(tenantId: string, api?: UpstreamApi): Promise<number> {
      const removed = await store.clearTenantAccount(tenantId, api);
      forget(tenantId);
      return removed;
    },
    list: (tenantId?: string): Promise<TenantAccountRecord[]> => store.listTenantAccounts(tenantId),
  };
}

export type TenantAccounts = ReturnType<typeof createTenantAccounts>;
