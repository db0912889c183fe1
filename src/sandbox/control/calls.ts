export interface CallRecord {
  seq: number;
  at: number;
  method: string;
  /** `METHOD /template`, or `METHOD /path` when no route matched. */
  routeKey: string;
  path: string;
  query: string;
  status: number;
  /** When the answer was fully written (0 while in flight): waterfall depth is measured from start/finish. */
  finishedAt: number;
  /** The account whose credentials the call carried (`default`, `account-2`, …); absent when none matched. */
  account?: string;
}

/** Every request the sandbox received, counted per route: tests prove batching and retries with it. */
export function createCallLog(limit = 50_000) {
  let seq = 0;
  let log: CallRecord[] = [];
  let counts = new Map<string, number>();

  return {
    record(entry: Omit<CallRecord, 'seq' | 'status' | 'finishedAt'>): CallRecord {
      const record: CallRecord = { ...entry, seq: ++seq, status: 0, finishedAt: 0 };
      log.push(record);
      if (log.length > limit) log = log.slice(-limit / 2);
      counts.set(entry.routeKey, (counts.get(entry.routeKey) ?? 0) + 1);
      return record;
    },
    /** Calls to one route key (`GET /v1/products`), or every call when no key is given. */
    count(routeKey?: string): number {
      if (routeKey === undefined) return [...counts.values()].reduce((a, b) => a + b, 0);
      return counts.get(routeKey) ?? 0;
    },
    /** Calls made with one account's credentials, to one route key or to any (from the kept log). */
    countBy(account: string, routeKey?: string): number {
      return log.filter((c) => c.account === account && (routeKey === undefined || c.routeKey === routeKey))
        .length;
    },
    counts(): Record<string, number> {
      return Object.fromEntries(counts);
    },
    entries(): readonly CallRecord[] {
      return log;
    },
    /** The longest chain of calls in which each started after the previous one had finished. */
    waterfallDepth(): number {
      const depth = new Map<CallRecord, number>();
      const ordered = [...log].sort((a, b) => a.at - b.at || a.seq - b.seq);
      for (const call of ordered) {
        let before = 0;
        for (const [prev, d] of depth)
          if (prev.finishedAt > 0 && prev.finishedAt <= call.at) before = Math.max(before, d);
        depth.set(call, before + 1);
      }
      return Math.max(0, ...depth.values());
    },
    reset(): void {
      log = [];
      counts = new Map();
    },
  };
}

export type CallLog = ReturnType<typeof createCallLog>;
