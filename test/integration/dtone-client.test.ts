import { stringify } from 'lossless-json';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createDtOneClient,
  type DtOneClient,
  type DtOneClientOptions,
} from '../../src/datasources/dtone/client.js';
import {
  DtOneApiError,
  DtOneAuthenticationError,
  DtOneConflictError,
  DtOneConnectionError,
  DtOneError,
  DtOneInsufficientBalanceError,
  DtOneInvalidRequestError,
  DtOneNotFoundError,
  DtOneOutcomeUnknownError,
  DtOneProtocolError,
  DtOneRateLimitError,
  DtOneStateError,
  DtOneUnavailableError,
} from '../../src/datasources/dtone/errors.js';
import type { CreateTransactionBody } from '../../src/datasources/dtone/types.js';
import { Decimal } from '../../src/money/decimal.js';
import { parseJson } from '../../src/money/json.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/server.js';

let sandbox: Sandbox;
let client: DtOneClient;
const extra: DtOneClient[] = [];

function open(overrides: Partial<DtOneClientOptions> = {}): DtOneClient {
  const c = createDtOneClient({
    baseUrl: `${sandbox.url}/v1`,
    apiKey: sandbox.credentials.dvs.apiKey,
    apiSecret: sandbox.credentials.dvs.apiSecret,
    timeoutMs: 3000,
    backoff: { baseDelayMs: 1, maxDelayMs: 10 },
    ...overrides,
  });
  extra.push(c);
  return c;
}

beforeAll(async () => {
  sandbox = await createSandbox({ seed: 7, timeScale: 0.001 });
  client = open();
});

afterEach(() => {
  sandbox.control.faults.clear();
  sandbox.control.resetCalls();
});

afterAll(async () => {
  await Promise.all(extra.map((c) => c.close()));
  await sandbox.stop();
});

async function rejection(promise: Promise<unknown>): Promise<DtOneError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DtOneError);
  return error as DtOneError;
}

let counter = 0;
const nextExternalId = () => `it-${process.pid}-${Date.now()}-${++counter}`;

/** A fixed-value airtime product that needs only the credit party's mobile number. */
function airtimeProduct() {
  const entry = sandbox.catalogue.products.find((p) => {
    const required = p.json.en.required_credit_party_identifier_fields;
    return p.type === 'FIXED_VALUE_RECHARGE' && JSON.stringify(required) === '[["mobile_number"]]';
  });
  if (!entry) throw new Error('the sandbox catalogue has no plain airtime product');
  const country = sandbox.catalogue.byId.country.get(entry.countryIsoCode);
  const wholesale = (entry.json.en.prices as { wholesale: { unit: string } }).wholesale;
  return { id: entry.id, callingCode: country?.callingCode ?? '65', unit: wholesale.unit };
}

/** A create body whose credit party number ends in `suffix` (DT One's sandbox outcome table). */
function airtime(suffix = '100', overrides: Partial<CreateTransactionBody> = {}): CreateTransactionBody {
  const product = airtimeProduct();
  return {
    external_id: nextExternalId(),
    product_id: product.id,
    credit_party_identifier: { mobile_number: `+${product.callingCode}9512${suffix}` },
    ...overrides,
  };
}

const errorBody = (code: number, message: string) => ({ errors: [{ code, message }] });

/** The country whose product count is closest to 40: eight pages of five, small enough to walk page by page. */
function midsizeCountry(): { iso: string; count: number } {
  const counts = new Map<string, number>();
  for (const p of sandbox.catalogue.products)
    counts.set(p.countryIsoCode, (counts.get(p.countryIsoCode) ?? 0) + 1);
  const [iso, count] = [...counts].sort((a, b) => Math.abs(a[1] - 40) - Math.abs(b[1] - 40))[0]!;
  return { iso, count };
}

