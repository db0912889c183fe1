import { describe, expect, it } from 'vitest';
import { airtime, engineUnderTest, failure } from '../../../test/fixtures/sandbox-engine.js';
import type { JsonObject } from '../catalogue/types.js';
import { formatDvsDate } from './serialize.js';

const HOUR = 3_600_000;
const query = (params: Record<string, string> = {}) => new URLSearchParams(params);
const externalIds = (list: JsonObject[]) => list.map((tx) => tx.external_id);

/** Four transactions of three products, one of them completed and one declined. */
async function fourTransactions() {
  const setup = engineUnderTest();
  const { engine, clock } = setup;
  await engine.create(airtime('air-1', '+6595123100', { auto_confirm: true }), 'async');
  clock.advance(10);
  await engine.create(airtime('air-2', '+6595123102', { auto_confirm: true }), 'async');
  clock.advance(10);
  await engine.create(
    { external_id: 'gift-1', product_id: 3, additional_identifier: { purchaser_id: 'pos-000123' } },
    'async',
  );
  clock.advance(10);
  await engine.create(
    {
      external_id: 'bill-1',
      product_id: 4,
      calculation_mode: 'DESTINATION_AMOUNT',
      destination: { unit_type: 'CURRENCY', unit: 'IDR', amount: 20000 },
      credit_party_identifier: { account_number: '5300012100' },
      sender: { mobile_number: '+6281234567' },
    },
    'async',
  );
  clock.advance(3_000);
  return setup;
}

describe('transaction list', () => {
  it('returns every transaction of the last 24 hours, newest first, with no filter', async () => {
    const { engine } = await fourTransactions();
    expect(externalIds(engine.list(query()))).toEqual(['bill-1', 'gift-1', 'air-2', 'air-1']);
  });

  it.each([
    [{ external_id: 'air-2' }, ['air-2']],
    [{ product_type: 'FIXED_VALUE_PIN_PURCHASE' }, ['gift-1']],
    [{ service_id: '1' }, ['air-2', 'air-1']],
    [{ subservice_id: '31' }, ['bill-1']],
    [{ country_iso_code: 'IDN' }, ['bill-1']],
    [{ operator_id: '10' }, ['air-2', 'air-1']],
    [{ status_id: '70000' }, ['air-1']],
    [{ status_id: '90201' }, ['air-2']],
    [{ status_id: '10000' }, ['bill-1', 'gift-1']],
    [{ credit_party_mobile_number: '+6595123102' }, ['air-2']],
    [{ credit_party_mobile_number: ' 6595123100' }, ['air-1']],
    [{ credit_party_account_number: '5300012100' }, ['bill-1']],
    [{ service_id: '1', status_id: '70000' }, ['air-1']],
    [{ service_id: '4', status_id: '70000' }, []],
  ])('filters by %o', async (params, expected) => {
    const { engine } = await fourTransactions();
    expect(externalIds(engine.list(query(params)))).toEqual(expected);
  });

  it('answers 1008004 when an external_id matches nothing', async () => {
    const { engine } = await fourTransactions();
    const error = await failure(() => engine.list(query({ external_id: 'nope' })));
    expect([error.code, error.status]).toEqual([1008004, 404]);
  });

  it('shows only the last 24 hours without dates, but finds an older transaction by external_id', async () => {
    const { engine, clock } = engineUnderTest();
    await engine.create(airtime('old-1'), 'async');
    clock.advance(25 * HOUR);
    await engine.create(airtime('new-1'), 'async');
    expect(externalIds(engine.list(query()))).toEqual(['new-1']);
    expect(externalIds(engine.list(query({ external_id: 'old-1' })))).toEqual(['old-1']);
  });

  it('includes both ends of a from_date/to_date window', async () => {
    const { engine, clock } = engineUnderTest();
    const first = await engine.create(airtime('w-1'), 'async');
    clock.advance(HOUR);
    await engine.create(airtime('w-2'), 'async');
    clock.advance(HOUR);
    const third = await engine.create(airtime('w-3'), 'async');
    const window = { from_date: first.creation_date as string, to_date: third.creation_date as string };
    expect(externalIds(engine.list(query(window)))).toEqual(['w-3', 'w-2', 'w-1']);
    const later = Date.parse(first.creation_date as string) + 1;
    expect(externalIds(engine.list(query({ ...window, from_date: formatDvsDate(later) })))).toEqual([
      'w-3',
      'w-2',
    ]);
  });

  it('reads a lone from_date as the 24 hours after it and accepts offsets in any zone', async () => {
    const { engine, clock } = engineUnderTest();
    const first = await engine.create(airtime('z-1'), 'async');
    clock.advance(25 * HOUR);
    await engine.create(airtime('z-2'), 'async');
    const created = new Date(Date.parse(first.creation_date as string));
    const plusEight = new Date(created.getTime() + 8 * HOUR).toISOString().replace('Z', '').concat('+08:00');
    expect(externalIds(engine.list(query({ from_date: plusEight })))).toEqual(['z-1']);
  });

  it.each([
    [{ from_date: '2026-01-01T00:00:00Z', to_date: '2026-01-02T00:00:01Z' }, 'from_date'],
    [{ from_date: '2026-01-02T00:00:00Z', to_date: '2026-01-01T00:00:00Z' }, 'to_date'],
    [{ from_date: '2026-01-01' }, 'from_date'],
    [{ status_id: 'COMPLETED' }, 'status_id'],
    [{ service_id: '0' }, 'service_id'],
    [{ product_type: 'GIFT_CARD' }, 'product_type'],
    [{ country_iso_code: 'sg' }, 'country_iso_code'],
    [{ credit_party_mobile_number: '6595123100' }, 'credit_party_mobile_number'],
    [{ external_id: '' }, 'external_id'],
  ])('answers 1000400 for %o', async (params, field) => {
    const { engine } = engineUnderTest();
    const error = await failure(() => engine.list(query(params)));
    expect(error.code).toBe(1000400);
    expect(error.message.startsWith(`${field}: `)).toBe(true);
  });

  it('accepts a window of exactly 24 hours', () => {
    const { engine } = engineUnderTest();
    expect(
      engine.list(query({ from_date: '2026-01-01T00:00:00.000000+00:00', to_date: '2026-01-02T00:00:00Z' })),
    ).toEqual([]);
  });
});
