import decimalJsModule, { type Decimal as DecimalJsValue } from 'decimal.js';

// decimal.js ships CommonJS typings: under NodeNext, TypeScript types its ESM default export as the whole
// module, while at run time (decimal.mjs) that default export is the Decimal class itself.
export const DecimalJs = decimalJsModule as unknown as typeof decimalJsModule.Decimal;
export type DecimalJs = DecimalJsValue;
export type DecimalJsRounding = DecimalJsValue.Rounding;

// decimal.js rounds every result to `precision` significant digits; at the maximum that never happens for our
// bounded operands, so all rounding in the money module is the explicit kind.
export const ExactDecimal = DecimalJs.clone({ precision: 1e9 });
