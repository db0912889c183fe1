/** Every error the money module throws carries one of these stable codes; callers branch on `code`, not on text. */
export type MoneyErrorCode =
  | 'MONEY_INVALID_DECIMAL'
  | 'MONEY_DECIMAL_OVERFLOW'
  | 'MONEY_DIVISION_BY_ZERO'
  | 'MONEY_INVALID_UNIT'
  | 'MONEY_CURRENCY_MISMATCH'
  | 'MONEY_TOO_MANY_DECIMALS'
  | 'MONEY_NEGATIVE_AMOUNT';

export abstract class MoneyError extends Error {
  abstract readonly code: MoneyErrorCode;
}

/** Quotes untrusted input for a message without letting a huge value flood logs. */
export function quoteInput(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return typeof value === 'string' ? JSON.stringify(shown) : `${typeof value} ${shown}`;
}

export class DecimalFormatError extends MoneyError {
  override readonly name = 'DecimalFormatError';
  readonly code = 'MONEY_INVALID_DECIMAL';
}

/** The value has more digits than the module accepts (a guard against exponent bombs such as `1e999999999`). */
export class DecimalOverflowError extends MoneyError {
  override readonly name = 'DecimalOverflowError';
  readonly code = 'MONEY_DECIMAL_OVERFLOW';
}

export class DivisionByZeroError extends MoneyError {
  override readonly name = 'DivisionByZeroError';
  readonly code = 'MONEY_DIVISION_BY_ZERO';
}

export class InvalidUnitError extends MoneyError {
  override readonly name = 'InvalidUnitError';
  readonly code = 'MONEY_INVALID_UNIT';
}

export class CurrencyMismatchError extends MoneyError {
  override readonly name = 'CurrencyMismatchError';
  readonly code = 'MONEY_CURRENCY_MISMATCH';
}

export class AmountPrecisionError extends MoneyError {
  override readonly name = 'AmountPrecisionError';
  readonly code = 'MONEY_TOO_MANY_DECIMALS';

  constructor(
    readonly currency: string,
    readonly allowedDecimals: number,
    readonly givenDecimals: number,
  ) {
    super(`${currency} allows ${allowedDecimals} decimal places, the amount has ${givenDecimals}`);
  }
}

export class NegativeAmountError extends MoneyError {
  override readonly name = 'NegativeAmountError';
  readonly code = 'MONEY_NEGATIVE_AMOUNT';
}
