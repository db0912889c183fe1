/**
 * The sandbox's clock: real time plus an offset that tests can push forward. Timers run on this clock, so
 * `advance(ms)` fires every timer that falls due, at once, in due order. Nothing here scales delays: callers
 * multiply DT One's documented delays by the sandbox's `timeScale` before scheduling.
 */
export interface SandboxClock {
  /** Milliseconds since the epoch on the sandbox's clock. */
  now(): number;
  /** Runs `fn` once the clock reaches `now() + delayMs`. Returns a cancel function. */
  schedule(delayMs: number, fn: () => void): () => void;
  /** Moves the clock forward and fires every timer that falls due. */
  advance(ms: number): void;
  /** Cancels every pending timer (used when the sandbox stops). */
  dispose(): void;
}

interface Timer {
  due: number;
  seq: number;
  fn: () => void;
  handle: NodeJS.Timeout | undefined;
}

export interface ClockOptions {
  /** Where an earlier run's `advance` calls left the clock (a durable sandbox resumes it). Default 0. */
  offsetMs?: number;
  /** Called with the new offset on every `advance`, before the timers it makes due fire. */
  onAdvance?: (offsetMs: number) => void;
}

export function createClock(options: ClockOptions = {}): SandboxClock {
  let offset = options.offsetMs ?? 0;
  let seq = 0;
  const timers = new Set<Timer>();
  const now = () => Date.now() + offset;

  const fire = (timer: Timer) => {
    if (!timers.delete(timer)) return;
    if (timer.handle) clearTimeout(timer.handle);
    timer.fn();
  };

  const arm = (timer: Timer) => {
    const wait = Math.max(0, timer.due - now());
    timer.handle = setTimeout(() => fire(timer), wait);
    timer.handle.unref?.();
  };

  return {
    now,
    schedule(delayMs, fn) {
      const timer: Timer = { due: now() + Math.max(0, delayMs), seq: seq++, fn, handle: undefined };
      timers.add(timer);
      arm(timer);
      return () => {
        if (timers.delete(timer) && timer.handle) clearTimeout(timer.handle);
      };
    },
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError('clock.advance(ms) needs a non-negative number of milliseconds');
      offset += ms;
      options.onAdvance?.(offset);
      const due = [...timers].filter((t) => t.due <= now()).sort((a, b) => a.due - b.due || a.seq - b.seq);
      for (const timer of due) fire(timer);
      for (const timer of timers) {
        if (timer.handle) clearTimeout(timer.handle);
        arm(timer);
      }
    },
    dispose() {
      for (const timer of timers) if (timer.handle) clearTimeout(timer.handle);
      timers.clear();
    },
  };
}
