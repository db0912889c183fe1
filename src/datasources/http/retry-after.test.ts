import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './retry-after.js';

const NOW = Date.parse('2026-01-15T12:00:00Z');

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter('7', NOW)).toBe(7);
    expect(parseRetryAfter(' 3600 ', NOW)).toBe(3600);
  });

  it('reads an HTTP date as the seconds left until it, rounded up', () => {
    expect(parseRetryAfter('Thu, 15 Jan 2026 12:00:30 GMT', NOW)).toBe(30);
    expect(parseRetryAfter('Thu, 15 Jan 2026 12:00:29 GMT', NOW + 500)).toBe(29);
  });

  it('treats a date in the past as no wait', () => {
    expect(parseRetryAfter('Thu, 15 Jan 2026 11:00:00 GMT', NOW)).toBe(0);
  });

  it('ignores a missing, negative, fractional or garbage value', () => {
    for (const value of [undefined, '', '-5', '1.5', 'soon', '12abc', 'Friday', '1e3', '0x10', 'NaN']) {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    }
  });

  it('ignores a number too large to be exact', () => {
    expect(parseRetryAfter('99999999999999999999', NOW)).toBeUndefined();
  });
});
