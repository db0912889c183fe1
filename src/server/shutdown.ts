const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type StopSignal = keyof typeof SIGNAL_EXIT_CODES;

export interface ShutdownOptions {
  /** Drains and closes everything; resolves `false` when the deadline forced connections closed. */
  stop: (timeoutMs: number) => Promise<boolean>;
  /** How long requests in flight get to finish (`SHUTDOWN_TIMEOUT_MS`). */
  timeoutMs: number;
  write: (line: string) => void;
  exit?: (code: number) => never;
}

/**
 * SIGTERM or SIGINT: a graceful stop, then exit 0 (or 1 when the deadline cut requests short). A second signal
 * exits at once (130/143, as a shell reports a signal). Registered before the gateway starts, so a signal that
 * arrives while it is still starting is not lost: `stop` is then called as soon as there is something to stop.
 */
export function exitOnSignals({ stop, timeoutMs, write, exit = process.exit }: ShutdownOptions) {
  let stopping: StopSignal | undefined;
  const onSignal = (signal: StopSignal) => {
    if (stopping) {
      write(`${signal} again: exiting now`);
      exit(SIGNAL_EXIT_CODES[signal]);
    }
    stopping = signal;
    write(`${signal}: stopping (requests in flight get up to ${timeoutMs} ms)`);
    // A backstop in case closing a pool hangs past the deadline: the process must end.
    setTimeout(() => {
      write(`${signal}: still stopping ${timeoutMs + 5_000} ms later: exiting`);
      exit(1);
    }, timeoutMs + 5_000).unref();
    stop(timeoutMs).then(
      (drained) => {
        if (!drained) write(`${signal}: the deadline passed with requests in flight: they were cut`);
        exit(drained ? 0 : 1);
      },
      (error: unknown) => {
        write(`${signal}: stopping failed: ${error instanceof Error ? error.message : String(error)}`);
        exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return {
    get stopping(): boolean {
      return stopping !== undefined;
    },
  };
}
