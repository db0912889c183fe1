import { Command, CommanderError, Option } from 'commander';

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

/** The scenarios `--only` picks from, for the usage text. */
export interface ScenarioName {
  letter: string;
  title: string;
}

/**
 * `npm run bench -- [flags]`: `--help` lists the scenarios and flags and exits 0; an unknown flag or scenario prints
 * the usage and exits 2.
 */
export function parseArgs(argv: readonly string[], scenarios: readonly ScenarioName[]): BenchArgs {
  const letters = scenarios.map((s) => s.letter);
  const program = new Command('npm run bench --')
    .description(
      'Measures the gateway against the least work any client could do for the same answer, side by side.',
    )
    .addOption(new Option('--quick', 'about 3 minutes: short windows, one round (as CI runs it)'))
    .addOption(
      new Option(
        '--only <letters>',
        `comma-separated scenarios to run (default: all): ${letters.join(', ')}`,
      ).argParser((value) => {
        const only = value.split(',').map((s) => s.trim().toLowerCase());
        const unknown = only.filter((letter) => !letters.includes(letter));
        if (unknown.length > 0)
          throw new Error(`unknown scenario ${unknown.join(', ')}: pick from ${letters.join(', ')}`);
        return only;
      }),
    )
    .addOption(new Option('--json', 'print the result as JSON instead of the table'))
    .addOption(new Option('--ci', 'exit 1 on count regressions (calls, depth, loss, memory), never on speed'))
    .addHelpText('after', `\nScenarios:\n${scenarios.map((s) => `  ${s.letter}  ${s.title}`).join('\n')}`)
    .showHelpAfterError('(npm run bench -- --help for usage)')
    .exitOverride();
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.code === 'commander.helpDisplayed' ? 0 : 2);
    // An --only value that names no scenario.
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  const options = program.opts<{ quick?: boolean; only?: string[]; json?: boolean; ci?: boolean }>();
  return { quick: !!options.quick, only: options.only ?? [], json: !!options.json, ci: !!options.ci };
}
