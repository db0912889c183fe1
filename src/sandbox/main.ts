/**
 * `npm run sandbox`: DT One's simulator on its own, for curl, a DVS SDK or another process's tests.
 * Prints its URL and credentials; stops on SIGINT/SIGTERM.
 */
import { loadConfig } from '../config.js';
import { createSandbox } from './server.js';

const config = loadConfig();
const fixed = config.sandbox.credentials;
const sandbox = await createSandbox({
  seed: config.sandbox.seed,
  timeScale: config.sandbox.timeScale,
  host: config.sandbox.host,
  port: config.sandbox.port,
  ...(fixed && { credentials: { dvs: fixed, gs: fixed } }),
});

const { dvs, gs } = sandbox.credentials;
const { catalogue } = sandbox;
process.stdout.write(
  [
    `DT One sandbox listening on ${sandbox.url}`,
    `  DVS v1 (HTTP Basic):      ${sandbox.url}/v1   key ${dvs.apiKey}   secret ${dvs.apiSecret}`,
    `  Goods & Services (HMAC):  ${sandbox.url}/v1.1 key ${gs.apiKey}   secret ${gs.apiSecret}`,
    `  Test control:             ${sandbox.url}/__sandbox/calls`,
    `  Catalogue (seed ${catalogue.seed}): ${catalogue.countries.length} countries, ${catalogue.operators.length} operators, ${catalogue.products.length} products`,
    `  Try: curl -i -u '${dvs.apiKey}:${dvs.apiSecret}' '${sandbox.url}/v1/products?per_page=5'`,
    '',
  ].join('\n'),
);

const stop = async () => {
  await sandbox.stop();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
