import type { Product, Transaction } from '../datasources/dtone/types.js';
import type { Money } from '../money/money.js';
import { moneyFromWire } from '../money/wire-money.js';
import type { TransactionRecord } from '../store/types.js';

/** What a stored top-up says beyond its columns: DT One's transaction and the product snapshot, read once. */
export interface TransactionView {
  /** The product as it was when the transaction was created. */
  product: Product;
  /** What the sender pays in, as DT One adjusted it (or as requested, before DT One answered). */
  source: Money | null;
  destination: Money | null;
  wholesalePrice: Money | null;
  fee: Money | null;
  retailPrice: Money | null;
  operatorReference: string | null;
  confirmationExpiresAt: string | null;
}

const views = new WeakMap<TransactionRecord, TransactionView>();
const parsed = new WeakMap<TransactionRecord, Map<string, unknown>>();

/** A JSON column of a stored record, parsed the first time it is asked for and kept with the record object. */
export function storedJson<T>(
  record: TransactionRecord,
  column: 'upstream' | 'request' | 'productSnapshot',
): T | null {
  let columns = parsed.get(record);
  if (!columns) {
    columns = new Map();
    parsed.set(record, columns);
  }
  if (!columns.has(column)) {
    const text = record[column];
    columns.set(column, text ? JSON.parse(text) : null);
  }
  return columns.get(column) as T | null;
}

const money = (wire: unknown): Money | null =>
  wire && typeof wire === 'object' ? moneyFromWire(wire as Parameters<typeof moneyFromWire>[0]) : null;

/**
 * The record's view, built on first use and kept with the record object: every field of one transaction in one
 * response parses the stored JSON once, not once per field.
 */
export function transactionView(record: TransactionRecord): TransactionView {
  let view = views.get(record);
  if (!view) {
    view = build(record);
    views.set(record, view);
  }
  return view;
}

function build(record: TransactionRecord): TransactionView {
  const upstream = storedJson<Partial<Transaction>>(record, 'upstream');
  const wholesale = upstream?.prices?.wholesale;
  return {
    product: storedJson<Product>(record, 'productSnapshot')!,
    source: money(upstream?.adjusted_values?.source ?? upstream?.requested_values?.source),
    destination: money(upstream?.adjusted_values?.destination ?? upstream?.requested_values?.destination),
    wholesalePrice: money(wholesale),
    fee: wholesale
      ? money({ unit_type: wholesale.unit_type, unit: wholesale.unit, amount: wholesale.fee })
      : null,
    retailPrice: money(upstream?.prices?.retail),
    operatorReference: upstream?.operator_reference ?? null,
    confirmationExpiresAt: upstream?.confirmation_expiration_date ?? null,
  };
}
