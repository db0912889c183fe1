import type { WireNumber } from './json.js';
import { Money, type UnitType } from './money.js';

export type WireUnitType = string | null | undefined;

export const unitTypeOf = (u: WireUnitType): UnitType =>
  u === 'DATA' || u === 'TIME' || u === 'QUANTITY' ? u : 'CURRENCY';

/** `{ unit_type, unit, amount }` from DT One. */
export function moneyFromWire(wire: {
  unit_type?: WireUnitType;
  unit?: string | null;
  amount?: WireNumber | null;
}): Money | null {
  if (wire.amount === null || wire.amount === undefined || !wire.unit) return null;
  return Money.fromWire(wire.amount, wire.unit, unitTypeOf(wire.unit_type));
}
