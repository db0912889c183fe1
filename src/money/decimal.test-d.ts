// Checked by `tsc --noEmit` (the project's type check); each @ts-expect-error fails the build if it stops erroring.
import { expectTypeOf } from 'vitest';
import { Decimal } from './decimal.js';
import { Money } from './money.js';

expectTypeOf<number>().not.toExtend<Decimal>();
expectTypeOf<string>().not.toExtend<Decimal>();
expectTypeOf<Decimal>().toExtend<string>();
expectTypeOf(Decimal.parse('1.50')).toEqualTypeOf<Decimal>();
expectTypeOf(Decimal.cmp).returns.toEqualTypeOf<-1 | 0 | 1>();

const amount = Decimal.parse('20.89');

// @ts-expect-error a float is not a Decimal
Decimal.add(amount, 0.1);
// @ts-expect-error unchecked text is not a Decimal
Decimal.add(amount, '0.1');
// @ts-expect-error Money takes a Decimal amount, never a number
Money.of(20.89, 'USD');
// @ts-expect-error unknown unit type
Money.of(amount, 'GB', 'BYTES');
// @ts-expect-error unknown rounding mode
Decimal.round(amount, 2, 'nearest');
