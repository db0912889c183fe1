import type { KeyRing } from '../secrets/data-keys.js';
import type { Store } from '../store/types.js';
import { resealStoredUpstream } from './upstream-at-rest.js';

export interface SealReport {
  /** Transactions whose PIN is now sealed under the current key. */
  sealed: number;
  /** PINs sealed under a key that is not configured: left as they are (add the key to DATA_ENCRYPTION_OLD_KEYS). */
  unreadable: string[];
}

/**
 * Seals every stored PIN under the current data key: those stored in clear before sealing existed, and those an older
 * key sealed (after a rotation; the old key can be dropped once this reports nothing unreadable). Each row is replaced
 * only while it is still the one read, so a status change written meanwhile (sealed already) wins, and several
 * instances may run this at once.
 */
export async function sealStoredPins(store: Store, keys: KeyRing, { batch = 200 } = {}): Promise<SealReport> {
  const report: SealReport = { sealed: 0, unreadable: [] };
  for (let after = ''; ; ) {
    const rows = await store.listPinsToSeal(keys.currentKeyId, after, batch);
    for (const row of rows) {
      let next: string | undefined;
      try {
        next = resealStoredUpstream(row.id, row.upstream, keys);
      } catch {
        report.unreadable.push(row.id);
        continue;
      }
      if (next && (await store.replaceUpstream(row.id, row.upstream, next))) report.sealed += 1;
    }
    if (rows.length < batch) return report;
    after = rows.at(-1)!.id;
  }
}
