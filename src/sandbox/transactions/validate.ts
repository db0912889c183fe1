import { isLosslessNumber, LosslessNumber } from 'lossless-json';
import type { JsonObject } from '../catalogue/types.js';
import { type DvsErrorCode, SandboxError } from '../errors.js';
import { readDecimal, type UnitAmount } from './amounts.js';
import { type CalculationMode, PARTY_KEYS, type PartyKey, type ProductTerms } from './product-terms.js';

/** A create body that passed the spec's schema checks; product rules come after (`checkRequiredFields`). */
export interface CreateRequest {
  externalId: string;
  productId: number;
  autoConfirm: boolean;
  calculationMode: CalculationMode | null;
  source: UnitAmount | null;
  destination: UnitAmount | null;
  /** Each request object with its known fields only, as the transaction echoes them; `null` when absent. */
  parties: Record<PartyKey, JsonObject | null>;
  callbackUrl: string | null;
}

export const E164 = /^\+[1-9][0-9]{6,14}$/;
const NON_BLANK = /\S/;
const ALPHA3 = /^[A-Z]{3}$/;
const POSTAL_CODE = /^[A-Z0-9][A-Z0-9\s-]*[A-Z0-9]$/;
const PURCHASER_ID = /^[a-zA-Z0-9-]{8,36}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

type FieldCheck = (value: unknown) => boolean;
const nonBlank: FieldCheck = (v) => typeof v === 'string' && NON_BLANK.test(v);
const e164: FieldCheck = (v) => typeof v === 'string' && E164.test(v);
const alpha3: FieldCheck = (v) => typeof v === 'string' && ALPHA3.test(v);
const accountNumber: FieldCheck = (v) => nonBlank(v) && (v as string).length <= 90;

const IDENTIFIER_FIELDS: Record<string, FieldCheck> = {
  mobile_number: e164,
  account_number: accountNumber,
  account_qualifier: nonBlank,
};
const PERSON_FIELDS: Record<string, FieldCheck> = {
  last_name: nonBlank,
  first_name: nonBlank,
  middle_name: nonBlank,
  nationality_country_iso_code: alpha3,
  mobile_number: e164,
  email: nonBlank,
  address_text: nonBlank,
  address_city: nonBlank,
  address_country_iso_code: alpha3,
  address_postal_code: (v) => typeof v === 'string' && POSTAL_CODE.test(v),
};

const PARTY_FIELDS: Record<PartyKey, Record<string, FieldCheck>> = {
  credit_party_identifier: IDENTIFIER_FIELDS,
  debit_party_identifier: IDENTIFIER_FIELDS,
  sender: PERSON_FIELDS,
  beneficiary: PERSON_FIELDS,
  statement_identifier: { reference: nonBlank, due_date: isCalendarDate },
  additional_identifier: { purchaser_id: (v) => typeof v === 'string' && PURCHASER_ID.test(v) },
};

/** DT One's dedicated codes for a malformed `mobile_number` in each request object. */
export const MOBILE_NUMBER_CODES: Partial<Record<PartyKey, DvsErrorCode>> = {
  credit_party_identifier: 1005003,
  sender: 1005503,
  debit_party_identifier: 1006003,
  beneficiary: 1006503,
};

/**
 * Validates a create body against the spec's `transaction` schema (plus `callback_url` on the async endpoint;
 * the sync body has none, so it is ignored there). Bad input answers `1000400` naming the field; a malformed
 * `mobile_number` answers the request object's own code.
 */
export function parseCreateBody(body: unknown, mode: 'async' | 'sync'): CreateRequest {
  if (!isObject(body)) throw invalid('body', 'must be a JSON object');

  const externalId = body.external_id;
  if (externalId === undefined || externalId === null) throw invalid('external_id', 'is required');
  if (typeof externalId !== 'string') throw invalid('external_id', 'must be a string');
  if (!NON_BLANK.test(externalId)) throw invalid('external_id', 'must not be blank');
  if (externalId.length > 40) throw invalid('external_id', 'must be at most 40 characters');

  if (body.product_id === undefined || body.product_id === null) throw invalid('product_id', 'is required');
  const productId = positiveInt32(body.product_id);
  if (productId === undefined) throw invalid('product_id', 'must be an integer between 1 and 2147483647');

  const autoConfirm = body.auto_confirm ?? false;
  if (typeof autoConfirm !== 'boolean') throw invalid('auto_confirm', 'must be a boolean');

  const calculationMode = body.calculation_mode ?? null;
  if (
    calculationMode !== null &&
    calculationMode !== 'SOURCE_AMOUNT' &&
    calculationMode !== 'DESTINATION_AMOUNT'
  ) {
    throw invalid('calculation_mode', 'must be SOURCE_AMOUNT or DESTINATION_AMOUNT');
  }

  const parties = {} as Record<PartyKey, JsonObject | null>;
  for (const key of PARTY_KEYS) parties[key] = parseParty(key, body[key]);

  let callbackUrl: string | null = null;
  if (mode === 'async' && body.callback_url !== undefined && body.callback_url !== null) {
    if (typeof body.callback_url !== 'string' || !isHttpUrl(body.callback_url)) {
      throw invalid('callback_url', 'must be an absolute http(s) URI');
    }
    callbackUrl = body.callback_url;
  }

  return {
    externalId,
    productId,
    autoConfirm,
    calculationMode,
    source: parseUnitAmount('source', body.source),
    destination: parseUnitAmount('destination', body.destination),
    parties,
    callbackUrl,
  };
}

