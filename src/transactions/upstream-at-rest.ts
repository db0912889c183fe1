import type { Transaction } from '../datasources/dtone/types.js';
import { isSealed, type KeyRing } from '../secrets/data-keys.js';
import type { TransactionRecord } from '../store/types.js';

/**
 * DT One's transaction object as the gateway stores it (`TransactionRecord.upstream`). Two things DT One returns never
 * reach the database as they came:
 * - `callback_url`: it carries the transaction's callback token, of which only a hash is kept; it is dropped.
 * - `pin.code` and `pin.serial`: bearer value; each is sealed (AES-256-GCM, see `secrets/data-keys.ts`), bound to
 *   the transaction and the field, and opened only by `openPin` when an authorised caller reads it.
 */
export function toStoredUpstream(id: string, tx: Transaction, keys: KeyRing): string {
  const { callback_url: _token, ...kept } = tx as Transaction & { callback_url?: unknown };
  const pin = kept.pin;
  if (!pin) return JSON.stringify(kept);
  return JSON.stringify({
    ...kept,
    pin: { ...pin, code: sealed(pin.code, `${id}/pin.code`), serial: sealed(pin.serial, `${id}/pin.serial`) },
  });

  function sealed(value: string | null | undefined, context: string) {
    return typeof value === 'string' && !isSealed(value) ? keys.seal(value, context) : (value ?? null);
  }
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
