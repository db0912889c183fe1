import { isPossiblePhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js';
import { isLosslessNumber, parse } from 'lossless-json';
import { beforeAll, describe, expect, it } from 'vitest';
import { minorUnits } from '../../src/money/currency.js';
import type { JsonObject, ProductEntry } from '../../src/sandbox/catalogue/types.js';
import type { Sandbox } from '../../src/sandbox/server.js';
import { startGateway, type TestGateway } from '../helpers/gateway.js';
import { dvs } from '../helpers/sandbox.js';

/** DT One's amount text padded to its currency's minor digits, as the graph writes every currency amount. */
function atCurrencyScale(amount: string, currency: string): string {
  const digits = minorUnits(currency);
  const [whole, fraction = ''] = amount.split('.');
  if (fraction.length >= digits) return amount;
  return `${whole}.${fraction.padEnd(digits, '0')}`;
}

/** DT One's time as the graph writes every DateTime: UTC, milliseconds, `Z`. */
const utc = (time: unknown) => (typeof time === 'string' ? new Date(time).toISOString() : time);

/** The gateway's cache clock: tests move it to expire entries without waiting. */
let now = Date.now();
let gw: TestGateway;
let sandbox: Sandbox;

beforeAll(async () => {
  gw = await startGateway({ gatewayOptions: { sharedCache: { now: () => now } } });
  sandbox = gw.sandbox;
});

/** What the sandbox answers a DVS call, parsed losslessly: amounts keep their exact text. */
async function upstream(path: string, body?: unknown): Promise<unknown> {
  const res = await dvs(sandbox, path, body === undefined ? {} : { body });
  expect(res.status).toBe(200);
  return exactJson(parse(res.text));
}

function exactJson(value: unknown): unknown {
  if (isLosslessNumber(value)) return value.value;
  if (Array.isArray(value)) return value.map(exactJson);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, exactJson(v)]));
  return value;
}

const calls = (route: string) => sandbox.control.calls(route);

/** A mobile number the sandbox places in an operator's prefix, possible for its country. */
function numberOf(countryIso: string, prefix: string): string {
  const country = sandbox.catalogue.countries.find((c) => c.isoCode === countryIso)!;
  for (let length = 4; length < 12; length++) {
    const candidate = `+${country.callingCode}${prefix}${'2'.repeat(length)}`;
    if (
      isPossiblePhoneNumber(candidate) &&
      parsePhoneNumberFromString(candidate)?.country === country.alpha2
    ) {
      return candidate;
    }
  }
  throw new Error(`no possible number for ${countryIso} ${prefix}`);
}

/** A country with several mobile operators, and a number of its first operator. */
function mobileCase() {
  for (const country of sandbox.catalogue.countries) {
    const operators = sandbox.catalogue.operators.filter(
      (o) => o.countryIsoCode === country.isoCode && o.serviceIds.has(1) && o.mobilePrefixes.length > 0,
    );
    if (operators.length < 2) continue;
    try {
      return { country, operators, number: numberOf(country.isoCode, operators[0]!.mobilePrefixes[0]!) };
    } catch {}
  }
  throw new Error('the catalogue has no country with two mobile operators');
}

const LOOKUP_MOBILE = /* GraphQL */ `
  query Lookup($number: PhoneNumber!) {
    lookupMobileNumber(number: $number) {
      identified
      operator { id operatorId name country { isoCode } products(first: 1) { totalCount } }
    }
  }
`;

