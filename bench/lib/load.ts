import autocannon from 'autocannon';

export interface LoadTarget {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  failures: number;
}

/** A closed-loop run of autocannon (in this process, pinned to the load core) for `seconds`, or `amount` requests. */
export async function runLoad(
  target: LoadTarget,
  connections: number,
  seconds: number,
  amount?: number,
): Promise<LoadResult> {
  const result = await autocannon({
    url: target.url,
    method: target.method,
    headers: target.headers ?? {},
    ...(target.body !== undefined && { body: target.body }),
    connections,
    ...(amount === undefined ? { duration: seconds } : { amount }),
    timeout: 30,
  });
  return {
    requests: result['2xx'] + result.non2xx,
    rps: result['2xx'] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}
