import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * One CLI command (`keys`, `limits`, `accounts`…) as an operator runs it: in its own process, with a bare environment
 * whose only store is the SQLite file in `dataDir` (no DATABASE_URL), its data key in the same folder.
 */
export function cliCommand(dataDir: string, command: string): (...args: string[]) => Promise<CliRun> {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir };
  return async (...args) => {
    try {
      const { stdout, stderr } = await promisify(execFile)(TSX, ['src/main.ts', command, ...args], { env });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as CliRun;
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };
}