describe('lookupMobileNumber', () => {
  it('answers the operators DT One matches, identified first, with their products through the loaders', async () => {
    const { number, operators } = mobileCase();
    const raw = (await upstream('/lookup/mobile-number', {
      mobile_number: number,
      per_page: 100,
    })) as JsonObject[];
    const res = await gw.gql(LOOKUP_MOBILE, { number });
    expect(res.errors).toBeUndefined();
    const matches = (res.data as { lookupMobileNumber: Record<string, unknown>[] }).lookupMobileNumber;
    expect(
      matches.map((m) => ({
        identified: m.identified,
        id: (m.operator as { operatorId: number }).operatorId,
        name: (m.operator as { name: string }).name,
        country: (m.operator as { country: { isoCode: string } }).country.isoCode,
      })),
    ).toEqual(
      raw.map((o) => ({
        identified: o.identified,
        id: Number(o.id),
        name: o.name,
        country: (o.country as JsonObject).iso_code,
      })),
    );
    expect(matches.length).toBe(operators.length);
    expect(matches[0]).toMatchObject({ identified: true, operator: { operatorId: operators[0]!.id } });
    expect(matches.filter((m) => m.identified)).toHaveLength(1);
    const first = matches[0]!.operator as { products: { totalCount: number } };
    expect(first.products.totalCount).toBe(
      sandbox.catalogue.products.filter((p) => p.operatorId === operators[0]!.id).length,
    );
  });

  it('costs no upstream call when repeated, one for another number, and one again once 30 s have passed', async () => {
    const { number, country, operators } = mobileCase();
    await gw.gql(LOOKUP_MOBILE, { number });
    const before = calls('POST /v1/lookup/mobile-number');
    expect((await gw.gql(LOOKUP_MOBILE, { number })).errors).toBeUndefined();
    expect(calls('POST /v1/lookup/mobile-number')).toBe(before);

    const other = numberOf(country.isoCode, operators[1]!.mobilePrefixes[0]!);
    const res = await gw.gql(LOOKUP_MOBILE, { number: other });
    expect(calls('POST /v1/lookup/mobile-number')).toBe(before + 1);
    const identified = (
      res.data as { lookupMobileNumber: { identified: boolean; operator: { operatorId: number } }[] }
    ).lookupMobileNumber.filter((m) => m.identified);
    expect(identified.map((m) => m.operator.operatorId)).toEqual([operators[1]!.id]);

    now += 30_001;
    await gw.gql(LOOKUP_MOBILE, { number });
    expect(calls('POST /v1/lookup/mobile-number')).toBe(before + 2);
  });

  it('answers BAD_USER_INPUT for a number impossible for its country, without calling DT One', async () => {
    const before = calls('POST /v1/lookup/mobile-number');
    const res = await gw.gql(LOOKUP_MOBILE, { number: '+1234567' });
    expect(res.data).toBeNull();
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'number' });
    expect(calls('POST /v1/lookup/mobile-number')).toBe(before);
  });

  it('refuses a number that is not E.164 at the scalar', async () => {
    const res = await gw.gql(LOOKUP_MOBILE, { number: '0065 9123 4567' });
    expect(res.errors?.[0]?.message).toContain('PhoneNumber');
  });
});

const STATEMENTS = /* GraphQL */ `
  query Statements($productId: Int!, $account: String!, $qualifier: String) {
    statementInquiry(productId: $productId, accountNumber: $account, accountQualifier: $qualifier) {
      reference dueDate statementDate balance { amount unit unitType }
    }
  }
`;

const unitOf = (p: ProductEntry) => String((p.json.en.destination as JsonObject).unit);
const supportsInquiry = (p: ProductEntry) =>
  (p.json.en.payment as JsonObject | undefined)?.supports_statement_inquiry === true;

