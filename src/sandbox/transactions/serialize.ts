import type { JsonObject, JsonValue } from '../catalogue/types.js';
import { type UnitAmount, wireAmount, wireNumber } from './amounts.js';
import type { Pricing } from './pricing.js';
import type { ProductTerms } from './product-terms.js';
import type { TransactionRecord } from './record.js';
import { statusJson } from './statuses.js';

/** DT One's date-time form: ISO 8601 with microseconds and a numeric offset, e.g. `2026-11-23T10:00:00.000000+00:00`. */
export function formatDvsDate(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000+00:00`;
}

/**
 * The spec's `transaction` object as `GET /transactions/{id}` answers it (with `callback_url` when one was
 * given). Nullable fields are `null` when unknown; `confirmation_date`, which the schema does not let be null,
 * is left out until the transaction is confirmed.
 */
export function serializeTransaction(tx: TransactionRecord): JsonObject {
  const { pricing, request } = tx;
  const body: JsonObject = {
    id: tx.id,
    external_id: tx.externalId,
    creation_date: formatDvsDate(tx.createdAt),
    confirmation_expiration_date: formatDvsDate(tx.confirmationExpiresAt),
  };
  if (tx.confirmedAt !== null) body.confirmation_date = formatDvsDate(tx.confirmedAt);
  Object.assign(body, {
    status: statusJson(tx.status),
    operator_reference: tx.operatorReference,
    pin: tx.pin && { code: tx.pin.code, serial: tx.pin.serial },
    product: productSummary(tx.product),
    prices: prices(pricing),
    rates: {
      base: wireNumber(pricing.rates.base),
      wholesale: wireNumber(pricing.rates.wholesale),
      retail: pricing.rates.retail && wireNumber(pricing.rates.retail),
    },
    benefits: pricing.benefits,
    promotions: Array.isArray(tx.product.json.promotions) ? tx.product.json.promotions : null,
    requested_values: values(pricing.requested),
    adjusted_values: values(pricing.adjusted),
    sender: request.parties.sender,
    beneficiary: request.parties.beneficiary,
    debit_party_identifier: request.parties.debit_party_identifier,
    credit_party_identifier: request.parties.credit_party_identifier,
    statement_identifier: request.parties.statement_identifier,
    additional_identifier: request.parties.additional_identifier,
  } satisfies JsonObject);
  if (tx.callbackUrl !== null) body.callback_url = tx.callbackUrl;
  return body;
}

/** `product_base` plus `type` (and `pin` for PIN products), as the transaction schema defines `product`. */
function productSummary(terms: ProductTerms): JsonObject {
  const { json } = terms;
  const summary: JsonObject = {};
  for (const key of [
    'id',
    'name',
    'description',
    'tags',
    'service',
    'operator',
    'regions',
    'type',
  ] as const) {
    summary[key] = json[key] ?? null;
  }
  if (terms.pinProduct && json.pin !== undefined && json.pin !== null) summary.pin = json.pin;
  return summary;
}

function prices(pricing: Pricing): JsonObject {
  const { wholesale, retail } = pricing;
  return {
    wholesale: {
      unit_type: 'CURRENCY',
      unit: wholesale.unit,
      amount: wireAmount(wholesale.unit, wholesale.amount),
      fee: wireAmount(wholesale.unit, wholesale.fee),
    },
    retail: retail && {
      unit_type: retail.unitType,
      unit: retail.unit,
      amount: money(retail.unit, retail.amount),
      fee: money(retail.unit, retail.fee),
    },
  };
}

function money(unit: string | null, amount: UnitAmount['amount'] | null): JsonValue {
  if (amount === null) return null;
  return unit === null ? wireNumber(amount) : wireAmount(unit, amount);
}

function values(pair: Pricing['requested']): JsonObject {
  const side = ({ unit, amount }: UnitAmount): JsonObject => ({
    unit_type: 'CURRENCY',
    unit,
    amount: wireAmount(unit, amount),
  });
  return { source: side(pair.source), destination: side(pair.destination) };
}
