/**
 * The gateway as `src/main.ts` starts it (live mode, configured from the environment), with one bench-only hook
 * that production lacks: a request carrying `x-bench-cold: 1` empties the process cache first, so one process can
 * serve both cold and warm measurements without a restart per request. Nothing in `src/` changes.
 */
import { loadConfig } from '../../src/config.js';
import { createGateway } from '../../src/gateway.js';

const gateway = await createGateway(loadConfig());
gateway.server.prependListener('request', (req) => {
  if (req.headers['x-bench-cold'] === '1') gateway.cache.clear();
});
const url = await gateway.start();

const stop = async () => {
  await gateway.stop();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
process.stdout.write(`BENCH_READY ${JSON.stringify({ url })}\n`);