describe('DT One client against the sandbox: catalogue', () => {
  it('reads a product exactly as the sandbox wrote it, amounts as their literal text', async () => {
    const entry =
      sandbox.catalogue.products.find((p) => p.type.startsWith('RANGED')) ?? sandbox.catalogue.products[0]!;
    const product = await client.getProduct(entry.id);
    expect(product).toEqual(parseJson(stringify(entry.json.en) ?? 'null'));
  });

  it('passes Accept-Language through and gets the translated product', async () => {
    const entry =
      sandbox.catalogue.products.find((p) => p.name.es !== p.name.en) ?? sandbox.catalogue.products[0]!;
    const product = await client.getProduct(entry.id, { acceptLanguage: 'es' });
    expect(product.name).toBe(entry.name.es);
  });

  it('follows nextPage forwards across every page and sees each product once', async () => {
    const { iso, count: total } = midsizeCountry();
    const seen: number[] = [];
    let page = await client.listProducts({ country_iso_code: iso, per_page: 7 });
    expect(page).toMatchObject({
      page: 1,
      perPage: 7,
      total,
      totalPages: Math.ceil(total / 7),
      prevPage: null,
    });
    seen.push(...page.items.map((p) => p.id));
    while (page.nextPage !== null) {
      const next = await client.listProducts({ country_iso_code: iso, per_page: 7, page: page.nextPage });
      expect(next.prevPage).toBe(page.page);
      page = next;
      seen.push(...page.items.map((p) => p.id));
    }
    expect(page.page).toBe(page.totalPages);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('fetches every page of a list with one call per page', async () => {
    const { iso } = midsizeCountry();
    const first = await client.listProducts({ country_iso_code: iso, per_page: 5 });
    sandbox.control.resetCalls();
    const all = await client.allProducts({ country_iso_code: iso, per_page: 5 });
    const expected = sandbox.catalogue.products.filter((p) => p.countryIsoCode === iso).map((p) => p.id);
    expect(all.map((p) => p.id)).toEqual(expected);
    expect(sandbox.control.calls('GET /v1/products')).toBe(first.totalPages);
  });

  it('asks for the pages after the first at the same time, not one after another', async () => {
    const { iso } = midsizeCountry();
    const first = await client.listProducts({ country_iso_code: iso, per_page: 5 });
    expect(first.totalPages).toBeGreaterThanOrEqual(3);
    sandbox.control.resetCalls();
    // Page 2 never answers: walking the pages in order could never reach the last one.
    sandbox.control.faults.add({
      route: 'GET /v1/products',
      skip: 1,
      times: 1,
      hangMs: Number.POSITIVE_INFINITY,
    });
    const controller = new AbortController();
    const outcome = rejection(
      client.allProducts({ country_iso_code: iso, per_page: 5 }, { signal: controller.signal }),
    );
    try {
      await vi.waitFor(() => expect(sandbox.control.calls('GET /v1/products')).toBe(first.totalPages), {
        timeout: 2000,
      });
    } finally {
      controller.abort();
    }
    expect(await outcome).toMatchObject({ reason: 'aborted' });
  });

  it('reports the rate-limit headers on a page', async () => {
    sandbox.control.rateLimit({ limit: 500, windowMs: 60_000 });
    try {
      const page = await client.listServices();
      expect(page.rateLimit).toEqual({ limit: 500, remaining: 499 });
    } finally {
      sandbox.control.rateLimit(undefined);
    }
  });

  it('turns a list answered 404 with nothing to show into an empty page', async () => {
    sandbox.control.faults.add({
      route: 'GET /v1/promotions',
      status: 404,
      body: errorBody(1003201, 'Promotion not found'),
    });
    const page = await client.listPromotions({ per_page: 10 });
    expect(page).toMatchObject({ items: [], total: 0, totalPages: 0, nextPage: null });
  });

  it('looks up the operators of a mobile number', async () => {
    const operator = sandbox.catalogue.operators.find((o) => o.mobilePrefixes.length > 0)!;
    const country = sandbox.catalogue.byId.country.get(operator.countryIsoCode)!;
    const page = await client.lookupMobileNumber({
      mobile_number: `+${country.callingCode}${operator.mobilePrefixes[0]}1234567`.slice(0, 16),
    });
    expect(page.items.some((o) => o.id === operator.id)).toBe(true);
  });

  it('lists balances with their amounts as exact wire numbers', async () => {
    const balances = await client.allBalances();
    expect(balances.map((b) => b.unit).sort()).toEqual(sandbox.catalogue.balances.map((b) => b.unit).sort());
    for (const b of balances) expect(Decimal.isDecimal(Decimal.fromWire(b.available))).toBe(true);
  });
});

describe('DT One client against the sandbox: error paths', () => {
  it('answers 401 for a wrong secret, without retrying', async () => {
    const wrong = open({ apiSecret: 'not-the-secret' });
    const error = await rejection(wrong.listServices());
    expect(error).toBeInstanceOf(DtOneAuthenticationError);
    expect(error).toMatchObject({ status: 401, upstreamCode: 1000401 });
    expect(sandbox.control.calls('GET /v1/services')).toBe(1);
    expect(error.message).not.toContain('not-the-secret');
  });

  it('answers 404 with the entity for unknown ids', async () => {
    expect(await rejection(client.getProduct(987_654_321))).toMatchObject({
      resource: 'product',
      upstreamCode: 1003001,
    });
    expect(await rejection(client.getTransaction(987_654_321))).toMatchObject({
      resource: 'transaction',
      upstreamCode: 1008004,
    });
    expect(await rejection(client.getOperator(987_654_321))).toBeInstanceOf(DtOneNotFoundError);
  });

  it('answers 400 with the reason for an invalid create', async () => {
    const badNumber = await rejection(
      client.createTransaction(airtime('100', { credit_party_identifier: { mobile_number: '12345' } })),
    );
    expect(badNumber).toBeInstanceOf(DtOneInvalidRequestError);
    expect(badNumber).toMatchObject({ reason: 'credit_party_mobile_number_invalid', upstreamCode: 1005003 });
    const blank = await rejection(client.createTransaction(airtime('100', { external_id: '   ' })));
    expect(blank).toMatchObject({ reason: 'bad_request', upstreamCode: 1000400 });
  });

  it('answers 1007001 for a reused external id and keeps one transaction', async () => {
    const body = airtime();
    await client.createTransaction(body);
    const error = await rejection(client.createTransaction(body));
    expect(error).toBeInstanceOf(DtOneConflictError);
    expect(sandbox.control.engine.countByExternalId(body.external_id)).toBe(1);
  });

  it('answers 1006001 when the balance cannot pay', async () => {
    const { unit } = airtimeProduct();
    const before = await client.listBalances({ unit });
    const available = String(before.items[0]!.available);
    sandbox.control.ledger.set(unit, '0');
    try {
      const error = await rejection(client.createTransaction(airtime()));
      expect(error).toBeInstanceOf(DtOneInsufficientBalanceError);
    } finally {
      sandbox.control.ledger.set(unit, available);
    }
  });

  it('retries a 429 after a short Retry-After and succeeds', async () => {
    sandbox.control.faults.add({
      route: 'GET /v1/countries',
      status: 429,
      body: errorBody(1000429, 'Too many requests'),
      headers: { 'Retry-After': '0' },
    });
    await client.listCountries();
    expect(sandbox.control.calls('GET /v1/countries')).toBe(2);
  });

  it('gives up at once on a 429 whose Retry-After is past the deadline, with the wait', async () => {
    sandbox.control.faults.add({
      route: 'GET /v1/countries',
      status: 429,
      body: errorBody(1000429, 'Too many requests'),
      headers: { 'Retry-After': '3600' },
    });
    const error = await rejection(client.listCountries());
    expect(error).toBeInstanceOf(DtOneRateLimitError);
    expect(error.retryAfterSeconds).toBe(3600);
    expect(sandbox.control.calls('GET /v1/countries')).toBe(1);
  });

  it('retries 503 then succeeds, the sandbox counting every attempt', async () => {
    sandbox.control.faults.add({
      route: 'GET /v1/services',
      status: 503,
      times: 2,
      body: errorBody(1009503, 'x'),
    });
    const page = await client.listServices();
    expect(page.items.length).toBeGreaterThan(0);
    expect(sandbox.control.calls('GET /v1/services')).toBe(3);
  });

  it('stops after 3 retries of a lasting 500 or 502', async () => {
    sandbox.control.faults.add({
      route: 'GET /v1/services',
      status: 500,
      times: 10,
      body: '<html>oops</html>',
    });
    const error = await rejection(client.listServices());
    expect(error).toBeInstanceOf(DtOneApiError);
    expect(error.rawBody).toBe('<html>oops</html>');
    expect(error.message).not.toContain('oops');
    expect(sandbox.control.calls('GET /v1/services')).toBe(4);
  });

  it('gives up a 503 on a read once retries are spent', async () => {
    sandbox.control.faults.add({ route: 'GET /v1/benefit-types', status: 503, times: 10 });
    expect(await rejection(client.listBenefitTypes())).toBeInstanceOf(DtOneUnavailableError);
    expect(sandbox.control.calls('GET /v1/benefit-types')).toBe(4);
  });

  it('never retries a create answered 500: the outcome is unknown', async () => {
    const body = airtime();
    sandbox.control.faults.add({
      route: 'POST /v1/async/transactions',
      status: 500,
      body: errorBody(1009001, 'x'),
    });
    const error = await rejection(client.createTransaction(body));
    expect(error).toBeInstanceOf(DtOneOutcomeUnknownError);
    expect(sandbox.control.calls('POST /v1/async/transactions')).toBe(1);
    // The fault answered before processing, so the lookup that settles the doubt finds nothing.
    expect(await client.findTransactionByExternalId(body.external_id)).toBeNull();
  });

  it('fails a hanging read at the deadline', async () => {
    sandbox.control.faults.add({ route: 'GET /v1/balances', hangMs: Number.POSITIVE_INFINITY, times: 10 });
    const error = await rejection(client.listBalances({}, { timeoutMs: 300 }));
    expect(error).toBeInstanceOf(DtOneConnectionError);
    expect(error).toMatchObject({ reason: 'deadline' });
  });

  it('fails a dripping read at the deadline', async () => {
    const id = sandbox.catalogue.services[0]!.id;
    sandbox.control.faults.add({
      route: 'GET /v1/services/{service_id}',
      drip: { bytes: 1, intervalMs: 50 },
    });
    const error = await rejection(client.getService(id, { timeoutMs: 400 }));
    expect(error).toMatchObject({ code: 'DTONE_CONNECTION_ERROR', reason: 'deadline', status: 200 });
  });

  it('fails a hanging create at the deadline as outcome unknown', async () => {
    const body = airtime();
    sandbox.control.faults.add({ route: 'POST /v1/async/transactions', hangMs: Number.POSITIVE_INFINITY });
    const error = await rejection(client.createTransaction(body, { timeoutMs: 300 }));
    expect(error).toMatchObject({ code: 'DTONE_OUTCOME_UNKNOWN', reason: 'deadline' });
    expect(sandbox.control.calls('POST /v1/async/transactions')).toBe(1);
  });

  it('retries a read reset mid-body', async () => {
    sandbox.control.faults.add({ route: 'GET /v1/operators', resetAfterBytes: 5 });
    const page = await client.listOperators();
    expect(page.items.length).toBeGreaterThan(0);
    expect(sandbox.control.calls('GET /v1/operators')).toBe(2);
  });

  it('never resends a create reset mid-body; the lookup by external id then finds it', async () => {
    const body = airtime();
    sandbox.control.faults.add({ route: 'POST /v1/async/transactions', resetAfterBytes: 5 });
    const error = await rejection(client.createTransaction(body));
    expect(error).toBeInstanceOf(DtOneOutcomeUnknownError);
    expect(sandbox.control.calls('POST /v1/async/transactions')).toBe(1);
    expect(sandbox.control.engine.countByExternalId(body.external_id)).toBe(1);
    const found = await client.findTransactionByExternalId(body.external_id);
    expect(found?.external_id).toBe(body.external_id);
  });

  it('reports malformed JSON on a read as a protocol error, without retrying', async () => {
    sandbox.control.faults.add({ route: 'GET /v1/countries', malformedJson: true });
    const error = await rejection(client.listCountries());
    expect(error).toBeInstanceOf(DtOneProtocolError);
    expect(error).toMatchObject({ reason: 'malformed_json' });
    expect(sandbox.control.calls('GET /v1/countries')).toBe(1);
  });

  it('reports malformed JSON on a create as outcome unknown', async () => {
    const body = airtime();
    sandbox.control.faults.add({ route: 'POST /v1/async/transactions', malformedJson: true });
    expect(await rejection(client.createTransaction(body))).toMatchObject({ reason: 'unreadable_response' });
    expect(sandbox.control.engine.countByExternalId(body.external_id)).toBe(1);
  });

  it('retries a truncated read, and reports it as a protocol error when it keeps happening', async () => {
    sandbox.control.faults.add({ route: 'GET /v1/campaigns', truncateAt: 3 });
    await client.listCampaigns();
    expect(sandbox.control.calls('GET /v1/campaigns')).toBe(2);
    sandbox.control.resetCalls();
    sandbox.control.faults.add({ route: 'GET /v1/campaigns', truncateAt: 3, times: 10 });
    expect(await rejection(client.listCampaigns())).toMatchObject({
      code: 'DTONE_PROTOCOL_ERROR',
      reason: 'truncated',
    });
    expect(sandbox.control.calls('GET /v1/campaigns')).toBe(4);
  });

  it('aborts an answer over the size cap', async () => {
    const small = open({ maxBodyBytes: 512 });
    expect(await rejection(small.listProducts({ per_page: 50 }))).toMatchObject({ reason: 'oversize' });
  });
});

describe('DT One client against the sandbox: transaction lifecycle', () => {
  it('creates, confirms and reads back a transaction', async () => {
    const body = airtime('100');
    const created = await client.createTransaction(body, { mode: 'async' });
    expect(created).toMatchObject({ external_id: body.external_id, status: { class: { id: 1 } } });
    const confirmed = await client.confirmTransaction(created.id!, { mode: 'async' });
    expect(confirmed.status?.class?.id).toBe(2);
    const read = await client.getTransaction(created.id!);
    expect(read.id).toBe(created.id);
    const listed = await client.listTransactions({ external_id: body.external_id });
    expect(listed.items.map((t) => t.id)).toEqual([created.id]);
  });

  it('answers the typed dead ends of confirm and cancel', async () => {
    const confirmed = await client.createTransaction(airtime('100', { auto_confirm: true }));
    expect(await rejection(client.confirmTransaction(confirmed.id!))).toMatchObject({
      reason: 'already_confirmed',
    });
    expect(await rejection(client.cancelTransaction(confirmed.id!))).toMatchObject({
      reason: 'cannot_cancel',
    });

    const created = await client.createTransaction(airtime('100'));
    const cancelled = await client.cancelTransaction(created.id!);
    expect(cancelled.status?.class?.id).toBe(4);
    const again = await rejection(client.cancelTransaction(created.id!));
    expect(again).toBeInstanceOf(DtOneStateError);
    expect(again).toMatchObject({ reason: 'already_cancelled' });
    expect(await rejection(client.confirmTransaction(created.id!))).toBeInstanceOf(DtOneStateError);
  });

  it('waits for the final status in sync mode', async () => {
    const done = await client.createTransaction(airtime('100', { auto_confirm: true }), {
      mode: 'sync',
      timeoutMs: 10_000,
    });
    expect(done.status?.message).toBe('COMPLETED');
  });

  it('finds nothing for an external id never used', async () => {
    expect(await client.findTransactionByExternalId(nextExternalId())).toBeNull();
  });
});
