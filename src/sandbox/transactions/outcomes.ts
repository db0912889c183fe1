import type { StatusName } from './statuses.js';

export interface Outcome {
  /** Final status the operator answers with. */
  status: Extract<StatusName, 'COMPLETED' | `DECLINED${string}`>;
  /** Time from confirmation to the final status, before the sandbox's time scale. */
  delayMs: number;
  /** Whether a COMPLETED transaction carries a `pin { code, serial }`. */
  withPin: boolean;
}

const DELAY_BY_FIRST_DIGIT: Record<string, number> = { '1': 3_000, '2': 20_000, '3': 300_000 };

const STATUS_BY_LAST_DIGIT: Record<string, Outcome['status']> = {
  '0': 'COMPLETED',
  '1': 'COMPLETED',
  '2': 'DECLINED-INVALID-CREDIT-PARTY',
  '3': 'DECLINED-BARRED-CREDIT-PARTY',
  '4': 'DECLINED-OPERATOR-CURRENTLY-UNAVAILABLE',
  '5': 'DECLINED-DUPLICATED-TRANSACTION',
  '6': 'DECLINED',
  '7': 'DECLINED-EXCEPTION',
};

/**
 * DT One's sandbox rule: the last three digits of the credit party identifier pick the outcome (x00 COMPLETED,
 * x01 COMPLETED with a PIN, x02..x07 the DECLINED statuses) and the first of them the delay (1 → 3 s, 2 → 20 s,
 * 3 → 5 min). Any other suffix, and a product without a credit party, completes after 3 s. PIN products always
 * deliver a PIN when they complete: a PIN purchase without one would be meaningless.
 */
export function outcomeFor(creditPartyIdentifier: string | null, pinProduct: boolean): Outcome {
  const suffix = creditPartyIdentifier?.match(/([123])0([0-7])$/);
  if (!suffix) return { status: 'COMPLETED', delayMs: 3_000, withPin: pinProduct };
  const [, first, last] = suffix as unknown as [string, string, string];
  const status = STATUS_BY_LAST_DIGIT[last]!;
  return {
    status,
    delayMs: DELAY_BY_FIRST_DIGIT[first]!,
    withPin: status === 'COMPLETED' && (pinProduct || last === '1'),
  };
}
