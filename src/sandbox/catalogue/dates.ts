import type { Random } from './random.js';

/** Every catalogue date derives from this instant, never from the clock: same seed, same dates. */
export const BASE_DATE_MS = Date.UTC(2026, 0, 1);
const DAY_MS = 86_400_000;

/**
 * When a promotion or campaign runs. Most run from mid/late 2025 to 2027–2028 (so they are active whenever
 * tests run in the coming year); some ended in 2025; some only start in 2028.
 */
export type Phase = 'running' | 'ended' | 'upcoming';

export interface Window {
  phase: Phase;
  startDate: string;
  endDate: string;
}

export function drawWindow(random: Random): Window {
  const phase = random.weighted<Phase>([
    ['running', 70],
    ['ended', 15],
    ['upcoming', 15],
  ]);
  const hour = random.int(0, 23) * 3_600_000;
  let start: number;
  let end: number;
  if (phase === 'running') {
    start = BASE_DATE_MS - random.int(30, 200) * DAY_MS + hour;
    end = BASE_DATE_MS + random.int(550, 1080) * DAY_MS + hour;
  } else if (phase === 'ended') {
    start = BASE_DATE_MS - random.int(150, 214) * DAY_MS + hour;
    end = start + random.int(20, 90) * DAY_MS;
  } else {
    start = BASE_DATE_MS + random.int(730, 880) * DAY_MS + hour;
    end = start + random.int(30, 180) * DAY_MS;
  }
  return { phase, startDate: new Date(start).toISOString(), endDate: new Date(end).toISOString() };
}
