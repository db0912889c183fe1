/** `npm start`: the gateway, embedded on the built-in sandbox unless DT One credentials are set. */
import { ConfigError, loadConfig } from './config.js';
import { createGateway, type Gateway } from './gateway.js';
import { exitOnSignals } from './server/shutdown.js';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
  throw error;
}

let gateway: Gateway | undefined;
let started: Promise<unknown> | undefined;
const signals = exitOnSignals({
  timeoutMs: config.shutdownTimeoutMs,
  write: (line) => process.stdout.write(`${line}\n`),
  stop: async (timeoutMs) => {
    await started?.catch(() => undefined);
    return gateway ? gateway.stop({ timeoutMs }) : true;
  },
});

gateway = await createGateway(config);
started = gateway.start();
const url = await started;
if (!signals.stopping) {
  const upstream = gateway.sandbox
    ? `the built-in DT One sandbox at ${gateway.sandbox.url} (embedded mode)`
    : config.dtone.baseUrl;
  process.stdout.write(
    `dtone-gateway ready: GraphQL and GraphiQL at ${url}/graphql, talking to ${upstream}\n`,
  );
}
