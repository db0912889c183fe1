import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { stringify } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { SandboxError } from './errors.js';
import { createLedger, LedgerStateError } from './ledger.js';

const seeds = [
  { id: 2, unit: 'EUR', available: '50.00', creditLimit: '0' },
  { id: 1, unit: 'USD', available: '100.00', creditLimit: '20.00' },
];

function codeOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof SandboxError) return error.code;
    throw error;
  }
  return undefined;
}

describe('ledger', () => {
  it('lists balances as spec Balance objects with exact amounts, ordered by id', () => {
    const ledger = createLedger(seeds);
    ledger.authorize('USD', '12.5');
    expect(stringify(ledger.list())).toBe(
      '[{"id":1,"unit_type":"CURRENCY","unit":"USD","available":87.50,"holding":12.50,"credit_limit":20.00},' +
        '{"id":2,"unit_type":"CURRENCY","unit":"EUR","available":50.00,"holding":0.00,"credit_limit":0.00}]',
    );
    expect(ledger.list({ unit: 'EUR' }).map((b) => b.unit)).toEqual(['EUR']);
    expect(ledger.list({ unit: 'GBP' })).toEqual([]);
  });

  it('moves an authorized amount from available to holding, and back on void', () => {
    const ledger = createLedger(seeds);
    const hold = ledger.authorize('USD', '10.15');
    expect(ledger.totals('USD')).toMatchObject({ available: '89.85', holding: '10.15', captured: '0' });
    ledger.void(hold);
    expect(ledger.totals('USD')).toMatchObject({ available: '100', holding: '0', captured: '0' });
    expect(ledger.hold(hold)?.state).toBe('voided');
  });

  it('debits a captured hold and credits it back on reverse', () => {
    const ledger = createLedger(seeds);
    const hold = ledger.authorize('USD', '0.1');
    ledger.authorize('USD', '0.2');
    ledger.capture(hold);
    expect(ledger.totals('USD')).toMatchObject({ available: '99.7', holding: '0.2', captured: '0.1' });
    ledger.reverse(hold);
    expect(ledger.totals('USD')).toMatchObject({ available: '99.8', holding: '0.2', captured: '0' });
    expect(ledger.entries().map((e) => e.kind)).toEqual(['authorize', 'authorize', 'capture', 'reverse']);
  });

  it('lets the credit limit cover an authorization and answers 1006001 beyond it', () => {
    const ledger = createLedger(seeds);
    ledger.authorize('USD', '115.00');
    expect(ledger.totals('USD').available).toBe('-15');
    expect(codeOf(() => ledger.authorize('USD', '5.01'))).toBe(1006001);
    expect(codeOf(() => ledger.authorize('USD', '5.00'))).toBeUndefined();
    expect(codeOf(() => ledger.debit('EUR', '50.01'))).toBe(1006001);
  });

  it('answers 1006009 for a currency without a balance', () => {
    const ledger = createLedger(seeds);
    expect(codeOf(() => ledger.authorize('GBP', '1'))).toBe(1006009);
    expect(codeOf(() => ledger.debit('GBP', '1'))).toBe(1006009);
  });

  it('refuses hold moves the balance table does not allow', () => {
    const ledger = createLedger(seeds);
    const hold = ledger.authorize('EUR', '1');
    expect(() => ledger.reverse(hold)).toThrow(LedgerStateError);
    ledger.void(hold);
    expect(() => ledger.capture(hold)).toThrow(LedgerStateError);
    expect(() => ledger.void('hold-404')).toThrow(LedgerStateError);
    expect(() => ledger.authorize('EUR', '-1')).toThrow(RangeError);
  });

  it('replaces the available amount on set and keeps holds untouched', () => {
    const ledger = createLedger(seeds);
    ledger.authorize('EUR', '10');
    ledger.set('EUR', '7.25');
    expect(ledger.totals('EUR')).toMatchObject({ available: '7.25', holding: '10' });
    expect(ledger.list({ unit: 'EUR' })[0]?.available?.toString()).toBe('7.25');
  });

  it('conserves available + holding + captured exactly over any sequence of movements', () => {
    const amount = fc
      .tuple(fc.integer({ min: 0, max: 30_000 }), fc.constantFrom(0, 1, 2, 3))
      .map(([units, scale]) => new Decimal(units).dividedBy(10 ** scale).toFixed());
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('authorize' as const),
        unit: fc.constantFrom('USD', 'EUR', 'GBP'),
        amount,
      }),
      fc.record({ kind: fc.constant('debit' as const), unit: fc.constantFrom('USD', 'EUR'), amount }),
      fc.record({
        kind: fc.constantFrom('void' as const, 'capture' as const, 'reverse' as const),
        pick: fc.nat(),
      }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const ledger = createLedger(seeds);
        const holdIds: string[] = [];
        const total = (unit: string) => {
          const t = ledger.totals(unit);
          return new Decimal(t.available).plus(t.holding).plus(t.captured);
        };
        const before = { USD: total('USD'), EUR: total('EUR') };
        for (const o of ops) {
          const snapshot = JSON.stringify([ledger.totals('USD'), ledger.totals('EUR')]);
          try {
            if (o.kind === 'authorize') holdIds.push(ledger.authorize(o.unit, o.amount));
            else if (o.kind === 'debit') ledger.debit(o.unit, o.amount);
            else if (holdIds.length > 0) ledger[o.kind](holdIds[o.pick % holdIds.length]!);
          } catch (error) {
            if (!(error instanceof SandboxError || error instanceof LedgerStateError)) throw error;
            expect(JSON.stringify([ledger.totals('USD'), ledger.totals('EUR')])).toBe(snapshot);
          }
          for (const unit of ['USD', 'EUR'] as const) {
            expect(total(unit).equals(before[unit])).toBe(true);
            const t = ledger.totals(unit);
            expect(new Decimal(t.available).plus(t.creditLimit).isNegative()).toBe(false);
            const held = holdIds
              .map((id) => ledger.hold(id)!)
              .filter((h) => h.unit === unit && h.state === 'held')
              .reduce((sum, h) => sum.plus(h.amount), new Decimal(0));
            expect(held.equals(t.holding)).toBe(true);
          }
        }
      }),
    );
  });
});
