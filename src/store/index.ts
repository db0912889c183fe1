import { createKyselyStore } from './kysely-store.js';
import type { PostgresOptions } from './postgres.js';
import { openSqlite } from './sqlite.js';
import type { Store } from './types.js';

export { hashApiKey, newApiKey } from './api-key-material.js';
export { StoreUnavailableError } from './errors.js';
export { SCOPES, type Scope } from './scopes.js';
export { DEFAULT_FIRST_POLL_AFTER_MS } from './transaction-queries.js';
export type * from './types.js';

export interface StoreConfig {
  readonly databaseUrl: string | undefined;
  readonly sqlitePath: string;
}

/**
 * PostgreSQL when `databaseUrl` is set (the driver is loaded only then), else the SQLite file at `sqlitePath`.
 * Call `migrate()` before first use.
 */
export async function createStore(config: StoreConfig, options: PostgresOptions = {}): Promise<Store> {
  if (config.databaseUrl) {
    const { openPostgres } = await import('./postgres.js');
    return createKyselyStore(await openPostgres(config.databaseUrl, options));
  }
  return createKyselyStore(openSqlite(config.sqlitePath));
}
