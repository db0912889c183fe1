import type { JsonObject, JsonValue, ProductEntry, ProductType } from '../catalogue/types.js';
import { type Money, requireDecimal } from './amounts.js';

export type CalculationMode = 'SOURCE_AMOUNT' | 'DESTINATION_AMOUNT';

/** The request objects a product can require fields of, keyed as the create body names them. */
export const PARTY_KEYS = [
  'credit_party_identifier',
  'debit_party_identifier',
  'sender',
  'beneficiary',
  'statement_identifier',
  'additional_identifier',
] as const;
export type PartyKey = (typeof PARTY_KEYS)[number];

const REQUIREMENT_FIELD: Record<PartyKey, string> = {
  credit_party_identifier: 'required_credit_party_identifier_fields',
  debit_party_identifier: 'required_debit_party_identifier_fields',
  sender: 'required_sender_fields',
  beneficiary: 'required_beneficiary_fields',
  statement_identifier: 'required_statement_identifier_fields',
  additional_identifier: 'required_additional_identifier_fields',
};

export interface FixedAmounts {
  kind: 'fixed';
  source: { unit: string; amount: Money };
  destination: { unit: string; amount: Money };
  wholesaleAmount: Money;
  retailAmount: Money | null;
}

export interface RangedAmounts {
  kind: 'ranged';
  acceptedModes: CalculationMode[];
  source: { unit: string; min: Money; max: Money };
  destination: { unit: string; min: Money; max: Money; increment: Money };
}

/** What the transaction engine needs from a catalogue product, read once from its spec-shaped JSON. */
export interface ProductTerms {
  entry: ProductEntry;
  /** The English `Product` body (transactions carry no `Accept-Language`). */
  json: JsonObject;
  type: ProductType;
  pinProduct: boolean;
  /** Per request object: alternatives (outer list), each a set of fields that must all be present. */
  required: Record<PartyKey, string[][]>;
  amounts: FixedAmounts | RangedAmounts;
  wholesale: { unit: string; fee: Money };
  /** `null` when the product has no retail price at all. */
  retail: { unitType: string | null; unit: string | null; fee: Money | null } | null;
  rates: { base: Money; wholesale: Money; retail: Money | null };
}

export function readProductTerms(entry: ProductEntry): ProductTerms {
  const json = entry.json.en;
  const what = `product ${entry.id}`;
  const prices = object(json.prices, `${what} prices`);
  const wholesale = object(prices.wholesale, `${what} prices.wholesale`);
  const retail =
    prices.retail === null || prices.retail === undefined ? null : object(prices.retail, `${what} retail`);
  const rates = object(json.rates, `${what} rates`);
  const source = object(json.source, `${what} source`);
  const destination = object(json.destination, `${what} destination`);
  const ranged = entry.type.startsWith('RANGED_');

  const required = {} as Record<PartyKey, string[][]>;
  for (const key of Object.keys(REQUIREMENT_FIELD) as PartyKey[]) {
    required[key] = requirement(json[REQUIREMENT_FIELD[key]]);
  }

  let amounts: FixedAmounts | RangedAmounts;
  if (ranged) {
    const sourceRange = object(source.amount, `${what} source.amount`);
    const destinationRange = object(destination.amount, `${what} destination.amount`);
    amounts = {
      kind: 'ranged',
      acceptedModes: list(json.accepted_calculation_modes).filter(
        (mode): mode is CalculationMode => mode === 'SOURCE_AMOUNT' || mode === 'DESTINATION_AMOUNT',
      ),
      source: {
        unit: text(source.unit, `${what} source.unit`),
        min: requireDecimal(sourceRange.min, `${what} source.amount.min`),
        max: requireDecimal(sourceRange.max, `${what} source.amount.max`),
      },
      destination: {
        unit: text(destination.unit, `${what} destination.unit`),
        min: requireDecimal(destinationRange.min, `${what} destination.amount.min`),
        max: requireDecimal(destinationRange.max, `${what} destination.amount.max`),
        increment: requireDecimal(destinationRange.increment, `${what} destination.amount.increment`),
      },
    };
  } else {
    amounts = {
      kind: 'fixed',
      source: {
        unit: text(source.unit, `${what} source.unit`),
        amount: requireDecimal(source.amount, `${what} source.amount`),
      },
      destination: {
        unit: text(destination.unit, `${what} destination.unit`),
        amount: requireDecimal(destination.amount, `${what} destination.amount`),
      },
      wholesaleAmount: requireDecimal(wholesale.amount, `${what} wholesale amount`),
      retailAmount:
        retail && retail.amount !== null ? requireDecimal(retail.amount, `${what} retail amount`) : null,
    };
  }

  return {
    entry,
    json,
    type: entry.type,
    pinProduct: entry.type.endsWith('_PIN_PURCHASE'),
    required,
    amounts,
    wholesale: {
      unit: text(wholesale.unit, `${what} wholesale unit`),
      fee: requireDecimal(wholesale.fee, `${what} wholesale fee`),
    },
    retail: retail && {
      unitType: typeof retail.unit_type === 'string' ? retail.unit_type : null,
      unit: typeof retail.unit === 'string' ? retail.unit : null,
      fee:
        retail.fee === null || retail.fee === undefined
          ? null
          : requireDecimal(retail.fee, `${what} retail fee`),
    },
    rates: {
      base: requireDecimal(rates.base, `${what} rates.base`),
      wholesale: requireDecimal(rates.wholesale, `${what} rates.wholesale`),
      retail:
        rates.retail === null || rates.retail === undefined
          ? null
          : requireDecimal(rates.retail, `${what} rates`),
    },
  };
}

function requirement(value: JsonValue | undefined): string[][] {
  return list(value)
    .filter((alternative): alternative is JsonValue[] => Array.isArray(alternative))
    .map((alternative) => alternative.filter((field): field is string => typeof field === 'string'));
}

function list(value: JsonValue | undefined): JsonValue[] {
  return Array.isArray(value) ? value : [];
}

function object(value: JsonValue | undefined, what: string): JsonObject {
  if (
    value === null ||
    value === undefined ||
    typeof value !== 'object' ||
    Array.isArray(value) ||
    !isPlain(value)
  ) {
    throw new Error(`sandbox catalogue: ${what} is not an object`);
  }
  return value as JsonObject;
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function text(value: JsonValue | undefined, what: string): string {
  if (typeof value !== 'string') throw new Error(`sandbox catalogue: ${what} is not a string`);
  return value;
}
