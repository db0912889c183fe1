/**
 * With BENCH_CPU_PROF_DIR set, a gateway profiles just a stretch of a scenario (bench/entries/gateway.ts): `start`,
 * then `stop=<label>` writes `<label>.<pid>.<time>.cpuprofile`. Without it, nothing is asked.
 */
export async function benchProfile(url: string, action: string): Promise<void> {
  if (process.env.BENCH_CPU_PROF_DIR === undefined) return;
  const res = await fetch(`${url}/__bench/profile?${action}`, { method: 'POST' });
  if (!res.ok) throw new Error(`profile ${action}: ${res.status} ${await res.text()}`);
}
