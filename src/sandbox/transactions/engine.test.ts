import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  airtime,
  engineUnderTest,
  expectSpecTransaction,
  failure,
  statusOf,
} from '../../../test/fixtures/sandbox-engine.js';
import type { JsonObject } from '../catalogue/types.js';

const HOUR = 3_600_000;
const idOf = (tx: JsonObject) => tx.id as number;

describe('transaction lifecycle', () => {
  it('creates an async transaction as CREATED with an hour to confirm and the price on hold', async () => {
    const { engine, ledger, clock } = engineUnderTest();
    const before = clock.now();
    const tx = await engine.create(airtime('life-1'), 'async');
    expect(tx.status).toEqual({ id: 10000, message: 'CREATED', class: { id: 1, message: 'CREATED' } });
    expect(
      Date.parse(tx.confirmation_expiration_date as string) - Date.parse(tx.creation_date as string),
    ).toBe(HOUR);
    expect(Date.parse(tx.creation_date as string)).toBeGreaterThanOrEqual(before);
    expect(tx.creation_date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/);
    expect(tx).not.toHaveProperty('confirmation_date');
    expect([tx.operator_reference, tx.pin]).toEqual([null, null]);
    expect(ledger.totals('USD')).toMatchObject({ available: '995.4', holding: '4.6' });
    expectSpecTransaction(tx);
  });

  it('moves a confirmed transaction through CONFIRMED and SUBMITTED to COMPLETED, capturing the hold', async () => {
    const { engine, ledger, clock } = engineUnderTest();
    const tx = await engine.create(airtime('life-2', '+6595123100'), 'async');
    const confirmed = await engine.confirm(idOf(tx), 'async');
    expect(statusOf(confirmed)).toBe('CONFIRMED');
    expect(confirmed.confirmation_date).toMatch(/\.\d{6}\+00:00$/);
    clock.advance(1_000);
    expect(engine.get(idOf(tx)).status).toEqual({
      id: 50000,
      message: 'SUBMITTED',
      class: { id: 5, message: 'SUBMITTED' },
    });
    clock.advance(1_500);
    expect(statusOf(engine.get(idOf(tx)))).toBe('SUBMITTED');
    clock.advance(500);
    const done = engine.get(idOf(tx));
    expect(done.status).toEqual({ id: 70000, message: 'COMPLETED', class: { id: 7, message: 'COMPLETED' } });
    expect(done.operator_reference).toMatch(/^\d{12}$/);
    expect(done.pin).toBeNull();
    expect(ledger.totals('USD')).toMatchObject({ available: '995.4', holding: '0', captured: '4.6' });
    expectSpecTransaction(done);
  });

  it.each([
    ['100', 'COMPLETED', 70000, 'captured'],
    ['101', 'COMPLETED', 70000, 'captured'],
    ['102', 'DECLINED-INVALID-CREDIT-PARTY', 90201, 'voided'],
    ['103', 'DECLINED-BARRED-CREDIT-PARTY', 90202, 'voided'],
    ['104', 'DECLINED-OPERATOR-CURRENTLY-UNAVAILABLE', 90501, 'voided'],
    ['105', 'DECLINED-DUPLICATED-TRANSACTION', 90401, 'voided'],
    ['106', 'DECLINED', 90000, 'voided'],
    ['107', 'DECLINED-EXCEPTION', 90601, 'voided'],
  ])('ends a number ending in %s as %s (%i) with the hold %s', async (suffix, status, id, holdState) => {
    const { engine, ledger, clock } = engineUnderTest();
    const tx = await engine.create(
      airtime(`sfx-${suffix}`, `+6595123${suffix}`, { auto_confirm: true }),
      'async',
    );
    clock.advance(3_000);
    const done = engine.get(idOf(tx));
    expect(done.status).toMatchObject({ id, message: status, class: { id: Math.floor(id / 10000) } });
    const hold = ledger.entries().find((e) => e.kind === 'authorize')?.holdId ?? '';
    expect(ledger.hold(hold)?.state).toBe(holdState);
    expect(ledger.totals('USD')).toMatchObject(
      holdState === 'captured'
        ? { available: '995.4', captured: '4.6' }
        : { available: '1000', captured: '0' },
    );
    expect(ledger.totals('USD').holding).toBe('0');
    expectSpecTransaction(done);
  });

  it.each([
    ['2', 20_000],
    ['3', 300_000],
  ])('takes %sxx suffixes %i ms to reach their final status', async (first, delay) => {
    const { engine, clock } = engineUnderTest();
    const tx = await engine.create(
      airtime(`delay-${first}`, `+6595123${first}02`, { auto_confirm: true }),
      'async',
    );
    clock.advance(delay - 1_000);
    expect(statusOf(engine.get(idOf(tx)))).toBe('SUBMITTED');
    clock.advance(1_000);
    expect(statusOf(engine.get(idOf(tx)))).toBe('DECLINED-INVALID-CREDIT-PARTY');
  });

  it('completes a number with an undocumented suffix after 3 s', async () => {
    const { engine, clock } = engineUnderTest();
    const tx = await engine.create(airtime('other-1', '+6595123999', { auto_confirm: true }), 'async');
    clock.advance(3_000);
    expect(statusOf(engine.get(idOf(tx)))).toBe('COMPLETED');
  });

  it('returns a PIN with code and serial for an x01 suffix', async () => {
    const { engine, clock } = engineUnderTest();
    const tx = await engine.create(airtime('pin-1', '+6595123201', { auto_confirm: true }), 'async');
    clock.advance(20_000);
    const done = engine.get(idOf(tx));
    expect(statusOf(done)).toBe('COMPLETED');
    expect(done.pin).toEqual({
      code: expect.stringMatching(/^\d{16}$/),
      serial: expect.stringMatching(/^SN\d{10}$/),
    });
    expectSpecTransaction(done);
  });

  it('completes a PIN product without a credit party and hands out its PIN', async () => {
    const { engine, clock, ledger } = engineUnderTest();
    const tx = await engine.create(
      {
        external_id: 'gift-1',
        product_id: 3,
        auto_confirm: true,
        additional_identifier: { purchaser_id: 'pos-000123' },
      },
      'async',
    );
    clock.advance(3_000);
    const done = engine.get(idOf(tx));
    expect(statusOf(done)).toBe('COMPLETED');
    expect(done.pin).toEqual({ code: expect.any(String), serial: expect.any(String) });
    expect((done.product as JsonObject).pin).toMatchObject({ usage_info: ['Redeem online'] });
    expect(ledger.totals('EUR')).toMatchObject({ available: '6', captured: '24' });
    expectSpecTransaction(done);
  });

  it('decides the outcome of an account-number product by its account number', async () => {
    const { engine, clock } = engineUnderTest();
    const tx = await engine.create(
      {
        external_id: 'acct-1',
        product_id: 4,
        auto_confirm: true,
        calculation_mode: 'DESTINATION_AMOUNT',
        destination: { unit_type: 'CURRENCY', unit: 'IDR', amount: 50000 },
        credit_party_identifier: { mobile_number: '+6281234567100', account_number: '5300012103' },
        sender: { mobile_number: '+6281234567' },
      },
      'async',
    );
    clock.advance(3_000);
    expect(statusOf(engine.get(idOf(tx)))).toBe('DECLINED-BARRED-CREDIT-PARTY');
  });

  it('confirms at once with auto_confirm', async () => {
    const { engine } = engineUnderTest();
    const tx = await engine.create(airtime('auto-1', '+6595123100', { auto_confirm: true }), 'async');
    expect(statusOf(tx)).toBe('CONFIRMED');
    expect(tx.confirmation_date).toBeDefined();
    expect((await failure(() => engine.confirm(idOf(tx), 'async'))).code).toBe(1007002);
  });

  describe('sync mode', () => {
    it('holds a sync create until a 1xx transaction is final', async () => {
      const { engine, clock } = engineUnderTest();
      let settled = false;
      const pending = engine
        .create(airtime('sync-1', '+6595123100', { auto_confirm: true }), 'sync')
        .then((tx) => {
          settled = true;
          return tx;
        });
      await new Promise((resolve) => setImmediate(resolve));
      expect(settled).toBe(false);
      clock.advance(3_000);
      const tx = await pending;
      expect(statusOf(tx)).toBe('COMPLETED');
      expectSpecTransaction(tx);
    });

    it('answers a 3xx sync create after the 180 s hold with the transaction still SUBMITTED', async () => {
      const { engine, clock } = engineUnderTest();
      const pending = engine.create(airtime('sync-3', '+6595123300', { auto_confirm: true }), 'sync');
      clock.advance(180_000);
      const tx = await pending;
      expect(tx.status).toMatchObject({ message: 'SUBMITTED', class: { id: 5 } });
      clock.advance(120_000);
      expect(statusOf(engine.get(idOf(tx)))).toBe('COMPLETED');
    });

    it('scales the sync hold and the outcome delays by timeScale', async () => {
      const { engine, clock } = engineUnderTest({ timeScale: 0.01, syncHoldMs: 100_000 });
      const pending = engine.create(airtime('sync-s', '+6595123300', { auto_confirm: true }), 'sync');
      clock.advance(1_000);
      expect(statusOf(await pending)).toBe('SUBMITTED');
      clock.advance(2_000);
      expect(statusOf(engine.get(idOf(await pending)))).toBe('COMPLETED');
    });

    it('answers a sync create without auto_confirm at once, as there is nothing to wait for', async () => {
      const { engine } = engineUnderTest();
      expect(statusOf(await engine.create(airtime('sync-c', '+6595123100'), 'sync'))).toBe('CREATED');
    });

    it('holds a sync confirm until the transaction is final', async () => {
      const { engine, clock } = engineUnderTest();
      const tx = await engine.create(airtime('sync-confirm', '+6595123206'), 'sync');
      const pending = engine.confirm(idOf(tx), 'sync');
      clock.advance(20_000);
      expect((await pending).status).toMatchObject({
        message: 'DECLINED',
        class: { id: 9, message: 'DECLINED' },
      });
    });

    it('releases a waiting sync call with the current state when the engine is disposed', async () => {
      const { engine } = engineUnderTest();
      const pending = engine.create(airtime('sync-d', '+6595123300', { auto_confirm: true }), 'sync');
      engine.dispose();
      expect(statusOf(await pending)).toBe('CONFIRMED');
    });
  });

  describe('confirm and cancel rules', () => {
    it('answers 1007002 when confirming a transaction that is already confirmed or final', async () => {
      const { engine, clock } = engineUnderTest();
      const tx = await engine.create(airtime('c-1'), 'async');
      await engine.confirm(idOf(tx), 'async');
      expect((await failure(() => engine.confirm(idOf(tx), 'async'))).code).toBe(1007002);
      clock.advance(3_000);
      const error = await failure(() => engine.confirm(idOf(tx), 'sync'));
      expect([error.code, error.message]).toEqual([1007002, 'Transaction has already been confirmed']);
    });

    it('answers 1007005 when confirming or cancelling a cancelled transaction', async () => {
      const { engine } = engineUnderTest();
      const tx = await engine.create(airtime('c-2'), 'async');
      expect(statusOf(engine.cancel(idOf(tx)))).toBe('CANCELLED');
      expect((await failure(() => engine.confirm(idOf(tx), 'async'))).code).toBe(1007005);
      expect((await failure(() => engine.cancel(idOf(tx)))).code).toBe(1007005);
    });

    it('answers 1007004 once the confirmation window has passed, and still lets the transaction be cancelled', async () => {
      const { engine, clock, ledger } = engineUnderTest();
      const tx = await engine.create(airtime('c-3'), 'async');
      clock.advance(HOUR - 1);
      const early = await engine.create(airtime('c-3b'), 'async');
      clock.advance(1);
      const error = await failure(() => engine.confirm(idOf(tx), 'async'));
      expect([error.code, error.status]).toEqual([1007004, 400]);
      expect(statusOf(await engine.confirm(idOf(early), 'async'))).toBe('CONFIRMED');
      const cancelled = engine.cancel(idOf(tx));
      expect(cancelled.status).toEqual({
        id: 40000,
        message: 'CANCELLED',
        class: { id: 4, message: 'CANCELLED' },
      });
      expect(ledger.totals('USD')).toMatchObject({ available: '995.4', holding: '4.6' });
      expectSpecTransaction(cancelled);
    });

    it('uses a custom confirmation window', async () => {
      const { engine, clock } = engineUnderTest({ confirmationWindowMs: 60_000 });
      const tx = await engine.create(airtime('c-4'), 'async');
      expect(
        Date.parse(tx.confirmation_expiration_date as string) - Date.parse(tx.creation_date as string),
      ).toBe(60_000);
      clock.advance(60_000);
      expect((await failure(() => engine.confirm(idOf(tx), 'async'))).code).toBe(1007004);
    });

    it('answers 1007004 when confirming a REJECTED transaction', async () => {
      const { engine, ledger } = engineUnderTest();
      const tx = await engine.create(airtime('c-5'), 'async');
      const rejected = engine.reject(idOf(tx), 'REJECTED-INSUFFICIENT-BALANCE');
      expect(rejected.status).toEqual({
        id: 30500,
        message: 'REJECTED-INSUFFICIENT-BALANCE',
        class: { id: 3, message: 'REJECTED' },
      });
      expect(ledger.totals('USD')).toMatchObject({ available: '1000', holding: '0' });
      expect((await failure(() => engine.confirm(idOf(tx), 'async'))).code).toBe(1007004);
      expect((await failure(() => engine.cancel(idOf(tx)))).code).toBe(1007007);
    });

    it('answers 1007007 when cancelling a transaction that is no longer CREATED', async () => {
      const { engine, clock } = engineUnderTest();
      const tx = await engine.create(airtime('c-6', '+6595123100', { auto_confirm: true }), 'async');
      expect((await failure(() => engine.cancel(idOf(tx)))).code).toBe(1007007);
      clock.advance(3_000);
      const error = await failure(() => engine.cancel(idOf(tx)));
      expect([error.code, error.message]).toEqual([1007007, 'Transaction can no longer be cancelled']);
    });

    it('answers 404 1008004 for an unknown transaction id everywhere', async () => {
      const { engine } = engineUnderTest();
      for (const action of [
        () => engine.get(42),
        () => engine.get('999999999999'),
        () => engine.confirm('42', 'async'),
        () => engine.cancel(42),
        () => engine.reverse(42),
        () => engine.resend(42),
      ]) {
        const error = await failure(action);
        expect([error.code, error.status, error.message]).toEqual([1008004, 404, 'Transaction not found']);
      }
    });

    it('finds a transaction by its id given as route text', async () => {
      const { engine } = engineUnderTest();
      const tx = await engine.create(airtime('c-7'), 'async');
      expect(engine.get(String(tx.id)).external_id).toBe('c-7');
    });
  });

  describe('reversal', () => {
    it('reverses a COMPLETED transaction and returns the debited amount, conserving the balance', async () => {
      const { engine, clock, ledger } = engineUnderTest();
      const total = () => {
        const t = ledger.totals('USD');
        return new Decimal(t.available).plus(t.holding).plus(t.captured).toFixed();
      };
      const start = total();
      const tx = await engine.create(airtime('rev-1', '+6595123100', { auto_confirm: true }), 'async');
      clock.advance(3_000);
      expect(ledger.totals('USD')).toMatchObject({ available: '995.4', captured: '4.6' });
      const reversed = engine.reverse(idOf(tx));
      expect(reversed.status).toEqual({
        id: 80000,
        message: 'REVERSED',
        class: { id: 8, message: 'REVERSED' },
      });
      expect(ledger.totals('USD')).toMatchObject({ available: '1000', holding: '0', captured: '0' });
      expect(total()).toBe(start);
      expectSpecTransaction(reversed);
    });

    it('refuses to reverse a transaction that is not COMPLETED', async () => {
      const { engine, clock } = engineUnderTest();
      const tx = await engine.create(airtime('rev-2', '+6595123102', { auto_confirm: true }), 'async');
      expect((await failure(() => engine.reverse(idOf(tx)))).code).toBe(1000400);
      clock.advance(3_000);
      expect((await failure(() => engine.reverse(idOf(tx)))).code).toBe(1000400);
    });
  });

  describe('inspection', () => {
    it('lists every transaction with its external_id and counts by external_id', async () => {
      const { engine } = engineUnderTest();
      await engine.create(airtime('i-1'), 'async');
      await engine.create(airtime('i-2'), 'async');
      await failure(() => engine.create(airtime('i-2'), 'async'));
      expect(engine.all().map((tx) => tx.external_id)).toEqual(['i-1', 'i-2']);
      expect([engine.countByExternalId('i-2'), engine.countByExternalId('i-3')]).toEqual([1, 0]);
    });

    it('exposes the ledger it moves money on', () => {
      const { engine, ledger } = engineUnderTest();
      expect(engine.ledger).toBe(ledger);
    });
  });
});
