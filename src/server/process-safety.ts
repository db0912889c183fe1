/**
 * A safety net, not a fix: a promise rejection nobody handled is logged in one line and counted instead of ending
 * the process (Node's default), so one forgotten `catch` cannot take every request and subscription down with it.
 * Each one found is a bug to fix at its cause. An uncaught exception still ends the process: the state after a
 * synchronous throw out of an event handler is unknown, and a supervisor restarts a clean one.
 */
let unhandledRejections = 0;

export function installProcessSafetyNet(write: (line: string) => void): void {
  process.on('unhandledRejection', (reason) => {
    unhandledRejections++;
    const what = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
    write(`unhandled promise rejection #${unhandledRejections} (kept running): ${what.split('\n')[0]}`);
  });
}

/** How many rejections the safety net caught (for metrics and tests). */
export function unhandledRejectionCount(): number {
  return unhandledRejections;
}
