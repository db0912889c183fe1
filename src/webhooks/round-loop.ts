/** The least time from a round that found nothing to a round a wake-up asks for. */
const WAKE_GAP_MS = 5;

/**
 * Runs the worker's rounds: straight on while they find work, on a wake-up when an event is recorded, else every
 * `intervalMs`, which is the safety net (events recorded by other instances, retries coming due, a missed wake-up).
 * `round` answers how many endpoints it served; it never rejects (a failure is reported by `onError`).
 */
export function roundLoop(
  round: () => Promise<number>,
  intervalMs: number,
  onError: (error: unknown) => void,
) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;
  let inRound = false;
  /** A wake-up came during the round: go again straight after it. */
  let woken = false;
  /** A round is already set to run soon: further wake-ups are part of it. */
  let dueSoon = false;
  let lastIdleRound = 0;

  const runIn = (ms: number, soon = ms === 0) => {
    clearTimeout(timer);
    dueSoon = soon;
    timer = setTimeout(tick, ms).unref();
  };

  function tick(): void {
    dueSoon = false;
    inRound = true;
    woken = false;
    const current = round().catch((error: unknown) => {
      onError(error);
      return undefined;
    });
    running = current;
    void current.then((served) => {
      inRound = false;
      if (served === 0) lastIdleRound = Date.now();
      if (stopped) return;
      // A busy round goes straight on: events waiting should not wait for the interval. A failing store waits it.
      if (served === undefined) runIn(intervalMs);
      else if (served > 0) runIn(0);
      else if (woken) wake();
      else runIn(intervalMs);
    });
  }

  /**
   * Runs a round soon because an event was recorded. Wake-ups coalesce: any number during a round make one more
   * round, any number while one is due make none. Events of tenants without an endpoint wake the worker too, so a
   * round that found nothing keeps the next woken one WAKE_GAP_MS away: a stream of those costs at most one read
   * per gap, not a loop.
   */
  function wake(): void {
    if (stopped || dueSoon) return;
    if (inRound) {
      woken = true;
      return;
    }
    runIn(Math.max(0, lastIdleRound + WAKE_GAP_MS - Date.now()), true);
  }

  return {
    wake,
    start(): void {
      stopped = false;
      runIn(0);
    },
    /** No round starts after this; resolves once the one running (if any) is done. */
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
