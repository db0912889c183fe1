import { type BackoffOptions, backoffDelayMs } from './backoff.js';
import { parseRetryAfter } from './retry-after.js';
import type { TransportFailureKind } from './transport-error.js';

/** Statuses that say "not processed, try again later" or come from a proxy in front of the upstream. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

const RETRYABLE_FAILURES: ReadonlySet<TransportFailureKind> = new Set([
  'connect',
  'headers-timeout',
  'body-timeout',
  'reset',
  'truncated',
  'network',
]);

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  backoff: BackoffOptions;
}

export type AttemptOutcome =
  | { status: number; retryable: boolean; retryAfter: string | undefined }
  | { failure: TransportFailureKind };

export type RetryDecision =
  | { retry: true; delayMs: number }
  | { retry: false; reason: 'not-idempotent' | 'not-retryable' | 'attempts-exhausted' | 'deadline' };

/**
 * Decides whether attempt `attempt` (1-based) is followed by another, and after how long. A `Retry-After` from the
 * upstream replaces the backoff; a wait that would end past the deadline means giving up now, so the caller
 * hears about the rate limit or outage at once instead of after a pointless sleep.
 */
export function decideRetry(
  input: {
    attempt: number;
    idempotent: boolean;
    outcome: AttemptOutcome;
    remainingMs: number;
    nowMs: number;
  },
  policy: RetryPolicy,
  random: () => number = Math.random,
): RetryDecision {
  if (!input.idempotent) return { retry: false, reason: 'not-idempotent' };
  const { outcome } = input;
  const retryable = 'failure' in outcome ? RETRYABLE_FAILURES.has(outcome.failure) : outcome.retryable;
  if (!retryable) return { retry: false, reason: 'not-retryable' };
  if (input.attempt > policy.retries) return { retry: false, reason: 'attempts-exhausted' };
  const retryAfterSeconds =
    'failure' in outcome ? undefined : parseRetryAfter(outcome.retryAfter, input.nowMs);
  const delayMs =
    retryAfterSeconds !== undefined
      ? retryAfterSeconds * 1000
      : backoffDelayMs(input.attempt, policy.backoff, random);
  if (delayMs >= input.remainingMs) return { retry: false, reason: 'deadline' };
  return { retry: true, delayMs };
}
