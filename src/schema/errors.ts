import type { Decimal } from '../money/decimal.js';
import type { CalculationMode } from '../quote/terms.js';
import { builder } from './builder.js';
import { CalculationModeEnum } from './product.js';

/**
 * A failure the caller is expected to handle, returned as a member of a field's result union (through
 * `@pothos/plugin-errors`) rather than in `errors[]`. `code` is stable; `message` is for people.
 */
export abstract class TypedError extends Error {
  abstract readonly code: string;
}

export const ErrorInterfaceRef = builder.interfaceRef<TypedError>('Error').implement({
  description: 'A failure returned as data: branch on `__typename` or `code`; `message` is for people.',
  fields: (t) => ({
    message: t.exposeString('message'),
    code: t.exposeString('code'),
  }),
});

export class ProductNotFoundError extends TypedError {
  override readonly name = 'ProductNotFoundError';
  readonly code = 'PRODUCT_NOT_FOUND';
  constructor(readonly productId: number) {
    super(`Product ${productId} is not available to this account`);
  }
}

export class ProductNotRangedError extends TypedError {
  override readonly name = 'ProductNotRangedError';
  readonly code = 'PRODUCT_NOT_RANGED';
  constructor(
    readonly productId: number,
    readonly productType: string,
  ) {
    super(`Product ${productId} is ${productType}: its prices are fixed and listed on the product`);
  }
}

export class CalculationModeNotAcceptedError extends TypedError {
  override readonly name = 'CalculationModeNotAcceptedError';
  readonly code = 'CALCULATION_MODE_NOT_ACCEPTED';
  constructor(
    readonly mode: CalculationMode,
    readonly accepted: readonly CalculationMode[],
  ) {
    super(`${mode} is not accepted by this product (accepted: ${accepted.join(', ') || 'none'})`);
  }
}

export class AmountOutOfRangeError extends TypedError {
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

export class InvalidAmountError extends TypedError {
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

builder.objectType(ProductNotFoundError, {
  name: 'ProductNotFoundError',
  interfaces: [ErrorInterfaceRef],
  description: 'DT One does not offer this product to the account (or it does not exist).',
  fields: (t) => ({ productId: t.exposeInt('productId') }),
});

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