describe('statementInquiry', () => {
  const expectSameStatements = async (product: ProductEntry, account: string) => {
    const raw = (await upstream('/lookup/statement-inquiry', {
      product_id: product.id,
      account_number: account,
      per_page: 100,
    })) as JsonObject[];
    const res = await gw.gql(STATEMENTS, { productId: product.id, account });
    expect(res.errors).toBeUndefined();
    const statements = (res.data as { statementInquiry: unknown[] }).statementInquiry;
    expect(statements).toEqual(
      raw.map((s) => ({
        reference: s.reference,
        dueDate: (s.dates as JsonObject).due,
        statementDate: (s.dates as JsonObject).statement,
        balance: {
          amount: atCurrencyScale(
            String((s.balance as JsonObject).amount),
            String((s.balance as JsonObject).unit),
          ),
          unit: (s.balance as JsonObject).unit,
          unitType: 'CURRENCY',
        },
      })),
    );
    return statements as { balance: { amount: string } }[];
  };

  it('answers every open statement of an account with its exact balance', async () => {
    const product = sandbox.catalogue.products.find(
      (p) => supportsInquiry(p) && minorUnits(unitOf(p)) === 2,
    )!;
    const statements = await expectSameStatements(product, '4111222333');
    expect(statements.length).toBeGreaterThan(0);
  });

  it('writes the exact balance of currencies with no minor unit and with three at their scale', async () => {
    for (const digits of [0, 3]) {
      const product = sandbox.catalogue.products.find(
        (p) => supportsInquiry(p) && minorUnits(unitOf(p)) === digits,
      );
      expect(product, `a bill product in a currency with ${digits} minor digits`).toBeDefined();
      const statements = await expectSameStatements(product!, '987654321');
      expect(statements.length).toBeGreaterThan(0);
    }
  });

  it('answers an empty list for an account that owes nothing', async () => {
    const product = sandbox.catalogue.products.find(supportsInquiry)!;
    const res = await gw.gql(STATEMENTS, { productId: product.id, account: '5550000' });
    expect(res.data).toEqual({ statementInquiry: [] });
  });

  it('caches per product, account and qualifier: a repeat costs nothing, another qualifier one call', async () => {
    const product = sandbox.catalogue.products.find(supportsInquiry)!;
    const vars = { productId: product.id, account: '777111222' };
    await gw.gql(STATEMENTS, vars);
    const before = calls('POST /v1/lookup/statement-inquiry');
    await gw.gql(STATEMENTS, vars);
    expect(calls('POST /v1/lookup/statement-inquiry')).toBe(before);
    await gw.gql(STATEMENTS, { ...vars, qualifier: 'POSTPAID' });
    expect(calls('POST /v1/lookup/statement-inquiry')).toBe(before + 1);
  });

  it('answers BAD_USER_INPUT for a product without statement inquiry and NOT_FOUND for an unknown product', async () => {
    const other = sandbox.catalogue.products.find((p) => !supportsInquiry(p))!;
    const refused = await gw.gql(STATEMENTS, { productId: other.id, account: '4111222333' });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await gw.gql(STATEMENTS, { productId: 2_000_000_000, account: '4111222333' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('answers BAD_USER_INPUT for a blank account number, without calling DT One', async () => {
    const product = sandbox.catalogue.products.find(supportsInquiry)!;
    const before = calls('POST /v1/lookup/statement-inquiry');
    const res = await gw.gql(STATEMENTS, { productId: product.id, account: '   ' });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'accountNumber' });
    expect(calls('POST /v1/lookup/statement-inquiry')).toBe(before);
  });
});

const BENEFITS = /* GraphQL */ `
  query Benefits($serviceId: Int!, $party: CreditPartyInput!) {
    creditPartyBenefits(serviceId: $serviceId, creditParty: $party) {
      type unitType unit amount unlimited expirationDate country { isoCode name }
    }
  }
`;
const STATUS = /* GraphQL */ `
  query Status($serviceId: Int!, $party: CreditPartyInput!) {
    creditPartyStatus(serviceId: $serviceId, creditParty: $party) { installationDate activationDate }
  }
`;

const wireParty = (party: Record<string, string>) => ({
  ...(party.mobileNumber && { mobile_number: party.mobileNumber }),
  ...(party.accountNumber && { account_number: party.accountNumber }),
  ...(party.accountQualifier && { account_qualifier: party.accountQualifier }),
});

describe('creditPartyBenefits and creditPartyStatus', () => {
  const benefitsOf = async (serviceId: number, party: Record<string, string>) => {
    const raw = (await upstream('/lookup/credit-party-benefits', {
      service_id: serviceId,
      credit_party_identifier: wireParty(party),
      per_page: 100,
    })) as JsonObject[];
    const res = await gw.gql(BENEFITS, { serviceId, party });
    expect(res.errors).toBeUndefined();
    const benefits = (res.data as { creditPartyBenefits: Record<string, unknown>[] }).creditPartyBenefits;
    expect(benefits).toEqual(
      raw.map((b) => ({
        type: b.type,
        unitType: b.unit_type,
        unit: b.unit,
        amount: b.amount,
        unlimited: b.amount === '-1',
        expirationDate: utc(b.expiration_date),
        country: { isoCode: (b.country as JsonObject).iso_code, name: (b.country as JsonObject).name },
      })),
    );
    return benefits;
  };

  it("answers a phone subscriber's talk time, data and SMS as DT One reports them", async () => {
    const { number } = mobileCase();
    const benefits = await benefitsOf(1, { mobileNumber: number });
    expect(benefits.map((b) => b.type)).toEqual(['TALKTIME', 'DATA', 'SMS']);
  });

  it('marks unlimited benefits and keeps a missing expiry null, for eSIM ICCIDs', async () => {
    let unlimited = 0;
    let neverExpires = 0;
    for (let i = 1; i <= 60 && (unlimited === 0 || neverExpires === 0); i++) {
      const benefits = await benefitsOf(13, {
        accountNumber: `89014103211118510${String(i).padStart(3, '1')}`,
      });
      unlimited += benefits.filter((b) => b.unlimited === true && b.amount === '-1').length;
      neverExpires += benefits.filter((b) => b.expirationDate === null).length;
    }
    expect(unlimited).toBeGreaterThan(0);
    expect(neverExpires).toBeGreaterThan(0);
  });

  it('answers the installation and activation dates DT One reports', async () => {
    for (const accountNumber of ['8901410321111851072', '8901410321111851073', '8901410321111851074']) {
      const raw = (await upstream('/lookup/credit-party-status', {
        service_id: 13,
        credit_party_identifier: { account_number: accountNumber },
      })) as JsonObject;
      const res = await gw.gql(STATUS, { serviceId: 13, party: { accountNumber } });
      expect(res.data).toEqual({
        creditPartyStatus: {
          installationDate: utc(raw.installation_date),
          activationDate: utc(raw.activation_date),
        },
      });
    }
  });

  it('caches both look-ups per service and identifier', async () => {
    const party = { accountNumber: '8901410321111851999' };
    await gw.gql(BENEFITS, { serviceId: 13, party });
    await gw.gql(STATUS, { serviceId: 13, party });
    const benefitCalls = calls('POST /v1/lookup/credit-party-benefits');
    const statusCalls = calls('POST /v1/lookup/credit-party-status');
    await gw.gql(BENEFITS, { serviceId: 13, party });
    await gw.gql(STATUS, { serviceId: 13, party });
    expect(calls('POST /v1/lookup/credit-party-benefits')).toBe(benefitCalls);
    expect(calls('POST /v1/lookup/credit-party-status')).toBe(statusCalls);
    await gw.gql(BENEFITS, { serviceId: 1, party });
    await gw.gql(STATUS, { serviceId: 13, party: { ...party, accountQualifier: 'ESIM' } });
    expect(calls('POST /v1/lookup/credit-party-benefits')).toBe(benefitCalls + 1);
    expect(calls('POST /v1/lookup/credit-party-status')).toBe(statusCalls + 1);
  });

  it('answers BAD_USER_INPUT for a credit party with no field, without calling DT One', async () => {
    const before =
      calls('POST /v1/lookup/credit-party-benefits') + calls('POST /v1/lookup/credit-party-status');
    for (const query of [BENEFITS, STATUS]) {
      const res = await gw.gql(query, { serviceId: 13, party: {} });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'creditParty' });
    }
    const impossible = await gw.gql(BENEFITS, { serviceId: 1, party: { mobileNumber: '+1234567' } });
    expect(impossible.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'creditParty.mobileNumber',
    });
    expect(
      calls('POST /v1/lookup/credit-party-benefits') + calls('POST /v1/lookup/credit-party-status'),
    ).toBe(before);
  });

  it('answers NOT_FOUND for an unknown service', async () => {
    const res = await gw.gql(BENEFITS, { serviceId: 999, party: { accountNumber: '8901410321111851072' } });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

const BALANCES = /* GraphQL */ `
  query Balances($unit: CurrencyCode) {
    balances(unit: $unit) {
      id balanceId unit
      available { amount unit unitType }
      holding { amount unit }
      creditLimit { amount unit }
    }
  }
`;

/** A product whose transactions need no identifier, sender or beneficiary. */
const requiresNothing = (product: JsonObject) =>
  Object.entries(product).every(
    ([key, value]) => !key.startsWith('required_') || value === null || (value as unknown[]).length === 0,
  );

describe('balances', () => {
  it("answers every balance of the account with DT One's exact amounts, and one currency on request", async () => {
    now += 60_000;
    const raw = (await upstream('/balances?per_page=100')) as JsonObject[];
    const res = await gw.gql(BALANCES);
    expect(res.errors).toBeUndefined();
    const balances = (res.data as { balances: Record<string, unknown>[] }).balances;
    expect(balances.map(({ id: _id, ...rest }) => rest)).toEqual(
      raw.map((b) => ({
        balanceId: Number(b.id),
        unit: b.unit,
        available: { amount: b.available, unit: b.unit, unitType: 'CURRENCY' },
        holding: { amount: b.holding, unit: b.unit },
        creditLimit: { amount: b.credit_limit, unit: b.unit },
      })),
    );
    expect(balances.length).toBeGreaterThan(1);

    const unit = String(raw[1]!.unit);
    const one = await gw.gql(BALANCES, { unit });
    expect((one.data as { balances: { unit: string }[] }).balances.map((b) => b.unit)).toEqual([unit]);
  });

  it('serves a balance from cache for at most two seconds, then reads the held amount again', async () => {
    now += 60_000;
    const first = await gw.gql(BALANCES);
    const before = calls('GET /v1/balances');
    const product = sandbox.catalogue.products.find(
      (p) => p.type.startsWith('FIXED_') && requiresNothing(p.json.en),
    )!;
    const wholesale = (product.json.en.prices as JsonObject).wholesale as JsonObject;
    const unit = String(wholesale.unit);
    await sandbox.control.engine.create({ external_id: `balance-${now}`, product_id: product.id }, 'async');

    const cached = await gw.gql(BALANCES);
    expect(cached.data).toEqual(first.data);
    expect(calls('GET /v1/balances')).toBe(before);

    now += 2_001;
    const fresh = await gw.gql(BALANCES);
    expect(calls('GET /v1/balances')).toBe(before + 1);
    const holding = (
      fresh.data as { balances: { unit: string; holding: { amount: string } }[] }
    ).balances.find((b) => b.unit === unit)!.holding.amount;
    const raw = (await upstream(`/balances?unit=${unit}`)) as JsonObject[];
    expect(holding).toBe(raw[0]!.holding);
    expect(holding).not.toBe(
      (first.data as { balances: { unit: string; holding: { amount: string } }[] }).balances.find(
        (b) => b.unit === unit,
      )!.holding.amount,
    );
  });

  it('refetches a balance by its node id', async () => {
    const res = await gw.gql(BALANCES);
    const [balance] = (res.data as { balances: { id: string; unit: string }[] }).balances;
    const node = await gw.gql(`query($id: ID!) { node(id: $id) { ... on Balance { unit } } }`, {
      id: balance!.id,
    });
    expect(node.data).toEqual({ node: { unit: balance!.unit } });
  });
});

describe('benefitTypes', () => {
  it("answers DT One's benefit types, each refetchable by its node id", async () => {
    const raw = (await upstream('/benefit-types?per_page=100')) as JsonObject[];
    const res = await gw.gql(`{ benefitTypes { id name } }`);
    const types = (res.data as { benefitTypes: { id: string; name: string }[] }).benefitTypes;
    expect(types.map((t) => t.name)).toEqual(raw.map((t) => t.name));
    const node = await gw.gql(`query($id: ID!) { node(id: $id) { ... on BenefitType { name } } }`, {
      id: types[1]!.id,
    });
    expect(node.data).toEqual({ node: { name: types[1]!.name } });
  });
});
