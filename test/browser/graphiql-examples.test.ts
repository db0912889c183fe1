import { Decimal } from 'decimal.js';
import { Kind, type OperationDefinitionNode, parse, type ValueNode, visit } from 'graphql';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATIONS, LIVE_EXAMPLE_OPERATIONS } from '../../src/graphiql-examples.js';
import type { JsonObject } from '../../src/sandbox/catalogue/types.js';
import { startEmbeddedGateway, type TestGateway } from '../helpers/gateway.js';

const document = parse(EXAMPLE_OPERATIONS);
const operations = document.definitions.filter(
  (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
);

/**
 * The literal text of `field(argument: ...)` in the examples (string, int or enum), so the test checks what users
 * run. A dotted argument reaches into an input object: `input.creditParty.mobileNumber`.
 */
function literalArgument(operationName: string, field: string, argument: string): string {
  const operation = operations.find((o) => o.name?.value === operationName);
  const [name, ...path] = argument.split('.');
  let found: ValueNode | undefined;
  if (operation) {
    visit(operation, {
      Field(node) {
        if (node.name.value !== field) return;
        found ??= node.arguments?.find((a) => a.name.value === name)?.value;
      },
    });
  }
  for (const key of path) {
    found = found?.kind === Kind.OBJECT ? found.fields.find((f) => f.name.value === key)?.value : undefined;
  }
  if (!found || !('value' in found) || typeof found.value !== 'string') {
    throw new Error(`${operationName} has no literal ${field}(${argument}:)`);
  }
  return found.value;
}

interface WatchEvent {
  data?: { transactionUpdated: { statusClass: string; status: string; updatedAt: string } };
  errors?: unknown[];
}

/**
 * Runs WatchTopUp over server-sent events, as GraphiQL does, and hands each event to `onEvent` until the top-up
 * settles as COMPLETED (or the stream ends or errs). Returns every event read.
 */
async function watchTopUp(
  gateway: TestGateway,
  onEvent: (event: WatchEvent) => void = () => {},
): Promise<WatchEvent[]> {
  const res = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query: EXAMPLE_OPERATIONS, operationName: 'WatchTopUp' }),
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const events: WatchEvent[] = [];
  let buffer = '';
  const settled = () =>
    events.some((e) => e.errors || e.data?.transactionUpdated.statusClass === 'COMPLETED');
  try {
    while (!settled()) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('data: ')) continue;
        const event = JSON.parse(line.slice('data: '.length)) as WatchEvent;
        events.push(event);
        onEvent(event);
      }
    }
  } finally {
    await reader.cancel();
  }
  return events;
}

let t: TestGateway;
beforeAll(async () => {
  t = await startEmbeddedGateway();
});

/** One operation of the examples document, sent as GraphiQL sends it: the whole text and an operation name. */
async function run<T>(operationName: string, gateway: TestGateway = t) {
  const res = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: EXAMPLE_OPERATIONS, operationName }),
  });
  return { status: res.status, ...((await res.json()) as { data?: T; errors?: unknown[] }) };
}

