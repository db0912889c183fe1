import fc from 'fast-check';
import { isLosslessNumber, LosslessNumber } from 'lossless-json';
import { beforeAll, describe, expect, it } from 'vitest';
import { minorUnits } from '../../src/money/currency.js';
import type { JsonObject, JsonValue, ProductEntry } from '../../src/sandbox/catalogue/types.js';
import { SandboxError } from '../../src/sandbox/errors.js';
import type { Sandbox } from '../../src/sandbox/server.js';
import { startGateway, type TestGateway } from '../helpers/gateway.js';

let gw: TestGateway;
let sandbox: Sandbox;

beforeAll(async () => {
  gw = await startGateway();
  sandbox = gw.sandbox;
  // Every property run holds money until it is cancelled; make sure no run is refused for lack of it.
  for (const balance of sandbox.catalogue.balances) sandbox.control.ledger.set(balance.unit, '100000000.00');
});

const QUOTE = /* GraphQL */ `
  query Quote($productId: Int!, $amount: Decimal!, $mode: CalculationMode!) {
    quote(productId: $productId, amount: $amount, mode: $mode) {
      __typename
      ... on QuoteSuccess {
        quote {
          product { productId type }
          mode
          source { amount unit unitType }
          destination { amount unit unitType }
          wholesalePrice { amount unit }
          fee { amount unit }
          retailPrice { amount unit }
        }
      }
      ... on Error { message code }
      ... on AmountOutOfRangeError { min max increment unit }
      ... on CalculationModeNotAcceptedError { mode accepted }
      ... on InvalidAmountError { field }
      ... on ProductUnavailableError { productId }
      ... on ProductNotRangedError { productId productType }
    }
  }
`;

type Mode = 'SOURCE_AMOUNT' | 'DESTINATION_AMOUNT';
type QuoteAnswer = Record<string, unknown> & { __typename: string };

async function quote(productId: number, amount: string, mode: Mode): Promise<QuoteAnswer> {
  const res = await gw.gql(QUOTE, { productId, amount, mode });
  expect(res.errors).toBeUndefined();
  return (res.data as { quote: QuoteAnswer }).quote;
}

const text = (value: JsonValue | undefined): string => {
  if (isLosslessNumber(value)) return value.value;
  throw new Error(`not a number: ${String(value)}`);
};
const obj = (value: JsonValue | undefined) => value as JsonObject;

interface Ranged {
  product: ProductEntry;
  modes: Mode[];
  source: { unit: string; min: string; max: string };
  destination: { unit: string; min: string; max: string; increment: string };
}

function rangedOf(product: ProductEntry): Ranged {
  const json = product.json.en;
  const source = obj(json.source);
  const destination = obj(json.destination);
  return {
    product,
    modes: json.accepted_calculation_modes as Mode[],
    source: {
      unit: String(source.unit),
      min: text(obj(source.amount).min),
      max: text(obj(source.amount).max),
    },
    destination: {
      unit: String(destination.unit),
      min: text(obj(destination.amount).min),
      max: text(obj(destination.amount).max),
      increment: text(obj(destination.amount).increment),
    },
  };
}

/** A valid value for every field a product may require. */
const FIELD_VALUES: Record<string, string> = {
  mobile_number: '+6595123100',
  account_number: '5300012100',
  account_qualifier: 'POSTPAID',
  first_name: 'Ana',
  last_name: 'Lim',
  middle_name: 'Mei',
  email: 'ana@example.com',
  reference: 'Nov 2026',
  due_date: '2026-12-01',
  purchaser_id: 'pos-000123',
};
const PARTIES: Record<string, string> = {
  required_credit_party_identifier_fields: 'credit_party_identifier',
  required_debit_party_identifier_fields: 'debit_party_identifier',
  required_sender_fields: 'sender',
  required_beneficiary_fields: 'beneficiary',
  required_statement_identifier_fields: 'statement_identifier',
  required_additional_identifier_fields: 'additional_identifier',
};

let externalIds = 0;

