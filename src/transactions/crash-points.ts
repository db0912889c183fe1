/**
 * The named points of a create and a confirm where crash tests kill the process (RELIABILITY.md D1): before the
 * intent commits (K1), after it commits and before the send (K2), after DT One answered and before that is recorded
 * (K4), after it is recorded and before the reply (K5). K3 (sent, no answer yet) and K6 (after the reply) are caused
 * from outside the process.
 */
export const CRASH_POINTS = [
  'before-intent',
  'after-intent',
  'after-send',
  'after-commit',
  'confirm-after-send',
  'confirm-after-commit',
] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

/** The hook a service calls at each point: kills this process at `configured` (GATEWAY_CRASH_POINT), else nothing. */
export function crashAt(configured: CrashPoint | undefined): ((name: string) => void) | undefined {
  if (!configured) return undefined;
  return (name) => {
    if (name === configured) process.kill(process.pid, 'SIGKILL');
  };
}
