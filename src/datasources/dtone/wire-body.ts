import { LosslessNumber, stringify } from 'lossless-json';

/**
 * Serialises a request body for DT One. Amounts travel as JSON numbers, but we hold them as exact decimal text:
 * every string under an `amount` key is written as the number literal it spells, never via a JS float.
 * A non-integer JS number there is refused: it may already have lost precision.
 */
export function toWireJson(body: unknown): string {
  return stringify(withExactAmounts(body)) ?? 'null';
}

function withExactAmounts(value: unknown, key?: string): unknown {
  if (key === 'amount') return exactAmount(value);
  if (Array.isArray(value)) return value.map((item) => withExactAmounts(item));
  if (typeof value === 'object' && value !== null && !(value instanceof LosslessNumber)) {
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) copy[k] = withExactAmounts(v, k);
    return copy;
  }
  return value;
}

const DECIMAL_TEXT = /^-?(0|[1-9]\d*)(\.\d+)?$/;

function exactAmount(value: unknown): unknown {
  if (typeof value === 'string') {
    if (!DECIMAL_TEXT.test(value)) throw new TypeError('amount must be plain decimal text such as "10.50"');
    return new LosslessNumber(value);
  }
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new TypeError('amount must be decimal text or a safe integer, never a float');
  }
  return value;
}
