import { describe, expect, it } from 'vitest';
import { type AttemptOutcome, decideRetry } from './retry-policy.js';

const policy = { retries: 3, backoff: { baseDelayMs: 100, maxDelayMs: 1000, jitter: 'full' as const } };
const half = () => 0.5;
const NOW = Date.parse('2026-01-15T12:00:00Z');

function decide(
  outcome: AttemptOutcome,
  overrides: { attempt?: number; idempotent?: boolean; remainingMs?: number } = {},
) {
  return decideRetry(
    { attempt: 1, idempotent: true, remainingMs: 10_000, nowMs: NOW, outcome, ...overrides },
    policy,
    half,
  );
}

const status503 = { status: 503, retryable: true, retryAfter: undefined };

describe('decideRetry', () => {
  it('retries a retryable answer after the jittered backoff', () => {
    expect(decide(status503)).toEqual({ retry: true, delayMs: 50 });
    expect(decide(status503, { attempt: 2 })).toEqual({ retry: true, delayMs: 100 });
  });

  it('never retries a request that is not idempotent, whatever went wrong', () => {
    expect(decide(status503, { idempotent: false })).toEqual({ retry: false, reason: 'not-idempotent' });
    expect(decide({ failure: 'reset' }, { idempotent: false })).toEqual({
      retry: false,
      reason: 'not-idempotent',
    });
  });

  it('stops after the configured number of retries', () => {
    expect(decide(status503, { attempt: 3 }).retry).toBe(true);
    expect(decide(status503, { attempt: 4 })).toEqual({ retry: false, reason: 'attempts-exhausted' });
  });

  it('does not retry an answer marked not retryable', () => {
    expect(decide({ status: 400, retryable: false, retryAfter: '1' })).toEqual({
      retry: false,
      reason: 'not-retryable',
    });
  });

  it('retries connection failures but not a deadline, a caller abort or an oversize body', () => {
    for (const failure of [
      'connect',
      'reset',
      'truncated',
      'headers-timeout',
      'body-timeout',
      'network',
    ] as const) {
      expect(decide({ failure }).retry).toBe(true);
    }
    for (const failure of ['deadline', 'aborted', 'oversize'] as const) {
      expect(decide({ failure })).toEqual({ retry: false, reason: 'not-retryable' });
    }
  });

  it('waits exactly what Retry-After asks, in seconds or as a date', () => {
    expect(decide({ status: 429, retryable: true, retryAfter: '2' })).toEqual({ retry: true, delayMs: 2000 });
    expect(decide({ status: 429, retryable: true, retryAfter: 'Thu, 15 Jan 2026 12:00:03 GMT' })).toEqual({
      retry: true,
      delayMs: 3000,
    });
  });

  it('falls back to backoff when Retry-After is garbage or negative', () => {
    expect(decide({ status: 429, retryable: true, retryAfter: 'later' })).toEqual({
      retry: true,
      delayMs: 50,
    });
    expect(decide({ status: 429, retryable: true, retryAfter: '-3' })).toEqual({ retry: true, delayMs: 50 });
  });

  it('gives up at once when the wait would run past the deadline', () => {
    expect(decide({ status: 429, retryable: true, retryAfter: '3600' })).toEqual({
      retry: false,
      reason: 'deadline',
    });
    expect(decide(status503, { remainingMs: 10 })).toEqual({ retry: false, reason: 'deadline' });
  });
});
