/**
 * Reads a `Retry-After` header (RFC 9110 §10.2.3): either delta-seconds or an HTTP date. Returns whole seconds to
 * wait (0 for a date already past), or `undefined` for anything else — negative, fractional, empty or garbage —
 * so a broken header never stalls or speeds up a retry.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return Number.isSafeInteger(seconds) ? seconds : undefined;
  }
  // An HTTP date always names a weekday or month; requiring a letter keeps Date.parse from reading "12" or "-1".
  if (!/^[A-Za-z]{3},? /.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}
