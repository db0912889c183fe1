import type { Config } from '../config.js';
import { createSandbox } from '../sandbox/server.js';
import { exitOnSignals } from '../server/shutdown.js';
import type { CliIo } from './usage-error.js';

/**
 * `dtone-gateway sandbox`: DT One's simulator on its own, for curl, a DVS SDK or another process's tests. Prints its
 * URL and credentials; in memory unless given a folder (`--data-dir` or `SANDBOX_DATA_DIR`); stops on SIGINT/SIGTERM.
 */
export async function runSandbox(config: Config, dataDir: string | undefined, io: CliIo): Promise<void> {
  const fixed = config.sandbox.credentials;
  let stop: (() => Promise<void>) | undefined;
  exitOnSignals({
    timeoutMs: config.shutdownTimeoutMs,
    write: io.err,
    stop: async () => {
      await stop?.();
      return true;
    },
  });
  const sandbox = await createSandbox({
    seed: config.sandbox.seed,
    timeScale: config.sandbox.timeScale,
    host: config.sandbox.host,
    port: config.sandbox.port,
    ...(fixed && { credentials: { dvs: fixed, gs: fixed } }),
    ...(dataDir && { dataDir }),
  });
  stop = () => sandbox.stop();
  const { dvs, gs } = sandbox.credentials;
  const { catalogue } = sandbox;
  io.out(
    [
      `DT One sandbox listening on ${sandbox.url}${dataDir ? ` (state kept in ${dataDir})` : ' (in memory)'}`,
      `  DVS v1 (HTTP Basic):      ${sandbox.url}/v1   key ${dvs.apiKey}   secret ${dvs.apiSecret}`,
      `  Goods & Services (HMAC):  ${sandbox.url}/v1.1 key ${gs.apiKey}   secret ${gs.apiSecret}`,
      `  Test control:             ${sandbox.url}/__sandbox/calls`,
      `  Catalogue (seed ${catalogue.seed}): ${catalogue.countries.length} countries, ${catalogue.operators.length} operators, ${catalogue.products.length} products`,
      `  Try: curl -i -u '${dvs.apiKey}:${dvs.apiSecret}' '${sandbox.url}/v1/products?per_page=5'`,
      '',
    ].join('\n'),
  );
}
