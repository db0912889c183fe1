/** `npm start`: the gateway, embedded on the built-in sandbox unless DT One credentials are set. */
import { ConfigError, loadConfig } from './config.js';
import { createGateway } from './gateway.js';

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

const gateway = await createGateway(config);
const url = await gateway.start();
const upstream = gateway.sandbox
  ? `the built-in DT One sandbox at ${gateway.sandbox.url} (embedded mode)`
  : config.dtone.baseUrl;
process.stdout.write(`dtone-gateway ready: GraphQL and GraphiQL at ${url}/graphql, talking to ${upstream}\n`);

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`${signal}: stopping\n`);
  await gateway.stop();
  process.exit(0);
};
process.once('SIGTERM', () => void stop('SIGTERM'));
process.once('SIGINT', () => void stop('SIGINT'));
