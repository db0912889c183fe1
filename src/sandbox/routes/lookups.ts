import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { LosslessNumber } from 'lossless-json';
import type { Catalogue, CountryEntry, JsonObject, JsonValue } from '../catalogue/types.js';
import { SandboxError } from '../errors.js';
import { paginate, readBodyPageParams, readPageParams } from '../http/paging.js';
import { asObject, E164, readBodyId } from '../http/params.js';
import type { Reply, Route } from '../http/types.js';

const MOBILE_SERVICE_ID = 1;
const ESIM_SERVICE_ID = 13;
const BASE_DATE = Date.UTC(2026, 0, 1);

/** The four look-ups (mobile number, statement inquiry, credit-party benefits and status), deterministic per input. */
export function lookupRoutes(catalogue: Catalogue): Route[] {
  const countryByAlpha2 = new Map(catalogue.countries.map((c) => [c.alpha2, c]));

  const lookupMobile = (mobileNumber: unknown, paging: ReturnType<typeof readPageParams>): Reply => {
    if (typeof mobileNumber !== 'string' || !E164.test(mobileNumber)) {
      throw new SandboxError(1000400, 'mobile_number must be an E.164 number');
    }
    const phone = parsePhoneNumberFromString(mobileNumber);
    const country = phone?.country ? countryByAlpha2.get(phone.country) : undefined;
    const national = phone?.nationalNumber ?? '';
    const operators = country
      ? catalogue.operators
          .filter((o) => o.countryIsoCode === country.isoCode && o.serviceIds.has(MOBILE_SERVICE_ID))
          .map((o) => ({ entry: o, identified: o.mobilePrefixes.some((p) => national.startsWith(p)) }))
          .sort((a, b) => Number(b.identified) - Number(a.identified) || a.entry.id - b.entry.id)
      : [];
    const page = paginate(operators, paging);
    return {
      status: 200,
      body: page.items.map(({ entry, identified }) => ({ ...entry.json, identified })),
      headers: page.headers,
    };
  };

  return [
    {
      method: 'POST',
      template: '/v1/lookup/mobile-number',
      api: 'dvs',
      handler: ({ body }) => {
        const input = asObject(body);
        return lookupMobile(input.mobile_number, readBodyPageParams(input));
      },
    },
    {
      method: 'GET',
      template: '/v1/lookup/mobile-number/{mobile_number}',
      api: 'dvs',
      handler: ({ params, query }) => lookupMobile(params.mobile_number, readPageParams(query)),
    },
    {
      method: 'POST',
      template: '/v1/lookup/statement-inquiry',
      api: 'dvs',
      handler: ({ body }) => {
        const input = asObject(body);
        const productId = readBodyId(input, 'product_id');
        const accountNumber = readAccountNumber(input.account_number, 'account_number');
        if (input.account_qualifier !== undefined)
          readAccountNumber(input.account_qualifier, 'account_qualifier');
        const paging = readBodyPageParams(input);
        const product = catalogue.byId.product.get(productId);
        if (!product) throw new SandboxError(1003001);
        const json = product.json.en;
        const payment = json.payment as JsonObject | undefined;
        if (product.type !== 'RANGED_VALUE_PAYMENT' || payment?.supports_statement_inquiry !== true) {
          throw new SandboxError(1007500);
        }
        const page = paginate(statementsFor(json, accountNumber), paging);
        return { status: 200, body: page.items, headers: page.headers };
      },
    },
    {
      method: 'POST',
      template: '/v1/lookup/credit-party-benefits',
      api: 'dvs',
      handler: ({ body }) => {
        const input = asObject(body);
        const { serviceId, identifier, country } = readCreditParty(input);
        const paging = readBodyPageParams(input);
        const page = paginate(benefitsFor(serviceId, identifier, country), paging);
        return { status: 200, body: page.items, headers: page.headers };
      },
    },
    {
      method: 'POST',
      template: '/v1/lookup/credit-party-status',
      api: 'dvs',
      handler: ({ body }) => {
        const { identifier } = readCreditParty(asObject(body));
        const h = hash(identifier);
        const installed = h % 4 !== 0;
        const activated = installed && h % 3 !== 0;
        const day = 86_400_000;
        return {
          status: 200,
          body: {
            installation_date: installed ? isoDate(BASE_DATE + (h % 200) * day) : null,
            activation_date: activated ? isoDate(BASE_DATE + ((h % 200) + 1) * day) : null,
          },
        };
      },
    },
  ];

  function readCreditParty(input: Record<string, unknown>) {
    const serviceId = readBodyId(input, 'service_id');
    if (!catalogue.byId.service.get(serviceId)) throw new SandboxError(1005004);
    const party = input.credit_party_identifier;
    if (party === null || typeof party !== 'object' || Array.isArray(party)) {
      throw new SandboxError(1000400, 'credit_party_identifier is required');
    }
    const { mobile_number, account_number, account_qualifier } = party as Record<string, unknown>;
    if (mobile_number === undefined && account_number === undefined && account_qualifier === undefined) {
      throw new SandboxError(1000400, 'credit_party_identifier needs at least one field');
    }
    let country: CountryEntry | undefined;
    if (mobile_number !== undefined) {
      if (typeof mobile_number !== 'string' || !E164.test(mobile_number)) throw new SandboxError(1005003);
      const phone = parsePhoneNumberFromString(mobile_number);
      country = phone?.country ? countryByAlpha2.get(phone.country) : undefined;
    }
    if (account_number !== undefined) readAccountNumber(account_number, 'account_number');
    if (account_qualifier !== undefined) readAccountNumber(account_qualifier, 'account_qualifier');
    const identifier = String(mobile_number ?? account_number ?? account_qualifier);
    country ??= catalogue.countries[hash(identifier) % catalogue.countries.length];
    return { serviceId, identifier, country: country! };
  }
}

