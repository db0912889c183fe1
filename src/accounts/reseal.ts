import { type KeyRing, keyIdOf } from '../secrets/data-keys.js';
import type { Store } from '../store/types.js';
import { openKeyPair, sealKeyPair } from './key-pairs.js';

export interface ResealReport {
  /** Pairs now sealed under the current key. */
  sealed: number;
  /** Pairs sealed under a key that is not configured (`tenant/api`): left as they are. */
  unreadable: string[];
}

/**
 * Seals every tenant's stored key pair under the current data key, as the PINs are after a rotation, so that the old
 * key can be dropped once this reports nothing unreadable. A pair is replaced only while it is still the one read,
 * so a rotation written meanwhile wins, and several instances may run this at once.
 */
export async function resealTenantAccounts(store: Store, keys: KeyRing): Promise<ResealReport> {
  const report: ResealReport = { sealed: 0, unreadable: [] };
  for (const stored of await store.listSealedTenantAccounts()) {
    const current = [stored.sealedKey, stored.sealedSecret].every((v) => keyIdOf(v) === keys.currentKeyId);
    if (current) continue;
    try {
      const next = sealKeyPair(keys, stored.tenantId, stored.api, openKeyPair(keys, stored));
      if (await store.resealTenantAccount(stored, next)) report.sealed += 1;
    } catch {
      report.unreadable.push(`${stored.tenantId}/${stored.api}`);
    }
  }
  return report;
}
