import { runKeys } from './cli/keys.js';
import { type CliIo, UsageError } from './cli/usage-error.js';
import { ConfigError, loadConfig } from './config.js';
import { createStore } from './store/index.js';
import { SCOPES } from './store/scopes.js';

const USAGE = `Usage (npm run keys -- … is short for tsx src/cli.ts keys …):
  npm run keys -- create --tenant <tenant> --name <name> --scopes <scope>[,<scope>…]   a new key, shown once
  npm run keys -- list [--tenant <tenant>]                                list keys (never the keys themselves)
  npm run keys -- revoke <key id>
Scopes: ${SCOPES.join(', ')}`;

const io: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command !== 'keys') {
    io.err(command ? `Unknown command ${JSON.stringify(command)}\n\n${USAGE}` : USAGE);
    return 2;
  }
  const config = loadConfig();
  const store = await createStore(config.store);
  try {
    await store.migrate();
    return await runKeys(args, store, io);
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else if (error instanceof ConfigError) {
      io.err(error.message);
      process.exitCode = 2;
    } else {
      io.err(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      process.exitCode = 1;
    }
  },
);
