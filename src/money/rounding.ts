import { DecimalJs, type DecimalJsRounding } from './decimal-js.js';

/**
 * How a value is rounded to a number of fraction digits. "Away from zero" and "toward zero" look at the
 * magnitude, so `half-up` sends -2.5 to -3 (the banking and Java `HALF_UP` meaning, not "toward +∞").
 *
 * | mode        | rule                               |  2.5 | -2.5 |  1.6 | -1.6 |  1.1 | -1.1 |
 * | ----------- | ---------------------------------- | ---- | ---- | ---- | ---- | ---- | ---- |
 * | `half-even` | nearest; ties to the even digit    |    2 |   -2 |    2 |   -2 |    1 |   -1 |
 * | `half-up`   | nearest; ties away from zero       |    3 |   -3 |    2 |   -2 |    1 |   -1 |
 * | `half-down` | nearest; ties toward zero          |    2 |   -2 |    2 |   -2 |    1 |   -1 |
 * | `up`        | away from zero                     |    3 |   -3 |    2 |   -2 |    2 |   -2 |
 * | `down`      | toward zero (truncate)             |    2 |   -2 |    1 |   -1 |    1 |   -1 |
 * | `ceil`      | toward +∞                          |    3 |   -2 |    2 |   -1 |    2 |   -1 |
 * | `floor`     | toward −∞                          |    2 |   -3 |    1 |   -2 |    1 |   -2 |
 */
export type RoundingMode = 'half-even' | 'half-up' | 'half-down' | 'up' | 'down' | 'ceil' | 'floor';

const DECIMAL_JS_ROUNDING = {
  up: DecimalJs.ROUND_UP,
  down: DecimalJs.ROUND_DOWN,
  ceil: DecimalJs.ROUND_CEIL,
  floor: DecimalJs.ROUND_FLOOR,
  'half-up': DecimalJs.ROUND_HALF_UP,
  'half-down': DecimalJs.ROUND_HALF_DOWN,
  'half-even': DecimalJs.ROUND_HALF_EVEN,
} as const satisfies Record<RoundingMode, DecimalJsRounding>;

export const ROUNDING_MODES = Object.freeze(Object.keys(DECIMAL_JS_ROUNDING) as RoundingMode[]);

export function isRoundingMode(value: unknown): value is RoundingMode {
  return typeof value === 'string' && Object.hasOwn(DECIMAL_JS_ROUNDING, value);
}

export function toDecimalJsRounding(mode: RoundingMode): DecimalJsRounding {
  if (!isRoundingMode(mode)) throw new RangeError(`unknown rounding mode ${JSON.stringify(mode)}`);
  return DECIMAL_JS_ROUNDING[mode];
}
