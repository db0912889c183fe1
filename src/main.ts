#!/usr/bin/env node
/** The process entry: `node dist/main.js [command]` (`npm start`, the `dtone-gateway` bin). `serve` is the default. */
import { buildProgram } from './cli/program.js';
import { installProcessSafetyNet } from './server/process-safety.js';

const io = {
  out: (line: string) => process.stdout.write(`${line}\n`),
  err: (line: string) => process.stderr.write(`${line}\n`),
};
installProcessSafetyNet(io.err);
const code = await buildProgram(io).run(process.argv.slice(2));
// Commands that keep running (serve, sandbox) resolve with no code; a signal ends them.
if (code !== undefined) {
  process.exitCode = code;
  // A failed start may leave pools or timers open: nothing more is coming, so the code is final.
  if (code !== 0) process.exit(code);
}
