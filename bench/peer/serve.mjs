/**
 * The peer for bench scenario (a): Hive Gateway's runtime serving the supergraph composed from our spec (compose.mjs),
 * on node:http, on an ephemeral port. Prints `BENCH_READY {"url": …}` (bench/lib/processes.ts) and exits on SIGTERM
 * (the runtime alone would not). Needs DTONE_BASE_URL, DTONE_API_KEY, DTONE_API_SECRET (HTTP Basic to DVS).
 * Runs with the peer's own node_modules: `npm ci --prefix bench/peer`.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';

for (const name of ['DTONE_BASE_URL', 'DTONE_API_KEY', 'DTONE_API_SECRET'])
  if (!process.env[name]) throw new Error(`${name} is required`);
// The spec's BasicAuth as one header; the supergraph reads it through an {env.NAME} placeholder.
process.env.PEER_DTONE_BASIC_AUTH = Buffer.from(
  `${process.env.DTONE_API_KEY}:${process.env.DTONE_API_SECRET}`,
).toString('base64');

/**
 * The composed SDL, cached in generated/ under a hash of everything it derives from (our spec, the compose config,
 * the peer's lockfile): composing loads the OpenAPI loader and takes seconds; reading the cache does not.
 */
async function supergraphSdl() {
  const here = dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha256');
  for (const file of ['../../spec/dvs-api-spec.json', 'compose.mjs', 'package-lock.json'])
    hash.update(readFileSync(join(here, file)));
  const cached = join(here, `generated/supergraph-${hash.digest('hex').slice(0, 16)}.graphql`);
  if (existsSync(cached)) return readFileSync(cached, 'utf8');
  const { composePeerSupergraph } = await import('./compose.mjs');
  const sdl = await composePeerSupergraph();
  mkdirSync(dirname(cached), { recursive: true });
  writeFileSync(cached, sdl);
  return sdl;
}

const supergraph = await supergraphSdl();
const gateway = createGatewayRuntime({
  supergraph,
  logging: process.env.PEER_LOGGING === '1' ? 'info' : false,
  graphqlEndpoint: '/graphql',
  landingPage: false,
  graphiql: false,
});
const server = createServer(gateway);
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  process.stdout.write(`BENCH_READY ${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
const stop = () => {
  server.closeAllConnections();
  server.close();
  void Promise.resolve(gateway[Symbol.asyncDispose]?.()).finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 1_000).unref();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
