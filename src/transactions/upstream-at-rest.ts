import type { Transaction } from '../datasources/dtone/types.js';
import { isSealed, type KeyRing, keyIdOf } from '../secrets/data-keys.js';
import type { Store, TransactionRecord } from '../store/types.js';

/**
 * DT One's transaction object as the gateway stores it (`TransactionRecord.upstream`). Two things DT One returns never
 * reach the database as they came:
 * - `callback_url`: it carries the transaction's callback token, of which only a hash is kept; it is dropped.
 * - `pin.code` and `pin.serial`: bearer value; each is sealed (AES-256-GCM, see `secrets/data-keys.ts`), bound to
 *   the transaction and the field, and opened only by `openPin` when an authorised caller reads it.
 */
export function toStoredUpstream(id: string, tx: Transaction, keys: KeyRing): string {
  const { callback_url: _token, ...kept } = tx as Transaction & { callback_url?: unknown };
  return JSON.stringify(kept.pin ? { ...kept, pin: sealedPin(id, kept.pin, keys) } : kept);
}

/**
 * A stored object whose PIN is in clear (stored before sealing existed) or sealed under an older key, sealed again
 * under the current key; undefined when there is nothing to change. Throws `DataKeyError` when the older key is gone.
 */
export function resealStoredUpstream(id: string, stored: string, keys: KeyRing): string | undefined {
  const upstream = JSON.parse(stored) as Partial<Transaction>;
  if (!upstream.pin) return undefined;
  const pin = sealedPin(id, upstream.pin, keys);
  if (pin.code === upstream.pin.code && pin.serial === upstream.pin.serial) return undefined;
  return JSON.stringify({ ...upstream, pin });
}

function sealedPin<P extends { code?: string | null; serial?: string | null }>(
  id: string,
  pin: P,
  keys: KeyRing,
) {
  const seal = (value: string | null | undefined, context: string) => {
    if (typeof value !== 'string') return value ?? null;
    if (!isSealed(value)) return keys.seal(value, context);
    return keyIdOf(value) === keys.currentKeyId ? value : keys.seal(keys.open(value, context), context);
  };
  return { ...pin, code: seal(pin.code, `${id}/pin.code`), serial: seal(pin.serial, `${id}/pin.serial`) };
}

export interface Pin {
  code: string | null;
  serial: string | null;
}

/** The record's PIN in clear, or null when it has none. A value stored before sealing existed is read as it is. */
export function openPin(record: TransactionRecord, keys: KeyRing): Pin | null {
  const pin = record.upstream ? (JSON.parse(record.upstream) as Partial<Transaction>).pin : null;
  if (!pin) return null;
  const open = (value: string | null | undefined, context: string) =>
    typeof value === 'string' && isSealed(value) ? keys.open(value, context) : (value ?? null);
  return {
    code: open(pin.code, `${record.id}/pin.code`),
    serial: open(pin.serial, `${record.id}/pin.serial`),
  };
}

/** Who reads a PIN: the tenant and API key of the request. */
export interface PinReader {
  tenantId: string | null;
  keyId: string | null;
}

/**
 * The PIN of the caller's own transaction, in clear, or null when it has none. Each PIN shown is first recorded
 * (tenant, API key, transaction; the database stamps the time): when the audit cannot be written, nothing is shown.
 */
export async function readPin(
  store: Pick<Store, 'recordPinRead'>,
  keys: KeyRing,
  record: TransactionRecord,
  caller: PinReader,
): Promise<Pin | null> {
  if (!caller.tenantId || caller.tenantId !== record.tenantId) return null;
  const pin = openPin(record, keys);
  if (!pin) return null;
  await store.recordPinRead({ transactionId: record.id, tenantId: caller.tenantId, apiKeyId: caller.keyId });
  return pin;
}
