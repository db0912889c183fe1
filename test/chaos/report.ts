/**
 * `npm run chaos` prints one line per scenario: scenario, seed, counts, result. CHAOS_ITERATIONS scales every
 * scenario (1 = the CI size that `npm test` runs).
 */
export const ITERATIONS = Math.max(1, Number(process.env.CHAOS_ITERATIONS ?? 1));
export const SEED = Number(process.env.CHAOS_SEED ?? 20_261_205);

export function reportRow(scenario: string, counts: Record<string, number | string>, ok: boolean): void {
  const text = Object.entries(counts)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
  process.stdout.write(`CHAOS | ${scenario} | seed ${SEED} | ${text} | ${ok ? 'PASS' : 'FAIL'}\n`);
}
