/**
 * F3 `rest-compose`: a node:http server answering each scenario (a) query with the same data as the gateway,
 * composed by hand from DVS REST calls (`GET /one-country?iso=PHL`, `GET /catalogue-page`). No cache.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeCataloguePage } from './compose-catalogue-page.js';
import { composeOneCountry } from './compose-one-country.js';
import { dvsRest } from './dvs-rest.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const dvs = dvsRest(env('DTONE_BASE_URL'), env('DTONE_API_KEY'), env('DTONE_API_SECRET'));

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://floor');
  const compose =
    url.pathname === '/one-country'
      ? composeOneCountry(dvs, url.searchParams.get('iso') ?? '')
      : url.pathname === '/catalogue-page'
        ? composeCataloguePage(dvs)
        : undefined;
  if (!compose) {
    res.writeHead(404).end();
    return;
  }
  compose.then(
    (data) => {
      const body = JSON.stringify({ data });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    },
    (error: unknown) => {
      const body = JSON.stringify({ error: String(error) });
      res.writeHead(502, { 'content-type': 'application/json' }).end(body);
    },
  );
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`BENCH_READY ${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
const stop = () => {
  server.close();
  void dvs.close().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
