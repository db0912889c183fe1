import { setTimeout as sleepTimer } from 'node:timers/promises';

/** The overall time budget of one upstream call, across every attempt and the whole body. */
export interface Deadline {
  /** Aborts when the budget runs out or the caller's own signal aborts. */
  readonly signal: AbortSignal;
  remainingMs(): number;
  /** True when the budget ran out (as opposed to the caller aborting). */
  expired(): boolean;
  callerAborted(): boolean;
}

export function createDeadline(timeoutMs: number, callerSignal?: AbortSignal): Deadline {
  const startedAt = performance.now();
  // undici's bodyTimeout is idle-based: a body dripped slowly never trips it, so the whole call needs its own clock.
  const timer = AbortSignal.timeout(timeoutMs);
  const signal = callerSignal ? AbortSignal.any([timer, callerSignal]) : timer;
  return {
    signal,
    remainingMs: () => Math.max(0, timeoutMs - (performance.now() - startedAt)),
    expired: () => timer.aborted && !callerSignal?.aborted,
    callerAborted: () => callerSignal?.aborted === true,
  };
}

/** Waits `ms`, or rejects as soon as `signal` aborts. */
export async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  await sleepTimer(ms, undefined, { signal });
}
