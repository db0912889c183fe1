import { resealTenantAccounts } from '../accounts/reseal.js';
import { type Config, ConfigError } from '../config.js';
import { instrumentStore } from '../observability/instrument-store.js';
import type { Metrics } from '../observability/metrics.js';
import type { Tracing } from '../observability/tracing.js';
import type { KeyRing } from '../secrets/data-keys.js';
import { createStore } from '../store/index.js';
import { sealStoredPins } from '../transactions/seal-stored-pins.js';

/**
 * The gateway's store, migrated, refusing live mode without an API key for clients; stored PINs and tenants' DT One
 * key pairs are (re)sealed under the current data key in the background (`pinsSealed` and `accountsSealed` settle
 * when done, undefined when the store failed).
 */
export async function openGatewayStore(
  config: Config,
  keys: KeyRing,
  observe: { metrics: Metrics; tracing: Tracing },
) {
  // Every call timed (and traced when tracing is on): the services, reconciler and callbacks all see this one.
  const store = instrumentStore(await createStore(config.store), {
    ...observe,
    system: config.store.databaseUrl ? 'postgresql' : 'sqlite',
  });
  await store.migrate();
  if (config.mode === 'live' && (await store.countApiKeys()) === 0) {
    await store.close();
    throw new ConfigError([
      'live mode needs at least one API key for clients: create one with `npm run keys -- create --tenant <name> --name <label> --scopes catalogue:read,transactions:write,transactions:read`',
    ]);
  }
  // In the background: PINs stored in clear before sealing existed, or under a key rotated out, get the current key.
  const pinsSealed = sealStoredPins(store, keys).then(
    (report) => {
      if (report.unreadable.length > 0) {
        process.emitWarning(
          `${report.unreadable.length} stored PINs are sealed under a data key that is not configured (e.g. transaction ${report.unreadable[0]}): add that key to DATA_ENCRYPTION_OLD_KEYS`,
          'DataKeyWarning',
        );
      }
      return report;
    },
    () => undefined,
  );
  // Tenants' DT One key pairs likewise, so that a rotated-out data key can be dropped.
  const accountsSealed = resealTenantAccounts(store, keys).then(
    (report) => {
      if (report.unreadable.length > 0) {
        process.emitWarning(
          `${report.unreadable.length} tenant DT One key pairs are sealed under a data key that is not configured (e.g. ${report.unreadable[0]}): add that key to DATA_ENCRYPTION_OLD_KEYS`,
          'DataKeyWarning',
        );
      }
      return report;
    },
    () => undefined,
  );
  return { store, pinsSealed, accountsSealed };
}
