/** `full` waits a random time in [0, d]; `half` waits in [d/2, d], so a retry never comes back immediately. */
export type Jitter = 'full' | 'half';

export interface BackoffOptions {
  /** Delay before the first retry, before jitter. @default 100 */
  baseDelayMs: number;
  /** Upper bound of any single delay, before jitter. @default 2000 */
  maxDelayMs: number;
  /** @default 'half' */
  jitter: Jitter;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseDelayMs: 100, maxDelayMs: 2000, jitter: 'half' };

/**
 * Exponential backoff with jitter for the retry that follows attempt `attempt` (1-based):
 * d = min(maxDelayMs, baseDelayMs × 2^(attempt−1)), then jittered. `random` returns a number in [0, 1).
 */
export function backoffDelayMs(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, attempt - 1);
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** exponent);
  const r = random();
  return options.jitter === 'full' ? Math.floor(ceiling * r) : Math.floor(ceiling / 2 + (ceiling / 2) * r);
}
