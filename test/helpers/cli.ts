import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildProgram } from '../../src/cli/program.js';
import { TEST_DATA_KEY } from './gateway.js';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * One CLI command (`keys`, `limits`, `accounts`…) as an operator runs it: in its own process, with a bare environment
 * whose only store is the SQLite file in `dataDir` (no DATABASE_URL), its data key in the same folder. `input`, when
 * given, is piped to its stdin (and closed), as `printf … | dtone-gateway …` would.
 */
export function cliCommand(
  dataDir: string,
  command: string,
  options: { input?: string } = {},
): (...args: string[]) => Promise<CliRun> {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir };
  return async (...args) => {
    const run = promisify(execFile)(TSX, ['src/main.ts', command, ...args], { env });
    if (options.input !== undefined) run.child.stdin?.end(options.input);
    try {
      const { stdout, stderr } = await run;
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as CliRun;
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };
}

/** Runs the CLI in this process with `env` (a data folder, usually); what it printed on stdout and stderr. */
export function inProcessCli(env: Record<string, string>) {
  return async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await buildProgram(
      { out: (line) => out.push(line), err: (line) => err.push(line) },
      { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_ENCRYPTION_KEY: TEST_DATA_KEY, ...env },
    ).run(argv);
    return { code, out, err: err.join('\n') };
  };
}
