import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff.js';

const options = { baseDelayMs: 100, maxDelayMs: 1000, jitter: 'full' as const };

describe('backoffDelayMs', () => {
  it('doubles the ceiling with each attempt up to the maximum', () => {
    const top = () => 0.999_999;
    expect([1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, options, top))).toEqual([99, 199, 399, 799, 999]);
  });

  it('with full jitter can wait nothing at all', () => {
    expect(backoffDelayMs(3, options, () => 0)).toBe(0);
  });

  it('with half jitter always waits at least half the ceiling', () => {
    expect(backoffDelayMs(3, { ...options, jitter: 'half' }, () => 0)).toBe(200);
    expect(backoffDelayMs(3, { ...options, jitter: 'half' }, () => 0.5)).toBe(300);
  });

  it('stays within [0, ceiling] for full and [ceiling/2, ceiling] for half jitter', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.constantFrom('full' as const, 'half' as const),
        (attempt, r, jitter) => {
          const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
          const delay = backoffDelayMs(attempt, { ...options, jitter }, () => r);
          expect(delay).toBeLessThanOrEqual(ceiling);
          expect(delay).toBeGreaterThanOrEqual(jitter === 'full' ? 0 : Math.floor(ceiling / 2));
        },
      ),
    );
  });
});
