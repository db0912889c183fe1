import { setTimeout as sleep } from 'node:timers/promises';
import type { SendPhase, Store, TransactionRecord } from '../store/types.js';
import { IdempotencyConflictError, InvalidInputError } from './errors.js';
import { spendLimitExceeded } from './spend.js';

/** Failure codes of sends the upstream did not take on: the same idempotency key may try again. */
export const RETRYABLE_FAILURES: ReadonlySet<string> = new Set([
  'RATE_LIMITED',
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_AUTH_ERROR',
  'NOT_SENT',
]);

export function validateIdempotencyKey(key: string): void {
  if (!/^[A-Za-z0-9_-]{1,255}$/.test(key)) {
    throw new InvalidInputError(['idempotencyKey'], 'idempotencyKey is 1 to 255 of A-Z, a-z, 0-9, _ and -');
  }
}

export interface IntentLifecycleOptions {
  store: Store;
  /** How long a concurrent duplicate waits for the first request's answer. */
  duplicateWaitMs: number;
  /** When the reconciler first looks at an intent made again (a reclaimed failure), as at its creation. */
  firstPollAfterMs: number;
  /** Looks an intent whose outcome is unknown up at the upstream (never sends it again). */
  recover(record: TransactionRecord): Promise<TransactionRecord>;
  /** The typed error a stored failure code answers. */
  failureError(code: string, record: TransactionRecord): Error;
}

/**
 * The steps every money move takes the same way, top-up or bill payment: record the intent (the services do, with
 * the spend cap), send, record the outcome or "unknown" (`markPhase`), and answer a replay of the same key:
 * - a different input under the key is an IdempotencyConflictError;
 * - an intent still being sent is waited for;
 * - an unknown outcome is looked up again;
 * - a failure the upstream did not take on is reclaimed (a poll again, the cap re-checked) and sent once more by
 *   whichever replay reclaims it; any other failure answers its original error.
 */
export function createIntentLifecycle({
  store,
  duplicateWaitMs,
  firstPollAfterMs,
  recover,
  failureError,
}: IntentLifecycleOptions) {
  /** Records what became of a send; only from `from` (by default an intent still being sent). */
  async function markPhase(
    record: TransactionRecord,
    phase: 'OUTCOME_UNKNOWN' | 'FAILED',
    errorCode: string | null,
    from: readonly SendPhase[] = ['INTENT'],
  ): Promise<TransactionRecord> {
    const result = await store.applyStatus(
      record.id,
      { status: record.status, statusClass: record.statusClass, source: 'create', phase, errorCode },
      (current) => from.includes(current.phase),
    );
    return result?.record ?? record;
  }

  async function waitWhileIntent(record: TransactionRecord): Promise<TransactionRecord> {
    const deadline = Date.now() + duplicateWaitMs;
    let current = record;
    for (
      let delay = 25;
      current.phase === 'INTENT' && Date.now() < deadline;
      delay = Math.min(delay * 2, 500)
    ) {
      await sleep(delay);
      current = (await store.getTransactionById(record.id)) ?? current;
    }
    return current;
  }

  async function replay(
    found: TransactionRecord,
    expectedFingerprint: string,
    resend: (reclaimed: TransactionRecord) => Promise<TransactionRecord>,
  ): Promise<TransactionRecord> {
    if (found.fingerprint !== expectedFingerprint) throw new IdempotencyConflictError(found.idempotencyKey);
    const settled = found.phase === 'INTENT' ? await waitWhileIntent(found) : found;
    if (settled.phase === 'OUTCOME_UNKNOWN') return recover(settled);
    if (settled.phase !== 'FAILED' || !settled.errorCode) return settled;
    if (!RETRYABLE_FAILURES.has(settled.errorCode)) throw failureError(settled.errorCode, settled);
    const claimed = await store.reclaimFailedIntent(settled.id, firstPollAfterMs);
    if (claimed && 'refused' in claimed) throw spendLimitExceeded(claimed.refused);
    if (claimed?.changed) return resend(claimed.record);
    return waitWhileIntent(claimed?.record ?? settled);
  }

  return { markPhase, waitWhileIntent, replay };
}
