/** `npm start`: the gateway, embedded on the built-in sandbox unless DT One credentials are set. */
import { ConfigError, loadConfig } from './config.js';
import { createGateway, type Gateway } from './gateway.js';

let gateway: Gateway | undefined;
let stopping = false;

// Registered first, so a signal that arrives while the gateway is still starting is not lost.
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`${signal}: stopping\n`);
  await gateway?.stop();
  process.exit(0);
};
process.once('SIGTERM', () => void stop('SIGTERM'));
process.once('SIGINT', () => void stop('SIGINT'));

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

gateway = await createGateway(config);
const url = await gateway.start();
if (stopping) {
  await gateway.stop();
  process.exit(0);
}
const upstream = gateway.sandbox
  ? `the built-in DT One sandbox at ${gateway.sandbox.url} (embedded mode)`
  : config.dtone.baseUrl;
process.stdout.write(`dtone-gateway ready: GraphQL and GraphiQL at ${url}/graphql, talking to ${upstream}\n`);
