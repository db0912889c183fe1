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

/** A non-integer number literal (JSON's grammar) where a value starts: after `:`, `[` or `,`. */
const NON_INTEGER_VALUE = /([:,[]\s*)(-?(?:0|[1-9]\d*)(?:\.\d+|(?:\.\d+)?[eE][+-]?\d+))(?=\s*[,\]}])/g;
/** A string followed by whitespace, then a colon (`"a" :`); the usual `"a":` is counted without a regex. */
const SPACED_KEY_COLON = /"[ \t\n\r]+:/g;

/** Every string followed by a colon: each key, plus the odd `":` inside a string (an overcount only). */
function countKeyColons(text: string): number {
  let n = 0;
  for (let i = text.indexOf('":'); i !== -1; i = text.indexOf('":', i + 2)) n++;
  SPACED_KEY_COLON.lastIndex = 0;
  if (SPACED_KEY_COLON.test(text)) n += text.match(SPACED_KEY_COLON)?.length ?? 0;
  return n;
}

/**
 * JSON.parse without float rounding: `{"amount":20.89}` gives `{ amount: "20.89" }`, `{"id":7}` gives `{ id: 7 }`.
 * Throws SyntaxError on malformed text and, unlike JSON.parse, on a key repeated with a different value (an
 * ambiguous body is refused rather than resolved by "last wins"). A `__proto__` key becomes an ordinary own
 * property, as with JSON.parse, so parsing never changes any prototype.
 *
 * Fast path (upstream pages are 100 KB and parsed on every cold read): quote each non-integer value, let the
 * native JSON.parse do the rest, and compare key counts to catch a repeated key (one walk also checks that every
 * number left is a safe integer; a bare number as the whole text always takes the lossless path). The quoting never touches a
 * string's content without breaking the text (a quote put before digits inside a string ends it right before
 * them, which no JSON allows), so anything unusual fails here and goes to the lossless parser, which decides and
 * words the error.
 */
export function parseJson(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text.replace(NON_INTEGER_VALUE, '$1"$2"'));
    if (typeof value === 'object' && value !== null && countKeys(value) === countKeyColons(text))
      return value;
  } catch {
    // the lossless parser below words the error
  }
  return parseJsonLossless(text);
}

/** The reference the fast path must agree with: a full parse in JavaScript, slower on large bodies. */
export function parseJsonLossless(text: string): unknown {
  return parse(text, null, parseWireNumber);
}

/**
 * Keys in the parsed value, or NaN when a number in it is one the fast path must not answer: an integer too long to
 * be safe (rounded by JSON.parse) or `-0` (the lossless parser reads it as 0). Non-integers arrive quoted.
 */
function countKeys(value: unknown): number {
  if (typeof value === 'number') return Number.isSafeInteger(value) && !Object.is(value, -0) ? 0 : Number.NaN;
  if (value === null || typeof value !== 'object') return 0;
  let n = 0;
  if (Array.isArray(value)) {
    for (const item of value) n += countKeys(item);
    return n;
  }
  for (const key in value) n += 1 + countKeys((value as Record<string, unknown>)[key]);
  return n;
}
