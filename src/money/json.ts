import { parse } from 'lossless-json';

/** A JSON number as the lossless parser returns it: a safe integer as `number`, anything else as its exact text. */
export type WireNumber = number | string;

const INTEGER_LITERAL = /^-?\d+$/;

function parseWireNumber(literal: string): WireNumber {
  if (INTEGER_LITERAL.test(literal)) {
    const value = Number(literal);
    // `-0` becomes 0: the sign of a zero carries no meaning on the wire and would surprise `===` and Object.is.
    if (Number.isSafeInteger(value)) return value === 0 ? 0 : value;
  }
  return literal;
}

/**
 * JSON.parse without float rounding: `{"amount":20.89}` gives `{ amount: "20.89" }`, `{"id":7}` gives `{ id: 7 }`.
 * Throws SyntaxError on malformed text and, unlike JSON.parse, on a key repeated with a different value (an
 * ambiguous body is refused rather than resolved by "last wins"). A `__proto__` key becomes an ordinary own
 * property, as with JSON.parse, so parsing never changes any prototype.
 */
export function parseJson(text: string): unknown {
  return parse(text, null, parseWireNumber);
}
