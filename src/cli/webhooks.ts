import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { loadKeyRing } from '../secrets/key-file.js';
import { TENANT_ID_PATTERN } from '../store/api-key-material.js';
import { parseEventSeq } from '../store/event-queries.js';
import { createStore } from '../store/index.js';
import {
  createEndpointAdmin,
  EVENT_CLASSES,
  endpointPolicy,
  WebhookInputError,
} from '../webhooks/endpoints.js';
import { EndpointUrlError } from '../webhooks/url-guard.js';
import { type CliIo, UsageError } from './usage-error.js';

type Admin = ReturnType<typeof createEndpointAdmin>;

/** Dead letters read per store query when the CLI lists them all. */
const DEAD_LETTER_PAGE = 500;

/** `webhooks …`: a tenant's outbound webhook endpoints (the secret is printed once, on create and rotate-secret). */
export function addWebhookCommands(
  program: Command,
  env: Record<string, string | undefined>,
  io: CliIo,
  done: (code: number) => void,
): void {
  const withAdmin = async (use: (admin: Admin) => Promise<number>) => {
    const config = loadConfig(env);
    const store = await createStore(config.store);
    try {
      await store.migrate();
      return await use(
        createEndpointAdmin({ store, keys: loadKeyRing(config), policy: endpointPolicy(config) }),
      );
    } catch (error) {
      if (error instanceof EndpointUrlError || error instanceof WebhookInputError)
        throw new UsageError(error.message);
      throw error;
    } finally {
      await store.close();
    }
  };
  const found = <T>(id: string, value: T | undefined): T => {
    if (value === undefined)
      throw new UsageError(`No webhook endpoint ${JSON.stringify(id)} (see webhooks list)`);
    return value;
  };

  const webhooks = program.command('webhooks').description("manage tenants' outbound webhook endpoints");
  webhooks
    .command('create')
    .description('register an endpoint and print its signing secret once; it gets events from now on')
    .requiredOption('--tenant <tenant>', 'the tenant whose events it gets')
    .requiredOption('--url <url>', 'the https URL events are POSTed to')
    .option('--events <list>', `comma-separated status classes (default: all): ${EVENT_CLASSES.join(', ')}`)
    .action(async (options: { tenant: string; url: string; events?: string }) => {
      if (!TENANT_ID_PATTERN.test(options.tenant))
        throw new UsageError(`Invalid tenant ${JSON.stringify(options.tenant)}`);
      done(
        await withAdmin(async (admin) => {
          const { endpoint, secret } = await admin.create({
            tenantId: options.tenant,
            url: options.url,
            ...(options.events !== undefined && { eventClasses: options.events.split(',') }),
          });
          io.out(`${endpoint.id}  ${secret}`);
          io.err(
            `Endpoint ${endpoint.id} gets ${options.tenant}'s events after #${endpoint.cursorSeq}; keep the secret.`,
          );
          return 0;
        }),
      );
    });
  webhooks
    .command('list')
    .description('list endpoints with their state (never their secrets)')
    .option('--tenant <tenant>', "only this tenant's endpoints")
    .action(async (options: { tenant?: string }) => {
      done(
        await withAdmin(async (admin) => {
          for (const e of await admin.list(options.tenant)) {
            const state = e.enabled ? 'enabled' : `disabled (${e.disabledReason ?? ''})`;
            const events = e.eventClasses?.join(',') ?? 'all';
            io.out(`${e.id}  ${e.tenantId}  ${e.url}  ${events}  ${state}  after #${e.cursorSeq}`);
          }
          return 0;
        }),
      );
    });
  for (const [name, enabled] of [
    ['disable', false],
    ['enable', true],
  ] as const) {
    webhooks
      .command(name)
      .description(enabled ? 'deliver again (the waiting event first)' : 'stop delivering to an endpoint')
      .argument('<id>', 'the endpoint id')
      .action(async (id: string) => {
        done(
          await withAdmin(async (admin) => {
            found(id, await admin.setEnabled(undefined, id, enabled));
            io.err(`Endpoint ${id} ${enabled ? 'enabled' : 'disabled'}.`);
            return 0;
          }),
        );
      });
  }
  webhooks
    .command('rotate-secret')
    .description(
      'give an endpoint a new signing secret, printed once; for 24 hours deliveries carry a signature with the old one too',
    )
    .argument('<id>', 'the endpoint id')
    .action(async (id: string) => {
      done(
        await withAdmin(async (admin) => {
          io.out(found(id, await admin.rotateSecret(undefined, id)).secret);
          return 0;
        }),
      );
    });
  webhooks
    .command('dead-letters')
    .description('list the events given up on after the retry horizon (replay them with replay --from SEQ)')
    .requiredOption('--endpoint <id>', 'the endpoint id')
    .action(async (options: { endpoint: string }) => {
      done(
        await withAdmin(async (admin) => {
          for (let offset = 0; ; offset += DEAD_LETTER_PAGE) {
            const page = { offset, limit: DEAD_LETTER_PAGE };
            const { items, total } = found(
              options.endpoint,
              await admin.deadLetters(undefined, options.endpoint, page),
            );
            for (const d of items)
              io.out(`#${d.seq}  ${d.at}  ${d.attempts} attempt(s)  ${d.lastError ?? ''}`);
            if (offset + items.length >= total || items.length === 0) return 0;
          }
        }),
      );
    });
  webhooks
    .command('replay')
    .description('send events again (one, or a range), with the same webhook-id as before')
    .requiredOption('--endpoint <id>', 'the endpoint id')
    .requiredOption('--from <seq>', 'the first event number')
    .option('--to <seq>', 'the last event number (default: --from)')
    .action(async (options: { endpoint: string; from: string; to?: string }) => {
      const from = parseEventSeq(options.from);
      const to = parseEventSeq(options.to ?? options.from);
      if (from === undefined || to === undefined) throw new UsageError('--from and --to are event numbers');
      done(
        await withAdmin(async (admin) => {
          const queued = found(options.endpoint, await admin.replay(undefined, options.endpoint, from, to));
          io.err(`Queued ${queued} event(s) to send again to ${options.endpoint}.`);
          return 0;
        }),
      );
    });
}
