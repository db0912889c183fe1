export interface BenchArgs {
  /** ~3 s per measurement, whole run well under 3 minutes. */
  quick: boolean;
  /** Scenario letters to run (`a`); all when empty. */
  only: readonly string[];
  /** Print the result as JSON instead of the table. */
  json: boolean;
  /** Exit non-zero on count regressions only (never on speed). */
  ci: boolean;
}

export function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { quick: false, only: [], json: false, ci: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') args.quick = true;
    else if (arg === '--json') args.json = true;
    else if (arg === '--ci') args.ci = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      if (!value) throw new Error('--only needs a list of scenarios, e.g. --only a');
      args.only = value.split(',').map((s) => s.trim().toLowerCase());
    } else throw new Error(`unknown flag ${arg} (known: --quick, --only a, --json, --ci)`);
  }
  return args;
}
