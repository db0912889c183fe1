import { SandboxError } from '../errors.js';
import type { TransactionRecord } from './record.js';
import { STATUSES } from './statuses.js';
import { E164 } from './validate.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const PRODUCT_TYPES = new Set([
  'FIXED_VALUE_RECHARGE',
  'RANGED_VALUE_RECHARGE',
  'FIXED_VALUE_PIN_PURCHASE',
  'RANGED_VALUE_PIN_PURCHASE',
  'RANGED_VALUE_PAYMENT',
]);
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

type Predicate = (tx: TransactionRecord) => boolean;

/**
 * `GET /transactions` filtering. Dates are inclusive and the window may not exceed 24 h; a lone `from_date` or
 * `to_date` spans 24 h from/to it; with neither and no `external_id`, only the last 24 h (sandbox clock) count.
 * Returns every match, newest first (the route pages them). An `external_id` that matches nothing answers
 * `1008004`, as DT One's list may answer 404.
 */
export function selectTransactions(
  records: Iterable<TransactionRecord>,
  query: URLSearchParams,
  now: number,
): TransactionRecord[] {
  const predicates: Predicate[] = [];
  const externalId = query.get('external_id');
  if (externalId !== null) {
    if (externalId === '') throw invalid('external_id', 'must not be empty');
    predicates.push((tx) => tx.externalId === externalId);
  }

  const productType = query.get('product_type');
  if (productType !== null) {
    if (!PRODUCT_TYPES.has(productType)) throw invalid('product_type', 'is not a product type');
    predicates.push((tx) => tx.product.type === productType);
  }
  const ids = {
    service_id: (tx: TransactionRecord) => tx.product.entry.serviceId,
    subservice_id: (tx: TransactionRecord) => tx.product.entry.subserviceId,
    operator_id: (tx: TransactionRecord) => tx.product.entry.operatorId,
  };
  for (const [name, read] of Object.entries(ids)) {
    const raw = query.get(name);
    if (raw === null) continue;
    const id = positiveInt(raw);
    if (id === undefined) throw invalid(name, 'must be a positive integer');
    predicates.push((tx) => read(tx) === id);
  }

  const country = query.get('country_iso_code');
  if (country !== null) {
    if (!/^[A-Z]{3}$/.test(country)) throw invalid('country_iso_code', 'must be an ISO 3166-1 alpha-3 code');
    predicates.push((tx) => tx.product.entry.countryIsoCode === country);
  }

  const statusId = query.get('status_id');
  if (statusId !== null) {
    if (!/^-?\d+$/.test(statusId)) throw invalid('status_id', 'must be an integer');
    predicates.push((tx) => STATUSES[tx.status] === Number(statusId));
  }

  const mobile = query.get('credit_party_mobile_number');
  if (mobile !== null) {
    // An unencoded `+` in a query string arrives as a space.
    const number = mobile.replace(/^ /, '+');
    if (!E164.test(number)) throw invalid('credit_party_mobile_number', 'must be in E.164 format');
    predicates.push((tx) => tx.request.parties.credit_party_identifier?.mobile_number === number);
  }
  const account = query.get('credit_party_account_number');
  if (account !== null) {
    if (!/\S/.test(account) || account.length > 90)
      throw invalid('credit_party_account_number', 'is invalid');
    predicates.push((tx) => tx.request.parties.credit_party_identifier?.account_number === account);
  }

  const window = dateWindow(query, now, externalId !== null);
  if (window) predicates.push((tx) => tx.createdAt >= window.from && tx.createdAt <= window.to);

  const matches = [...records]
    .filter((tx) => predicates.every((matches) => matches(tx)))
    .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
  if (externalId !== null && matches.length === 0) throw new SandboxError(1008004);
  return matches;
}

function dateWindow(query: URLSearchParams, now: number, byExternalId: boolean) {
  const from = readDate(query, 'from_date');
  const to = readDate(query, 'to_date');
  if (from === undefined && to === undefined)
    return byExternalId ? undefined : { from: now - DAY_MS, to: now };
  const start = from ?? (to as number) - DAY_MS;
  const end = to ?? start + DAY_MS;
  if (end < start) throw invalid('to_date', 'must not be before from_date');
  if (end - start > DAY_MS)
    throw invalid('from_date', 'the window between from_date and to_date can not exceed 24 hours');
  return { from: start, to: end };
}

function readDate(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  // An unencoded `+` of the offset arrives as a space.
  const text = raw.replace(/ (\d{2}:\d{2})$/, '+$1');
  const ms = DATE_TIME.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) throw invalid(name, 'must be an ISO 8601 date-time with an offset');
  return ms;
}

function positiveInt(raw: string): number | undefined {
  if (!/^\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= 1 && Number.isSafeInteger(n) ? n : undefined;
}

function invalid(name: string, problem: string): SandboxError {
  return new SandboxError(1000400, `${name}: ${problem}`);
}