describe('GraphiQL example operations', () => {
  it('are the catalogue walk, the look-up, the quote, the top-up and its watch, each named', () => {
    expect(operations.map((o) => o.name?.value)).toEqual([
      'CatalogueWalk',
      'MobileNumberLookup',
      'Quote',
      'TopUp',
      'WatchTopUp',
    ]);
    expect(operations.map((o) => o.operation)).toEqual([
      'query',
      'query',
      'query',
      'mutation',
      'subscription',
    ]);
  });

  it('each run without errors against the embedded sandbox, in the order they are listed', async () => {
    for (const operation of operations) {
      const name = operation.name?.value ?? '';
      if (operation.operation === 'subscription') {
        const events = await watchTopUp(t);
        expect(events.length, name).toBeGreaterThan(0);
        expect(
          events.filter((e) => e.errors),
          name,
        ).toEqual([]);
        expect(events.at(-1)?.data?.transactionUpdated.statusClass, name).toBe('COMPLETED');
        continue;
      }
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

  it('TopUp buys the product it names for the number it names, once however often it runs', async () => {
    const gateway = await startEmbeddedGateway();
    const productId = Number(literalArgument('TopUp', 'createTransaction', 'input.productId'));
    const number = literalArgument('TopUp', 'createTransaction', 'input.creditParty.mobileNumber');
    const product = gateway.sandbox.catalogue.byId.product.get(productId);
    expect(product?.json.en.required_credit_party_identifier_fields).toEqual([['mobile_number']]);
    // The sandbox completes a number ending in 100 (after 3 s, scaled); other endings decline or wait longer.
    expect(number).toMatch(/100$/);

    type TopUpResult = {
      createTransaction: { __typename: string; transaction?: { id: string; statusClass: string } };
    };
    const first = await run<TopUpResult>('TopUp', gateway);
    const again = await run<TopUpResult>('TopUp', gateway);
    expect(first.data?.createTransaction.__typename).toBe('CreateTransactionSuccess');
    expect(first.data?.createTransaction.transaction?.statusClass).toMatch(
      /^(CONFIRMED|SUBMITTED|COMPLETED)$/,
    );
    expect(again.data?.createTransaction.transaction?.id).toBe(first.data?.createTransaction.transaction?.id);

    const sent = gateway.sandbox.control.engine.all();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      product: { id: productId },
      credit_party_identifier: { mobile_number: number },
    });
  });

  it('WatchTopUp follows TopUp by its key: the current state first, then the change to COMPLETED', async () => {
    const key = literalArgument('TopUp', 'createTransaction', 'input.idempotencyKey');
    expect(literalArgument('WatchTopUp', 'transactionUpdated', 'idempotencyKey')).toBe(key);
    // 3 s × 100: the top-up cannot settle on its own during the test; the sandbox's clock is moved on instead,
    // once the watch has shown the state it found.
    const gateway = await startEmbeddedGateway({ SANDBOX_TIME_SCALE: '100' });
    const created = await run<{ createTransaction: { transaction: { id: string } } }>('TopUp', gateway);
    const id = created.data?.createTransaction.transaction.id;

    const events = await watchTopUp(gateway, (event) => {
      if (event.data?.transactionUpdated.statusClass === 'CONFIRMED') {
        gateway.sandbox.control.clock.advance(300_000);
      }
    });
    expect(events.filter((e) => e.errors)).toEqual([]);
    const classes = events.map((e) => e.data?.transactionUpdated.statusClass);
    expect(classes[0]).toBe('CONFIRMED');
    expect(classes.at(-1)).toBe('COMPLETED');
    expect(new Set(classes).size).toBe(classes.length);
    const times = events.map((e) => Date.parse(e.data?.transactionUpdated.updatedAt ?? ''));
    expect(times.every((time, i) => Number.isFinite(time) && time >= (times[i - 1] ?? time))).toBe(true);

    const read = await gateway.gql<{ transaction: { statusClass: string; status: string } }>(
      /* GraphQL */ `query ($id: ID!) { transaction(id: $id) { statusClass status } }`,
      { id },
    );
    expect(read.data?.transaction).toEqual({ statusClass: 'COMPLETED', status: 'COMPLETED' });
  });
});

describe('GraphiQL examples per page load', () => {
  it('give TopUp and WatchTopUp one fresh key of their own on each load of the page', async () => {
    const gateway = await startEmbeddedGateway();
    const keysOnPage = async () => {
      const res = await fetch(`${gateway.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      return new Set((await res.text()).match(/graphiql-top-up-[0-9a-f-]{36}/g));
    };
    const first = await keysOnPage();
    const second = await keysOnPage();
    expect(first.size).toBe(1);
    expect(second.size).toBe(1);
    expect([...first][0]).not.toBe([...second][0]);
  });
});

describe('GraphiQL examples in live mode', () => {
  it('leave out the money-moving examples, so pressing run never buys a real top-up', () => {
    const live = parse(LIVE_EXAMPLE_OPERATIONS);
    const names = live.definitions.map((d) => (d.kind === 'OperationDefinition' ? d.name?.value : undefined));
    expect(names).toEqual(['CatalogueWalk', 'MobileNumberLookup', 'Quote']);
  });
});
