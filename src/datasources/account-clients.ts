import { createHash } from 'node:crypto';
import type { UpstreamCredentials } from '../config.js';
import { accountId } from './catalogue-reader.js';
import { createDtOneClient, type DtOneClient } from './dtone/client.js';
import { createGsClient, type GsClient } from './gs/client.js';
import type { UpstreamBudget } from './http/budget.js';
import type { AttemptEvent } from './http/types.js';

/** One DT One account's client for one API, as calls use it. */
export interface AccountClient<C> {
  /** The account (a hash of the base URL and key, never the key): caches and the shared budget key on it. */
  id: string;
  /** The deployment's own account (the environment's credentials), which tenants without one of their own use. */
  isDefault: boolean;
  client: C;
}

export type AccountName = Omit<AccountClient<unknown>, 'client'>;

export interface AccountClientsOptions {
  dvs: { baseUrl: string; timeoutMs: number; connections: number };
  /** G&S's base URL; tenants may hold G&S key pairs even where the deployment has none. */
  gs: { baseUrl: string; timeoutMs: number };
  /** DT One counts calls per account: each account draws from its own budget, however many tenants use it. */
  budgetFor(account: string): UpstreamBudget;
  onAttempt(api: 'dvs' | 'gs', attempt: AttemptEvent, account: AccountName): void;
  /**
   * How long a client replaced by a rotation stays open: requests and re-reads that took it just before go on with
   * it, then it closes. @default 60_000
   */
  retireAfterMs?: number;
}

/**
 * The clients of every DT One account in use, built on first use and reused: one per key pair, so tenants on one
 * account share its connections. A new pair for an account (a rotated secret) replaces that account's client; the
 * deployment's own client is never replaced, whatever pairs tenants hold.
 */
export function createAccountClients(options: AccountClientsOptions) {
  const retireAfterMs = options.retireAfterMs ?? 60_000;
  const retiring = new Map<{ close(): Promise<void> }, NodeJS.Timeout>();
  const retire = (client: { close(): Promise<void> }) => {
    const timer = setTimeout(() => {
      retiring.delete(client);
      void client.close().catch(() => undefined);
    }, retireAfterMs);
    retiring.set(client, timer.unref());
  };

  function pool<C extends { close(): Promise<void> }>(
    baseUrl: string,
    open: (pair: UpstreamCredentials, account: AccountName) => C,
  ) {
    const byPair = new Map<string, AccountClient<C>>();
    return {
      get(pair: UpstreamCredentials, isDefault = false): AccountClient<C> {
        const id = accountId(pair.apiKey, baseUrl);
        const digest = createHash('sha256')
          .update(`${id}\n${pair.apiKey}\n${pair.apiSecret}`)
          .digest('base64url');
        const found = byPair.get(digest);
        if (found) return found;
        const account = { id, isDefault };
        const entry = { ...account, client: open(pair, account) };
        for (const [other, older] of byPair) {
          if (older.id !== id || older.isDefault) continue;
          byPair.delete(other);
          retire(older.client);
        }
        byPair.set(digest, entry);
        return entry;
      },
      /** The client in use for an account, if any: transactions sent with an account a tenant has since left. */
      find: (id: string): AccountClient<C> | undefined => [...byPair.values()].findLast((e) => e.id === id),
      live: () => [...byPair.values()],
    };
  }

  const dvs = pool<DtOneClient>(options.dvs.baseUrl, (pair, account) =>
    createDtOneClient({
      baseUrl: options.dvs.baseUrl,
      apiKey: pair.apiKey,
      apiSecret: pair.apiSecret,
      timeoutMs: options.dvs.timeoutMs,
      connections: options.dvs.connections,
      budget: options.budgetFor(account.id),
      onAttempt: (attempt) => options.onAttempt('dvs', attempt, account),
    }),
  );
  const gs = pool<GsClient>(options.gs.baseUrl, (pair, account) =>
    createGsClient({
      baseUrl: options.gs.baseUrl,
      apiKey: pair.apiKey,
      apiSecret: pair.apiSecret,
      timeoutMs: options.gs.timeoutMs,
      onAttempt: (attempt) => options.onAttempt('gs', attempt, account),
    }),
  );

  return {
    dvs: dvs.get,
    gs: gs.get,
    findDvs: dvs.find,
    findGs: gs.find,
    /** Closes every client, replaced ones included, once their calls in flight finish. */
    async close(): Promise<void> {
      for (const timer of retiring.values()) clearTimeout(timer);
      const live = [...dvs.live(), ...gs.live()].map((entry) => entry.client);
      await Promise.all([...live, ...retiring.keys()].map((c) => c.close().catch(() => undefined)));
      retiring.clear();
    },
  };
}

export type AccountClients = ReturnType<typeof createAccountClients>;
