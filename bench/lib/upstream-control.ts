import { request } from 'undici';

interface LoggedCall {
  routeKey: string;
  at: number;
  finishedAt: number;
}

export interface CallCounts {
  total: number;
  counts: Record<string, number>;
}

/** Steers the sandbox process: call counters (cheap port), waterfall depth and injected latency (control routes). */
export function upstreamControl(sandboxUrl: string, countersUrl: string) {
  const json = async <T>(url: string, method: 'GET' | 'POST' | 'DELETE', body?: unknown): Promise<T> => {
    const res = await request(url, {
      method,
      ...(body !== undefined && {
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      }),
    });
    if (res.statusCode !== 200) throw new Error(`${method} ${url} answered ${res.statusCode}`);
    return (await res.body.json()) as T;
  };
  return {
    /** DVS calls only (the `/v1/` routes), as counted since the last reset. */
    async calls(): Promise<CallCounts> {
      const all = await json<CallCounts>(countersUrl, 'GET');
      const counts = Object.fromEntries(Object.entries(all.counts).filter(([k]) => k.includes(' /v1/')));
      return { total: Object.values(counts).reduce((a, b) => a + b, 0), counts };
    },
    /**
     * Waits until no DVS call has started for 300 ms (at most 10 s): a server abandoned by the load generator at the
     * end of a window may still be working through queued queries, whose calls must not count in the next window.
     */
    async settle(): Promise<void> {
      let last = -1;
      for (let waited = 0; waited < 10_000; waited += 300) {
        const { total } = await this.calls();
        if (total === last) return;
        last = total;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    },
    async resetCalls(): Promise<void> {
      await json(countersUrl, 'DELETE');
    },
    /**
     * Longest chain of DVS calls each started after the previous finished, since the last reset. Computed here from
     * the log: the sandbox's own figure counts the control request that asks for it as one more level.
     */
    async waterfallDepth(): Promise<number> {
      const { log } = await json<{ log: LoggedCall[] }>(`${sandboxUrl}/__sandbox/calls`, 'GET');
      return waterfallDepth(log.filter((c) => c.routeKey.includes(' /v1/')));
    },
    async delayEveryCall(ms: number, times: number): Promise<void> {
      await json(`${sandboxUrl}/__sandbox/faults`, 'POST', { route: '*', times, hangMs: ms });
    },
    async clearFaults(): Promise<void> {
      await json(`${sandboxUrl}/__sandbox/faults`, 'DELETE');
    },
  };
}

export type UpstreamControl = ReturnType<typeof upstreamControl>;

function waterfallDepth(calls: readonly LoggedCall[]): number {
  const ordered = [...calls].sort((a, b) => a.at - b.at);
  const depths: number[] = [];
  ordered.forEach((call, i) => {
    let before = 0;
    for (let j = 0; j < i; j++) {
      const prev = ordered[j]!;
      if (prev.finishedAt > 0 && prev.finishedAt <= call.at) before = Math.max(before, depths[j]!);
    }
    depths.push(before + 1);
  });
  return Math.max(0, ...depths);
}
