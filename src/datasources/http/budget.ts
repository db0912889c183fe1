import { parseRetryAfter } from './retry-after.js';

/**
 * The calls an upstream account may still make, as the upstream reports them (`X-RateLimit-Limit`,
 * `X-RateLimit-Remaining`, 429 with or without `Retry-After`), shared by every caller of that account. The transport
 * asks before each attempt and reports each answer; a call that would only earn a 429 is held or refused here and
 * never sent.
 */
export interface UpstreamBudget {
  /** 0: send now. Otherwise how many ms until asking again can be answered differently. */
  admit(effect: 'read' | 'money'): Promise<number>;
  /** What an attempt's answer said about the budget; settles once recorded, and never rejects. */
  observe(status: number, headers: Readonly<Record<string, string>>): Promise<void>;
}

/** Reads stop while this share of the limit is left, so catalogue browsing cannot use up what payments need. */
export const MONEY_RESERVE_SHARE = 0.1;
/**
 * How long a reported `Remaining` is trusted. DT One does not publish its period, only that it is counted in
 * seconds; past this, the next call goes out and its answer tells the budget afresh.
 */
export const REPORT_TRUSTED_MS = 1_000;
/** After a 429 without `Retry-After`: 1 s, doubling on each 429 in a row, up to this. */
export const MAX_BLOCK_MS = 30_000;

export const moneyReserve = (limit: number) => Math.ceil(limit * MONEY_RESERVE_SHARE);

/** The headers of one answer, as numbers the budget can use; `undefined` for a missing or broken header. */
export function readBudgetHeaders(
  status: number,
  headers: Readonly<Record<string, string>>,
  nowMs: number,
): { limit?: number; remaining?: number; blockMs?: number } {
  const int = (name: string) => {
    const text = headers[name]?.trim();
    return text && /^\d{1,9}$/.test(text) ? Number(text) : undefined;
  };
  const limit = int('x-ratelimit-limit');
  const remaining = int('x-ratelimit-remaining');
  const retryAfter = status === 429 ? parseRetryAfter(headers['retry-after'], nowMs) : undefined;
  return {
    ...(limit !== undefined && remaining !== undefined && { limit, remaining: Math.min(limit, remaining) }),
    ...(retryAfter !== undefined && { blockMs: retryAfter * 1000 }),
  };
}

/** The budget of one process. `createRedisBudget` (src/limits) shares the same rules across instances. */
export function createMemoryBudget(now: () => number = Date.now): UpstreamBudget {
  let limit = 0;
  let remaining: number | undefined;
  let knownUntil = 0;
  let blockedUntil = 0;
  let strikes = 0;

  return {
    async admit(effect) {
      const t = now();
      if (t < blockedUntil) return blockedUntil - t;
      if (remaining === undefined || t >= knownUntil) return 0;
      const floor = effect === 'money' ? 0 : moneyReserve(limit);
      if (remaining <= floor) return knownUntil - t;
      remaining--;
      return 0;
    },
    async observe(status, headers) {
      const t = now();
      const told = readBudgetHeaders(status, headers, t);
      // Answers overtake each other, so a higher count within a report's life is not believed (it may be a new
      // period too: it is believed once that report has lapsed, within REPORT_TRUSTED_MS).
      const fresh = remaining === undefined || t >= knownUntil;
      if (
        told.remaining !== undefined &&
        told.limit !== undefined &&
        (fresh || told.remaining <= remaining!)
      ) {
        remaining = told.remaining;
        limit = told.limit;
        knownUntil = t + REPORT_TRUSTED_MS;
      }
      if (status === 429) {
        strikes++;
        blockedUntil = t + (told.blockMs ?? Math.min(MAX_BLOCK_MS, 1000 * 2 ** (strikes - 1)));
      } else if (status < 500) {
        strikes = 0;
      }
    },
  };
}

/** Raised before sending: the budget has no room within the call's deadline. */
export class UpstreamBudgetExhausted extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    readonly requestId: string,
  ) {
    super('the upstream rate limit leaves no room for this call now');
    this.name = 'UpstreamBudgetExhausted';
  }
}
