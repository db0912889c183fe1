/**
 * DT One's transaction state machine, by status class (FACTS §6.2): CREATED → CONFIRMED → SUBMITTED →
 * COMPLETED | DECLINED; CREATED → CANCELLED | REJECTED; COMPLETED → REVERSED. A final class never regresses and
 * never changes, except COMPLETED → REVERSED. PENDING is ours: sent, outcome not known yet.
 */
export const StatusClass = {
  PENDING: 'PENDING',
  CREATED: 'CREATED',
  CONFIRMED: 'CONFIRMED',
  REJECTED: 'REJECTED',
  CANCELLED: 'CANCELLED',
  SUBMITTED: 'SUBMITTED',
  COMPLETED: 'COMPLETED',
  REVERSED: 'REVERSED',
  DECLINED: 'DECLINED',
} as const;
export type StatusClass = (typeof StatusClass)[keyof typeof StatusClass];

const RANK: Record<StatusClass, number> = {
  PENDING: 0,
  CREATED: 1,
  CONFIRMED: 2,
  SUBMITTED: 3,
  REJECTED: 4,
  CANCELLED: 4,
  COMPLETED: 4,
  DECLINED: 4,
  REVERSED: 5,
};

const FINAL: ReadonlySet<string> = new Set(['REJECTED', 'CANCELLED', 'COMPLETED', 'DECLINED', 'REVERSED']);

export function isStatusClass(value: string): value is StatusClass {
  return value in RANK;
}

export function isFinal(statusClass: string): boolean {
  return FINAL.has(statusClass);
}

/** Whether moving from `from` to `to` is a forward transition; duplicates, stale and impossible moves are not. */
export function isForward(from: string, to: string): boolean {
  if (!isStatusClass(to) || from === to) return false;
  if (!isStatusClass(from)) return true;
  if (from === 'COMPLETED') return to === 'REVERSED';
  if (isFinal(from)) return false;
  if ((to === 'CANCELLED' || to === 'REJECTED') && RANK[from] > RANK.CREATED) return false;
  if (to === 'REVERSED') return false;
  return RANK[to] > RANK[from];
}
