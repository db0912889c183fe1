import { type Config, loadConfig } from '../config.js';
import { createGateway, type Gateway } from '../gateway.js';
import { redactUrl } from '../redact-url.js';
import { exitOnSignals } from '../server/shutdown.js';
import { describeStartError } from './start-errors.js';
import type { CliIo } from './usage-error.js';

/**
 * `dtone-gateway serve` (the default command): the gateway until SIGTERM/SIGINT. Resolves once it answers, or
 * with the exit code of a start that failed (one line per problem on stderr, no stack).
 */
export async function serve(io: CliIo): Promise<number | undefined> {
  let config: Config | undefined;
  let gateway: Gateway | undefined;
  let started: Promise<unknown> | undefined;
  try {
    config = loadConfig();
    const signals = exitOnSignals({
      timeoutMs: config.shutdownTimeoutMs,
      write: io.out,
      stop: async (timeoutMs) => {
        await started?.catch(() => undefined);
        return gateway ? gateway.stop({ timeoutMs }) : true;
      },
    });
    gateway = await createGateway(config);
    started = gateway.start();
    const url = await started;
    if (signals.stopping) return undefined;
    const upstream = gateway.sandbox
      ? `the built-in DT One sandbox at ${gateway.sandbox.url} (embedded mode)`
      : redactUrl(config.dtone.baseUrl);
    io.out(`dtone-gateway ready: GraphQL and GraphiQL at ${url}/graphql, talking to ${upstream}`);
    for (const warning of gateway.warnings()) io.err(`warning: ${warning}`);
    return undefined;
  } catch (error) {
    await gateway?.stop({ timeoutMs: 1_000 }).catch(() => undefined);
    const { code, lines } = describeStartError(error, {
      host: config?.host,
      port: config?.port,
      databaseUrl: config?.store.databaseUrl,
    });
    for (const line of lines) io.err(`dtone-gateway: ${line}`);
    return code;
  }
}
