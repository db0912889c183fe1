/**
 * When a failed delivery is tried again: the Standard Webhooks schedule (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, then
 * every 10 h), each delay with ±20 % jitter so a receiver coming back is not hit by every gateway at once, until the
 * horizon (3 days by default) after the first attempt; then the event goes to the dead letters. `scale` shrinks the
 * whole schedule (tests run it in milliseconds).
 */
const DELAYS_MS = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000];

export interface RetrySchedule {
  /** The delay before attempt `failures + 1`, or undefined once the horizon is past. */
  next(failures: number, firstAttemptAtMs: number, nowMs: number): number | undefined;
}

export function retrySchedule({
  horizonMs = 3 * 24 * 3_600_000,
  scale = 1,
  random = Math.random,
}: {
  horizonMs?: number;
  scale?: number;
  random?: () => number;
} = {}): RetrySchedule {
  return {
    next(failures, firstAttemptAtMs, nowMs) {
      const base = DELAYS_MS[Math.min(failures - 1, DELAYS_MS.length - 1)]! * scale;
      const delay = Math.max(1, Math.round(base * (0.8 + 0.4 * random())));
      return nowMs + delay - firstAttemptAtMs > horizonMs ? undefined : delay;
    },
  };
}

/** The schedule as a person reads it, for the docs and the closing note. */
export const RETRY_DELAYS_MS: readonly number[] = DELAYS_MS;