/**
 * The async create body that `parseCreateBody` reads back into `request`, field for field (amounts as exact
 * JSON numbers): what a durable sandbox keeps of a transaction's request.
 */
export function createBodyOf(request: CreateRequest): JsonObject {
  const amount = (value: UnitAmount | null) =>
    value && { unit_type: 'CURRENCY', unit: value.unit, amount: new LosslessNumber(value.amount.toFixed()) };
  const body: JsonObject = {
    external_id: request.externalId,
    product_id: request.productId,
    auto_confirm: request.autoConfirm,
    calculation_mode: request.calculationMode,
    source: amount(request.source),
    destination: amount(request.destination),
    callback_url: request.callbackUrl,
  };
  for (const key of PARTY_KEYS) body[key] = request.parties[key];
  return body;
}

/**
 * Applies the product's `required_*_fields`: for each request object, one of the alternatives (outer list) must
 * have all its fields (inner list) present. An empty or missing requirement asks for nothing.
 */
export function checkRequiredFields(request: CreateRequest, terms: ProductTerms): void {
  for (const key of PARTY_KEYS) {
    const alternatives = terms.required[key];
    if (alternatives.length === 0) continue;
    const party = request.parties[key];
    if (alternatives.some((fields) => fields.every((field) => party?.[field] !== undefined))) continue;
    const wanted = alternatives
      .map((fields) => fields.map((field) => `${key}.${field}`).join(' + '))
      .join(' or ');
    throw new SandboxError(1000400, `${key}: product ${terms.entry.id} requires ${wanted}`);
  }
}

/**
 * The identifier whose last three digits pick the sandbox outcome: `mobile_number` or `account_number`, whichever
 * the product requires (the first satisfied alternative decides). `null` for products without a credit party.
 */
export function outcomeIdentifier(request: CreateRequest, terms: ProductTerms): string | null {
  const alternatives = terms.required.credit_party_identifier;
  const party = request.parties.credit_party_identifier;
  if (alternatives.length === 0 || party === null) return null;
  const chosen = alternatives.find((fields) => fields.every((field) => party[field] !== undefined)) ?? [];
  const field = chosen.includes('mobile_number')
    ? 'mobile_number'
    : chosen.includes('account_number')
      ? 'account_number'
      : party.mobile_number !== undefined
        ? 'mobile_number'
        : 'account_number';
  const value = party[field];
  return typeof value === 'string' ? value : null;
}

function parseParty(key: PartyKey, value: unknown): JsonObject | null {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) throw invalid(key, 'must be an object');
  const fields = PARTY_FIELDS[key];
  const echoed: JsonObject = {};
  for (const [field, check] of Object.entries(fields)) {
    const fieldValue = value[field];
    if (fieldValue === undefined) continue;
    if (!check(fieldValue)) {
      const code = field === 'mobile_number' ? MOBILE_NUMBER_CODES[key] : undefined;
      if (code !== undefined) throw new SandboxError(code, `${key}.mobile_number must be in E.164 format`);
      throw invalid(`${key}.${field}`, 'is invalid');
    }
    echoed[field] = fieldValue as string;
  }
  if (Object.keys(echoed).length === 0) {
    throw invalid(key, `must have at least one of ${Object.keys(fields).join(', ')}`);
  }
  return echoed;
}

function parseUnitAmount(name: 'source' | 'destination', value: unknown): UnitAmount | null {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) throw invalid(name, 'must be an object');
  for (const key of Object.keys(value)) {
    if (key !== 'unit_type' && key !== 'unit' && key !== 'amount')
      throw invalid(`${name}.${key}`, 'is not allowed');
  }
  if (value.unit_type !== 'CURRENCY') throw invalid(`${name}.unit_type`, 'must be CURRENCY');
  if (!nonBlank(value.unit)) throw invalid(`${name}.unit`, 'is required');
  const amount =
    isLosslessNumber(value.amount) || typeof value.amount === 'number'
      ? readDecimal(value.amount)
      : undefined;
  if (amount === undefined) throw invalid(`${name}.amount`, 'must be a number');
  return { unit: value.unit as string, amount };
}

function positiveInt32(value: unknown): number | undefined {
  const amount = isLosslessNumber(value) || typeof value === 'number' ? readDecimal(value) : undefined;
  if (
    amount === undefined ||
    !amount.isInteger() ||
    amount.lessThan(1) ||
    amount.greaterThan(2_147_483_647)
  ) {
    return undefined;
  }
  return amount.toNumber();
}

function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = DATE.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isLosslessNumber(value);
}

function invalid(field: string, problem: string): SandboxError {
  return new SandboxError(1000400, `${field}: ${problem}`);
}
