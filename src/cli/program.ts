import { Command, CommanderError, Option } from 'commander';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { loadConfig } from '../config.js';
import { describeEffective } from '../config-reference.js';
import { createGateway } from '../gateway.js';
import { loadKeyRing } from '../secrets/key-file.js';
import { createStore } from '../store/index.js';
import { SCOPES } from '../store/scopes.js';
import type { Store } from '../store/types.js';
import {
  clearAccount,
  listAccounts,
  readInput,
  type SetAccountOptions,
  setAccount,
  withSecretsFromStdin,
} from './accounts.js';
import { createKey, listKeys, revokeKey } from './keys.js';
import { clearSpendCap, listSpendCaps, setSpendCap } from './limits.js';
import { runSandbox } from './sandbox.js';
import { serve } from './serve.js';
import { describeStartError, EXIT } from './start-errors.js';
import type { CliIo } from './usage-error.js';
import { addWebhookCommands } from './webhooks.js';

/**
 * The one CLI (`dtone-gateway`, `node dist/main.js`, `npm run keys -- …`). Each action resolves with an exit code,
 * or `undefined` for a command that keeps running (serve, sandbox) until a signal stops it.
 */
export function buildProgram(io: CliIo, env: Record<string, string | undefined> = process.env) {
  let result: number | undefined = EXIT.OK;
  const program = new Command('dtone-gateway')
    .description(
      "A GraphQL gateway over DT One's APIs, with a built-in DT One (embedded mode without credentials).",
    )
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text.trimEnd()),
      writeErr: (text) => io.err(text.trimEnd()),
    });

  const withStore = async (use: (store: Store) => Promise<number>) => {
    const store = await createStore(loadConfig(env).store);
    try {
      await store.migrate();
      return await use(store);
    } finally {
      await store.close();
    }
  };

  program
    .command('serve')
    .description(
      'run the gateway (the default): embedded on the built-in DT One unless DTONE_API_KEY/SECRET are set',
    )
    .action(async () => {
      result = await serve(io);
    });

  program
    .command('sandbox')
    .description('run only the built-in DT One and print its URL, credentials and a curl line to try')
    .option('--data-dir <dir>', 'keep its state in this folder (default: SANDBOX_DATA_DIR, else in memory)')
    .action(async (options: { dataDir?: string }) => {
      const config = loadConfig(env);
      await runSandbox(config, options.dataDir ?? config.sandbox.dataDir, io);
      result = undefined;
    });

  const keys = program.command('keys').description("manage clients' API keys (only their hashes are stored)");
  keys
    .command('create')
    .description('create a key and print it once')
    .requiredOption('--tenant <tenant>', 'the tenant the key belongs to (lowercase letters, digits, hyphens)')
    .requiredOption('--name <name>', 'what the key is for, e.g. checkout')
    .requiredOption('--scopes <list>', `comma-separated: ${SCOPES.join(', ')}`)
    .action(async (options: { tenant: string; name: string; scopes: string }) => {
      result = await withStore((store) => createKey(options, store, io));
    });
  keys
    .command('list')
    .description('list keys (never the keys themselves)')
    .option('--tenant <tenant>', "only this tenant's keys")
    .action(async (options: { tenant?: string }) => {
      result = await withStore((store) => listKeys(options, store, io));
    });
  keys
    .command('revoke')
    .description('revoke a key: requests with it are refused from then on')
    .argument('<id>', 'the key id (see keys list)')
    .action(async (id: string) => {
      result = await withStore((store) => revokeKey(id, store, io));
    });

  const limits = program.command('limits').description("manage tenants' daily spend caps, per currency");
  limits
    .command('set-spend-cap')
    .description(
      'cap what a tenant may spend a day (UTC) in one currency; creates past it are refused unsent',
    )
    .requiredOption('--tenant <tenant>', 'the tenant')
    .requiredOption('--currency <code>', 'ISO 4217 code of the currency DT One debits, e.g. USD')
    .requiredOption('--daily <amount>', 'the most the tenant may spend a day, e.g. 250.00')
    .action(async (options: { tenant: string; currency: string; daily: string }) => {
      result = await withStore((store) => setSpendCap(options, store, io));
    });
  limits
    .command('list')
    .description('list spend caps with what was spent against each today')
    .option('--tenant <tenant>', "only this tenant's caps")
    .action(async (options: { tenant?: string }) => {
      result = await withStore((store) => listSpendCaps(options, store, io));
    });
  limits
    .command('clear-spend-cap')
    .description("remove a tenant's cap in one currency")
    .requiredOption('--tenant <tenant>', 'the tenant')
    .requiredOption('--currency <code>', 'ISO 4217 code')
    .action(async (options: { tenant: string; currency: string }) => {
      result = await withStore((store) => clearSpendCap(options, store, io));
    });

  addWebhookCommands(program, env, io, (code) => {
    result = code;
  });

  const accounts = program
    .command('accounts')
    .description("manage tenants' own DT One accounts: key pairs sealed at rest, never shown again");
  accounts
    .command('set')
    .description(
      "set or rotate a tenant's own DVS and/or G&S key pair; tenants without one use the deployment's account",
    )
    .requiredOption('--tenant <tenant>', 'the tenant')
    .option('--dvs-key <key>', 'the DVS API key of its account (DT Shop → Developer → API keys)')
    .option(
      '--dvs-secret <secret>',
      'the DVS API secret: - reads it from stdin (keeps it out of shell history)',
    )
    .option('--gs-key <key>', 'the Goods & Services API key')
    .option('--gs-secret <secret>', 'the G&S API secret: - reads it from stdin (the 2nd line if both are -)')
    .addHelpText(
      'after',
      '\nExample: printf %s "$DVS_SECRET" | dtone-gateway accounts set --tenant acme --dvs-key KEY --dvs-secret -',
    )
    .action(async (given: SetAccountOptions) => {
      const options = await withSecretsFromStdin(given, () => readInput(), io);
      const keys = loadKeyRing(loadConfig(env));
      result = await withStore((store) => setAccount(options, store, keys, io));
    });
  accounts
    .command('list')
    .description("list tenants' own key pairs by fingerprint and last 4 characters of the key")
    .option('--tenant <tenant>', "only this tenant's")
    .action(async (options: { tenant?: string }) => {
      result = await withStore((store) => listAccounts(options, store, io));
    });
  accounts
    .command('clear')
    .description("remove a tenant's own key pair: it uses the deployment's account again")
    .requiredOption('--tenant <tenant>', 'the tenant')
    .option('--api <api>', 'only this API: dvs or gs (both when absent)')
    .action(async (options: { tenant: string; api?: string }) => {
      result = await withStore((store) => clearAccount(options, store, io));
    });

  program
    .command('reconcile')
    .description('settle the transactions due for a poll now, print what changed, and exit')
    .action(async () => {
      const gateway = await createGateway(loadConfig(env));
      try {
        const steps = await gateway.reconcileNow();
        const changed = steps.filter(
          (s) => s.before.status !== s.after.status || s.before.phase !== s.after.phase,
        );
        for (const s of changed) {
          io.out(`${s.id}  ${s.before.phase} ${s.before.status} → ${s.after.phase} ${s.after.status}`);
        }
        for (const s of steps.filter((step) => step.needsReview)) io.out(`${s.id}  flagged for review`);
        io.err(`Looked at ${steps.length} due transaction(s); ${changed.length} changed.`);
      } finally {
        await gateway.stop({ timeoutMs: 1_000 });
      }
      result = EXIT.OK;
    });

  program
    .command('schema')
    .description('print the GraphQL schema (SDL)')
    .action(async () => {
      const { schema } = await import('../schema/index.js');
      io.out(printSchema(lexicographicSortSchema(schema)));
      result = EXIT.OK;
    });

  program
    .command('config')
    .description('print the configuration in effect (secrets masked) and where each value came from')
    .addOption(new Option('--check', 'only check it: exit 78 with the problems when it is invalid'))
    .action((options: { check?: boolean }) => {
      loadConfig(env);
      if (!options.check) for (const line of describeEffective(env)) io.out(line);
      result = EXIT.OK;
    });

  return {
    program,
    /** Runs `argv` (without node and the script) and resolves with the exit code, `undefined` while serving. */
    async run(argv: string[]): Promise<number | undefined> {
      try {
        // No command is `serve`; an unknown word stays an unknown command rather than an argument of serve.
        await program.parseAsync(argv.length === 0 ? ['serve'] : argv, { from: 'user' });
        return result;
      } catch (error) {
        if (error instanceof CommanderError) {
          return error.code === 'commander.helpDisplayed' ||
            error.code === 'commander.version' ||
            error.code === 'commander.help'
            ? EXIT.OK
            : EXIT.USAGE;
        }
        const { code, lines } = describeStartError(error);
        for (const line of lines) io.err(`dtone-gateway: ${line}`);
        return code;
      }
    },
  };
}
