export interface Row {
  scenario: string;
  variant: string;
  rps?: number;
  p50Ms?: number;
  p99Ms?: number;
  cpuMicrosPerQuery?: number;
  upstreamCallsPerQuery?: number;
  depth?: number;
  /** e.g. `0.42×F3`, or `+1 vs F3` for depths. */
  ratio?: string;
  target?: string;
  /** Whether the target is met (speed targets are reported, never gated). */
  ok?: boolean;
  /** Individual measurements behind an averaged row (the alternated runs). */
  runs?: unknown[];
}

/** A count the CI gate fails on. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  /** Reported, but the CI gate ignores it (it is not a count). */
  informational?: boolean;
}

const COLUMNS: [string, number, (r: Row) => string][] = [
  ['scenario', 16, (r) => r.scenario],
  ['variant', 24, (r) => r.variant],
  ['rps', 7, (r) => fixed(r.rps, 0)],
  ['p50ms', 7, (r) => fixed(r.p50Ms, 1)],
  ['p99ms', 7, (r) => fixed(r.p99Ms, 1)],
  ['cpu_us/q', 9, (r) => fixed(r.cpuMicrosPerQuery, 0)],
  ['up_calls/q', 10, (r) => fixed(r.upstreamCallsPerQuery, 2)],
  ['depth', 5, (r) => fixed(r.depth, 0)],
  ['ratio', 11, (r) => r.ratio ?? '—'],
  ['target', 22, (r) => r.target ?? '—'],
  ['ok', 2, (r) => (r.ok === undefined ? '—' : r.ok ? '✓' : '✗')],
];

function fixed(value: number | undefined, digits: number): string {
  return value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

export function renderTable(rows: readonly Row[]): string {
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 || i >= 8 ? c.padEnd(COLUMNS[i]![1]) : c.padStart(COLUMNS[i]![1]))).join('  ');
  return [
    line(COLUMNS.map(([name]) => name)),
    ...rows.map((row) => line(COLUMNS.map(([, , cell]) => cell(row)))),
  ].join('\n');
}

export function renderChecks(checks: readonly Check[]): string {
  return checks
    .map((c) => `${c.ok ? 'PASS' : c.informational ? 'WARN' : 'FAIL'}  ${c.name}: ${c.detail}`)
    .join('\n');
}
