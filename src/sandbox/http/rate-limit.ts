import type { SandboxClock } from '../clock.js';

export interface RateLimitOptions {
  /** Calls allowed per window and API key. */
  limit: number;
  windowMs: number;
}

/** DT One's per-key rate limit: a fixed window on the sandbox clock, reported in `X-RateLimit-*` headers. */
export function createRateLimiter(clock: SandboxClock) {
  let options: RateLimitOptions | undefined;
  const windows = new Map<string, { start: number; used: number }>();

  return {
    configure(next: RateLimitOptions | undefined): void {
      if (next && !(Number.isInteger(next.limit) && next.limit >= 0 && next.windowMs > 0)) {
        throw new TypeError('rate limit needs { limit: integer >= 0, windowMs > 0 }');
      }
      options = next;
      windows.clear();
    },
    /** Counts one call; returns the headers to send and whether the call is over the budget. */
    take(apiKey: string): { headers: Record<string, string>; limited: boolean } {
      if (!options) return { headers: {}, limited: false };
      const now = clock.now();
      let w = windows.get(apiKey);
      if (!w || now - w.start >= options.windowMs) {
        w = { start: now, used: 0 };
        windows.set(apiKey, w);
      }
      const limited = w.used >= options.limit;
      if (!limited) w.used++;
      return {
        headers: {
          'X-RateLimit-Limit': String(options.limit),
          'X-RateLimit-Remaining': String(Math.max(0, options.limit - w.used)),
        },
        limited,
      };
    },
  };
}
