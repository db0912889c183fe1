import { Decimal } from '../money/decimal.js';
import type { WireNumber } from '../money/json.js';
import { Money, type UnitType } from '../money/money.js';
import { moneyFromWire, unitTypeOf, type WireUnitType } from '../money/wire-money.js';
import { builder } from './builder.js';

export interface MoneyRangeShape {
  min: Decimal;
  max: Decimal;
  increment: Decimal | null;
  unit: string;
  unitType: UnitType;
}

/** A price and the fee DT One adds to it, in the same unit. */
export interface PriceShape {
  amount: Money;
  fee: Money;
}
export interface PriceRangeShape {
  amount: MoneyRangeShape;
  fee: Money;
}

export const UnitTypeEnum = builder.enumType('UnitType', {
  description: 'What an amount counts: money, data, time or a quantity.',
  values: ['CURRENCY', 'DATA', 'TIME', 'QUANTITY'] as const,
});

export const MoneyRef = builder.objectRef<Money>('Money').implement({
  description: 'An exact amount with its unit (an ISO 4217 code when unitType is CURRENCY).',
  fields: (t) => ({
    amount: t.field({
      type: 'Decimal',
      description: "Exact; a currency amount has at least its currency's ISO 4217 minor-unit digits.",
      resolve: (m) => Money.written(m),
    }),
    unit: t.exposeString('unit'),
    unitType: t.field({ type: UnitTypeEnum, resolve: (m) => m.unitType }),
  }),
});

/** A bound of a range, written as an amount of the range's unit. */
const writtenIn = (range: MoneyRangeShape, amount: Decimal) =>
  Money.written({ amount, unit: range.unit, unitType: range.unitType });

export const MoneyRangeRef = builder.objectRef<MoneyRangeShape>('MoneyRange').implement({
  description: 'An inclusive range of exact amounts; values step by `increment` from `min` when it is set.',
  fields: (t) => ({
    min: t.field({ type: 'Decimal', resolve: (r) => writtenIn(r, r.min) }),
    max: t.field({ type: 'Decimal', resolve: (r) => writtenIn(r, r.max) }),
    increment: t.field({ type: 'Decimal', nullable: true, resolve: (r) => r.increment }),
    unit: t.exposeString('unit'),
    unitType: t.field({ type: UnitTypeEnum, resolve: (r) => r.unitType }),
  }),
});

export const PriceRef = builder.objectRef<PriceShape>('Price').implement({
  description: 'A price and the fee charged on top of it.',
  fields: (t) => ({
    amount: t.field({ type: MoneyRef, resolve: (p) => p.amount }),
    fee: t.field({ type: MoneyRef, resolve: (p) => p.fee }),
  }),
});

export const PriceRangeRef = builder.objectRef<PriceRangeShape>('PriceRange').implement({
  description: 'The price range of a ranged product and the fee charged on top of any price in it.',
  fields: (t) => ({
    amount: t.field({ type: MoneyRangeRef, resolve: (p) => p.amount }),
    fee: t.field({ type: MoneyRef, resolve: (p) => p.fee }),
  }),
});

/** `{ unit_type, unit, amount: { min, max, increment? } }` from DT One. */
export function rangeFromWire(wire: {
  unit_type?: WireUnitType;
  unit?: string | null;
  amount?: { min?: WireNumber; max?: WireNumber; increment?: WireNumber } | null;
}): MoneyRangeShape | null {
  const a = wire.amount;
  if (!a || a.min === undefined || a.max === undefined || !wire.unit) return null;
  return {
    min: Decimal.fromWire(a.min),
    max: Decimal.fromWire(a.max),
    increment: a.increment === undefined ? null : Decimal.fromWire(a.increment),
    unit: wire.unit,
    unitType: unitTypeOf(wire.unit_type),
  };
}

/** A fixed price `{ unit_type, unit, amount, fee }`; `null` when DT One has no such price (retail unset). */
export function priceFromWire(
  wire:
    | { unit_type?: WireUnitType; unit?: string | null; amount?: WireNumber | null; fee?: WireNumber | null }
    | null
    | undefined,
): PriceShape | null {
  if (!wire) return null;
  const amount = moneyFromWire(wire);
  if (!amount) return null;
  return { amount, fee: Money.fromWire(wire.fee ?? 0, amount.unit, amount.unitType) };
}

export function priceRangeFromWire(
  wire:
    | {
        unit_type?: WireUnitType;
        unit?: string | null;
        amount?: { min?: WireNumber; max?: WireNumber } | null;
        fee?: WireNumber | null;
      }
    | null
    | undefined,
): PriceRangeShape | null {
  if (!wire) return null;
  const amount = rangeFromWire(wire);
  if (!amount) return null;
  return { amount, fee: Money.fromWire(wire.fee ?? 0, amount.unit, amount.unitType) };
}
