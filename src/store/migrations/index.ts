import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './0001-initial.js';
import { secretsAtRest } from './0002-secrets-at-rest.js';
import { spendCaps } from './0003-spend-caps.js';
import { transactionEvents } from './0004-transaction-events.js';
import { tenantAccounts } from './0005-tenant-accounts.js';
import { webhooks } from './0006-webhooks.js';
import { webhookSecretOverlap } from './0007-webhook-secret-overlap.js';

/** Every migration, by name in the order it runs; static so bundling or a read-only file system cannot lose one. */
export function migrationProvider(dialect: 'sqlite' | 'postgres'): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '0001-initial': initial(dialect),
    '0002-secrets-at-rest': secretsAtRest(),
    '0003-spend-caps': spendCaps(dialect),
    '0004-transaction-events': transactionEvents(dialect),
    '0005-tenant-accounts': tenantAccounts(),
    '0006-webhooks': webhooks(dialect),
    '0007-webhook-secret-overlap': webhookSecretOverlap(),
  };
  return { getMigrations: async () => migrations };
}