/** Creates (and cancels) the transaction DT One's sandbox would price for this amount; `null` when it refuses it. */
async function sandboxPrice(r: Ranged, amount: string, mode: Mode): Promise<JsonObject | null> {
  const json = r.product.json.en;
  const side = mode === 'SOURCE_AMOUNT' ? r.source : r.destination;
  const body: JsonObject = {
    external_id: `quote-${++externalIds}`,
    product_id: r.product.id,
    calculation_mode: mode,
    [mode === 'SOURCE_AMOUNT' ? 'source' : 'destination']: {
      unit_type: 'CURRENCY',
      unit: side.unit,
      amount: new LosslessNumber(amount),
    },
  };
  for (const [field, party] of Object.entries(PARTIES)) {
    for (const name of ((json[field] ?? []) as string[][]).flat()) {
      body[party] = { ...obj(body[party] ?? {}), [name]: FIELD_VALUES[name]! };
    }
  }
  try {
    const tx = await sandbox.control.engine.create(body, 'async');
    sandbox.control.engine.cancel(String(tx.id));
    return tx;
  } catch (error) {
    if (error instanceof SandboxError && error.code === 1003002) return null;
    throw error;
  }
}

/** The quote's amounts as the transaction carries them, exact text for exact text. */
function pricedAs(tx: JsonObject, mode: Mode) {
  const adjusted = obj(tx.adjusted_values);
  const wholesale = obj(obj(tx.prices).wholesale);
  const retail = obj(tx.prices).retail as JsonObject | null;
  const money = (m: JsonObject) => ({ amount: text(m.amount), unit: m.unit });
  return {
    mode,
    source: { ...money(obj(adjusted.source)), unitType: 'CURRENCY' },
    destination: { ...money(obj(adjusted.destination)), unitType: 'CURRENCY' },
    wholesalePrice: money(wholesale),
    fee: { amount: text(wholesale.fee), unit: wholesale.unit },
    retailPrice: retail && retail.amount !== null ? money(retail) : null,
  };
}

const rangedProducts = () =>
  sandbox.catalogue.products.filter((p) => p.type.startsWith('RANGED_')).map(rangedOf);

