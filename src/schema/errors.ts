import { DomainError } from '../error-registry.js';
import type { Decimal } from '../money/decimal.js';
import type { CalculationMode } from '../quote/terms.js';
import { builder } from './builder.js';
import { CalculationModeEnum } from './product-details.js';

/**
 * Every member of a result union (through `@pothos/plugin-errors`) implements this interface: one `DomainError`
 * base, whatever module throws it. `code` is stable (the registry's); `message` is for people.
 */
export const ErrorInterfaceRef = builder.interfaceRef<DomainError>('Error').implement({
  description: 'A failure returned as data: branch on `__typename` or `code`; `message` is for people.',
  fields: (t) => ({
    message: t.exposeString('message'),
    code: t.exposeString('code'),
  }),
});

export class ProductNotRangedError extends DomainError {
  override readonly name = 'ProductNotRangedError';
  readonly code = 'PRODUCT_NOT_RANGED';
  constructor(
    readonly productId: number,
    readonly productType: string,
  ) {
    super(`Product ${productId} is ${productType}: its prices are fixed and listed on the product`);
  }
}

export class CalculationModeNotAcceptedError extends DomainError {
  override readonly name = 'CalculationModeNotAcceptedError';
  readonly code = 'CALCULATION_MODE_NOT_ACCEPTED';
  constructor(
    readonly mode: CalculationMode,
    readonly accepted: readonly CalculationMode[],
  ) {
    super(`${mode} is not accepted by this product (accepted: ${accepted.join(', ') || 'none'})`);
  }
}

export class AmountOutOfRangeError extends DomainError {
  override readonly name = 'AmountOutOfRangeError';
  readonly code = 'AMOUNT_OUT_OF_RANGE';
  constructor(
    readonly unit: string,
    readonly min: Decimal,
    readonly max: Decimal | null,
    readonly increment: Decimal | null,
  ) {
    const upTo = max === null ? 'upwards' : `to ${max}`;
    const steps = increment === null ? '' : ` in steps of ${increment} from ${min}`;
    super(`The amount must be from ${min} ${upTo} ${unit}${steps}`);
  }
}

export class InvalidAmountError extends DomainError {
  override readonly name = 'InvalidAmountError';
  readonly code = 'INVALID_AMOUNT';
  constructor(
    /** The argument or input field at fault, e.g. `amount`. */
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

builder.objectType(ProductNotRangedError, {
  name: 'ProductNotRangedError',
  interfaces: [ErrorInterfaceRef],
  description:
    'The product has fixed amounts: nothing to compute, its `source`, `destination` and prices say it all.',
  fields: (t) => ({
    productId: t.exposeInt('productId'),
    productType: t.exposeString('productType'),
  }),
});

builder.objectType(CalculationModeNotAcceptedError, {
  name: 'CalculationModeNotAcceptedError',
  interfaces: [ErrorInterfaceRef],
  description: 'The product does not let the caller fix this side of the purchase.',
  fields: (t) => ({
    mode: t.field({ type: CalculationModeEnum, resolve: (e) => e.mode }),
    accepted: t.field({ type: [CalculationModeEnum], resolve: (e) => [...e.accepted] }),
  }),
});

builder.objectType(AmountOutOfRangeError, {
  name: 'AmountOutOfRangeError',
  interfaces: [ErrorInterfaceRef],
  description: 'The amount is outside the inclusive range, or off its increment (counted from `min`).',
  fields: (t) => ({
    min: t.field({ type: 'Decimal', resolve: (e) => e.min }),
    max: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'Null when unbounded.',
      resolve: (e) => e.max,
    }),
    increment: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'Null when any amount with the currency’s minor units is allowed.',
      resolve: (e) => e.increment,
    }),
    unit: t.exposeString('unit'),
  }),
});

builder.objectType(InvalidAmountError, {
  name: 'InvalidAmountError',
  interfaces: [ErrorInterfaceRef],
  description: 'The amount cannot be used as given (e.g. more fraction digits than its currency has).',
  fields: (t) => ({ field: t.exposeString('field') }),
});