function readAccountNumber(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length < 1 || value.length > 90 || value.trim() === '') {
    throw new SandboxError(1000400, `${name} is invalid`);
  }
  return value;
}

/** Accounts ending in `000` owe nothing; others have 1–3 open statements inside the product's range. */
function statementsFor(product: JsonObject, accountNumber: string): JsonValue[] {
  if (accountNumber.endsWith('000')) return [];
  const destination = product.destination as JsonObject;
  const range = destination.amount as JsonObject;
  const min = new Decimal(String(range.min));
  const max = new Decimal(String(range.max));
  const increment = new Decimal(String(range.increment ?? '1'));
  const steps = max.minus(min).dividedToIntegerBy(increment).toNumber() + 1;
  const h = hash(`${product.id}:${accountNumber}`);
  const count = 1 + (h % 3);
  const out: JsonValue[] = [];
  for (let i = 0; i < count; i++) {
    const month = new Date(Date.UTC(2026, 9 - i, 1));
    const amount = min.plus(increment.times((h >> (i * 3)) % steps));
    out.push({
      reference: month.toLocaleString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' }),
      dates: {
        due: isoDay(Date.UTC(2026, 10 - i, 15)),
        statement: isoDay(month.getTime()),
      },
      balance: {
        unit_type: 'CURRENCY',
        unit: String(destination.unit),
        amount: new LosslessNumber(amount.toFixed(increment.decimalPlaces())),
      },
    });
  }
  return out;
}

/** Identifiers ending in `000` have nothing left; eSIM ICCIDs report data, phones talktime, data and SMS. */
function benefitsFor(serviceId: number, identifier: string, country: CountryEntry): JsonValue[] {
  if (identifier.endsWith('000')) return [];
  const h = hash(identifier);
  const expires = isoDate(BASE_DATE + (30 + (h % 300)) * 86_400_000);
  const data = {
    type: 'DATA',
    unit_type: 'DATA',
    unit: 'MB',
    amount: new LosslessNumber(h % 5 === 0 ? '-1' : String(128 * (1 + (h % 40)))),
    expiration_date: h % 7 === 0 ? null : expires,
    country: country.json,
  };
  if (serviceId === ESIM_SERVICE_ID) return [data];
  return [
    {
      type: 'TALKTIME',
      unit_type: 'TIME',
      unit: 'MINUTES',
      amount: new LosslessNumber(String(h % 500)),
      expiration_date: expires,
      country: country.json,
    },
    data,
    {
      type: 'SMS',
      unit_type: 'QUANTITY',
      unit: 'SMS',
      amount: new LosslessNumber(String(h % 100)),
      expiration_date: expires,
      country: country.json,
    },
  ];
}

function hash(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