/** Decimal text of `minor` minor units of `unit` ("1234" USD → "12.34"; BIF → "1234"). */
function fromMinor(minor: bigint, unit: string): string {
  const digits = minorUnits(unit);
  const negative = minor < 0n;
  const padded = (negative ? -minor : minor).toString().padStart(digits + 1, '0');
  const whole = digits === 0 ? padded : `${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
  return negative ? `-${whole}` : whole;
}
const toMinor = (amount: string, unit: string) => {
  const [whole, fraction = ''] = amount.split('.');
  return BigInt(`${whole}${fraction.padEnd(minorUnits(unit), '0')}`);
};

describe('quote', () => {
  it('prices a destination amount as the sandbox prices its transaction', async () => {
    const r = rangedProducts().find((p) => p.modes.includes('DESTINATION_AMOUNT'))!;
    const answer = await quote(r.product.id, r.destination.max, 'DESTINATION_AMOUNT');
    expect(answer.__typename).toBe('QuoteSuccess');
    const tx = (await sandboxPrice(r, r.destination.max, 'DESTINATION_AMOUNT'))!;
    expect(answer.quote).toEqual({
      product: { productId: r.product.id, type: r.product.type },
      ...pricedAs(tx, 'DESTINATION_AMOUNT'),
    });
  });

  it('prices a source amount as the sandbox prices its transaction', async () => {
    const r = rangedProducts().find((p) => p.modes.includes('SOURCE_AMOUNT'))!;
    const answer = await quote(r.product.id, r.source.min, 'SOURCE_AMOUNT');
    const tx = (await sandboxPrice(r, r.source.min, 'SOURCE_AMOUNT'))!;
    expect(answer).toMatchObject({ __typename: 'QuoteSuccess', quote: pricedAs(tx, 'SOURCE_AMOUNT') });
  });

  it('keeps every digit of currencies with no minor unit and with three', async () => {
    for (const digits of [0, 3]) {
      const r = rangedProducts().find(
        (p) => minorUnits(p.destination.unit) === digits && p.modes.includes('SOURCE_AMOUNT'),
      );
      expect(r, `a ranged product paying out a currency with ${digits} minor digits`).toBeDefined();
      const answer = await quote(r!.product.id, r!.source.max, 'SOURCE_AMOUNT');
      const delivered = (answer.quote as { destination: { amount: string } }).destination.amount;
      expect(delivered.split('.')[1]?.length ?? 0).toBe(digits);
      const tx = (await sandboxPrice(r!, r!.source.max, 'SOURCE_AMOUNT'))!;
      expect(answer.quote).toMatchObject(pricedAs(tx, 'SOURCE_AMOUNT'));
    }
  });

  it('answers AmountOutOfRangeError with the range below the minimum, above the maximum and off the increment', async () => {
    const r = rangedProducts().find(
      (p) =>
        p.modes.includes('DESTINATION_AMOUNT') && toMinor(p.destination.increment, p.destination.unit) > 1n,
    )!;
    const unit = r.destination.unit;
    const min = toMinor(r.destination.min, unit);
    for (const minor of [min - 1n, toMinor(r.destination.max, unit) + 1n, min + 1n]) {
      const answer = await quote(r.product.id, fromMinor(minor, unit), 'DESTINATION_AMOUNT');
      expect(answer).toMatchObject({
        __typename: 'AmountOutOfRangeError',
        code: 'AMOUNT_OUT_OF_RANGE',
        unit,
        min: r.destination.min,
        max: r.destination.max,
        increment: r.destination.increment,
      });
    }
  });

  it('answers InvalidAmountError on the amount when it has more decimals than its currency', async () => {
    const r = rangedProducts().find((p) => p.modes.includes('SOURCE_AMOUNT'))!;
    const answer = await quote(r.product.id, `${r.source.min}1`, 'SOURCE_AMOUNT');
    expect(answer).toMatchObject({
      __typename: 'InvalidAmountError',
      code: 'INVALID_AMOUNT',
      field: 'amount',
    });
    const whole = rangedProducts().find(
      (p) => minorUnits(p.destination.unit) === 0 && p.modes.includes('DESTINATION_AMOUNT'),
    )!;
    expect(await quote(whole.product.id, `${whole.destination.min}.0`, 'DESTINATION_AMOUNT')).toMatchObject({
      __typename: 'InvalidAmountError',
      field: 'amount',
    });
  });

  it('answers CalculationModeNotAcceptedError with the modes the product accepts', async () => {
    const r = rangedProducts().find((p) => p.modes.length === 1)!;
    const refused: Mode = r.modes[0] === 'SOURCE_AMOUNT' ? 'DESTINATION_AMOUNT' : 'SOURCE_AMOUNT';
    expect(await quote(r.product.id, '10', refused)).toMatchObject({
      __typename: 'CalculationModeNotAcceptedError',
      code: 'CALCULATION_MODE_NOT_ACCEPTED',
      mode: refused,
      accepted: r.modes,
    });
  });

  it('answers ProductNotRangedError for a fixed product and ProductUnavailableError for an unknown one', async () => {
    const fixed = sandbox.catalogue.products.find((p) => p.type.startsWith('FIXED_'))!;
    expect(await quote(fixed.id, '10', 'DESTINATION_AMOUNT')).toMatchObject({
      __typename: 'ProductNotRangedError',
      code: 'PRODUCT_NOT_RANGED',
      productId: fixed.id,
      productType: fixed.type,
    });
    for (const id of [2_000_000_000, 0]) {
      expect(await quote(id, '10', 'DESTINATION_AMOUNT')).toMatchObject({
        __typename: 'ProductUnavailableError',
        code: 'PRODUCT_UNAVAILABLE',
        productId: id,
      });
    }
  });

  it('refuses an amount given as a JSON number: it may not be exact', async () => {
    const r = rangedProducts()[0]!;
    const res = await gw.gql(QUOTE, { productId: r.product.id, amount: 10.5, mode: 'DESTINATION_AMOUNT' });
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]?.message).toContain('Decimal');
  });

  it('quotes exactly what the sandbox charges, and refuses exactly what it refuses, for random amounts', async () => {
    const products = rangedProducts();
    const cases = fc.constantFrom(...products).chain((r) =>
      fc.constantFrom(...r.modes).chain((mode) => {
        const side = mode === 'SOURCE_AMOUNT' ? r.source : r.destination;
        const min = toMinor(side.min, side.unit);
        const max = toMinor(side.max, side.unit);
        const slack = (max - min) / 8n + 2n;
        const anywhere = fc.bigInt({ min: min - slack, max: max + slack });
        const step = mode === 'DESTINATION_AMOUNT' ? toMinor(r.destination.increment, side.unit) : 1n;
        const onGrid = fc.bigInt({ min: 0n, max: (max - min) / step }).map((k) => min + k * step);
        return fc
          .oneof(anywhere, onGrid, fc.constantFrom(min, max))
          .filter((minor) => minor >= 0n)
          .map((minor) => ({ r, mode, amount: fromMinor(minor, side.unit) }));
      }),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ({ r, mode, amount }) => {
        const answer = await quote(r.product.id, amount, mode);
        const tx = await sandboxPrice(r, amount, mode);
        if (tx === null) {
          expect(answer.__typename).toBe('AmountOutOfRangeError');
        } else {
          expect(answer.__typename).toBe('QuoteSuccess');
          expect(answer.quote).toMatchObject(pricedAs(tx, mode));
        }
      }),
      { numRuns: 300 },
    );
  });
});
