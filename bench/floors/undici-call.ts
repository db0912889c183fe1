import { Pool } from 'undici';

export interface CallFloor {
  calls: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  cpuMicrosPerCall: number;
}

/**
 * F1 `undici-call`: one upstream REST call, `Pool.request` + `body.json()`, `inFlight` at a time for `seconds`,
 * measured in this process (pinned with the load generator), CPU from `process.cpuUsage()`.
 */
export async function measureUndiciCall(
  url: string,
  authorization: string,
  inFlight: number,
  seconds: number,
): Promise<CallFloor> {
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections: Math.max(inFlight, 1) });
  const path = `${target.pathname}${target.search}`;
  const latencies: number[] = [];
  const call = async () => {
    const res = await pool.request({ method: 'GET', path, headers: { authorization } });
    await res.body.json();
    if (res.statusCode !== 200) throw new Error(`F1 call answered ${res.statusCode}`);
  };
  await call();
  const deadline = performance.now() + seconds * 1000;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        await call();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await pool.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    calls: latencies.length,
    rps: latencies.length / elapsed,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    cpuMicrosPerCall: (cpu.user + cpu.system) / Math.max(1, latencies.length),
  };
}
