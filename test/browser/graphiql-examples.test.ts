import { Decimal } from 'decimal.js';
import { Kind, type OperationDefinitionNode, parse, type ValueNode, visit } from 'graphql';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATIONS } from '../../src/graphiql-examples.js';
import type { JsonObject } from '../../src/sandbox/catalogue/types.js';
import { startEmbeddedGateway, type TestGateway } from '../helpers/gateway.js';

const document = parse(EXAMPLE_OPERATIONS);
const operations = document.definitions.filter(
  (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
);

/** The literal text of `field(argument: ...)` in the examples (string, int or enum), so the test checks what users run. */
function literalArgument(operationName: string, field: string, argument: string): string {
  const operation = operations.find((o) => o.name?.value === operationName);
  let found: ValueNode | undefined;
  if (operation) {
    visit(operation, {
      Field(node) {
        if (node.name.value !== field) return;
        found ??= node.arguments?.find((a) => a.name.value === argument)?.value;
      },
    });
  }
  if (!found || !('value' in found) || typeof found.value !== 'string') {
    throw new Error(`${operationName} has no literal ${field}(${argument}:)`);
  }
  return found.value;
}

let t: TestGateway;
beforeAll(async () => {
  t = await startEmbeddedGateway();
});

/** One operation of the examples document, sent as GraphiQL sends it: the whole text and an operation name. */
async function run<T>(operationName: string) {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: EXAMPLE_OPERATIONS, operationName }),
  });
  return { status: res.status, ...((await res.json()) as { data?: T; errors?: unknown[] }) };
}

describe('GraphiQL example operations', () => {
  it('are the catalogue walk, the mobile-number look-up and the quote, each named', () => {
    expect(operations.map((o) => o.name?.value)).toEqual(['CatalogueWalk', 'MobileNumberLookup', 'Quote']);
  });

  it('each run without errors against the embedded sandbox', async () => {
    for (const operation of operations) {
      const name = operation.name?.value ?? '';
      const result = await run<Record<string, unknown>>(name);
      expect(result.errors, name).toBeUndefined();
      expect(result.status, name).toBe(200);
      for (const value of Object.values(result.data ?? {})) expect(value, name).not.toBeNull();
    }
  });

  it('CatalogueWalk shows the country the example names, as the catalogue has it', async () => {
    const isoCode = literalArgument('CatalogueWalk', 'country', 'isoCode');
    const country = t.sandbox.catalogue.countries.find((c) => c.isoCode === isoCode);
    expect(country, isoCode).toBeDefined();
    const result = await run<{ country: { name: string; operators: { totalCount: number } } }>(
      'CatalogueWalk',
    );
    expect(result.data?.country.name).toBe(country?.json.name);
    expect(result.data?.country.operators.totalCount).toBe(
      t.sandbox.catalogue.operators.filter((o) => o.countryIsoCode === isoCode).length,
    );
  });

  it('MobileNumberLookup names a number whose operator the catalogue identifies by its prefix', async () => {
    const number = literalArgument('MobileNumberLookup', 'lookupMobileNumber', 'number');
    const phone = parsePhoneNumberFromString(number);
    const country = t.sandbox.catalogue.countries.find((c) => c.alpha2 === phone?.country);
    const owners = t.sandbox.catalogue.operators.filter(
      (o) =>
        o.countryIsoCode === country?.isoCode &&
        o.mobilePrefixes.some((prefix) => phone?.nationalNumber.startsWith(prefix)),
    );
    expect(owners.map((o) => o.id)).toHaveLength(1);

    const result = await run<{
      lookupMobileNumber: { identified: boolean; operator: { operatorId: number; name: string } }[];
    }>('MobileNumberLookup');
    const [first, ...others] = result.data?.lookupMobileNumber ?? [];
    expect(first).toEqual({
      identified: true,
      operator: expect.objectContaining({ operatorId: owners[0]?.id, name: owners[0]?.json.name }),
    });
    expect(others.every((match) => !match.identified)).toBe(true);
  });

  it('Quote prices an in-range amount of a ranged product in a mode it accepts', async () => {
    const productId = Number(literalArgument('Quote', 'quote', 'productId'));
    const amount = literalArgument('Quote', 'quote', 'amount');
    const mode = literalArgument('Quote', 'quote', 'mode');
    const product = t.sandbox.catalogue.byId.product.get(productId);
    expect(product?.type).toMatch(/^RANGED_VALUE_/);
    expect(product?.json.en.accepted_calculation_modes).toContain(mode);
    expect(mode).toBe('DESTINATION_AMOUNT');
    const destination = product?.json.en.destination as JsonObject;
    const range = destination.amount as JsonObject;
    expect(new Decimal(amount).gte(String(range.min))).toBe(true);
    expect(new Decimal(amount).lte(String(range.max))).toBe(true);

    const result = await run<{
      quote: { __typename: string; quote?: { destination: { amount: string; unit: string } } };
    }>('Quote');
    expect(result.data?.quote.__typename).toBe('QuoteSuccess');
    expect(new Decimal(result.data?.quote.quote?.destination.amount ?? 'NaN').eq(amount)).toBe(true);
    expect(result.data?.quote.quote?.destination.unit).toBe(destination.unit);
  });
});
