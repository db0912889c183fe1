import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Answers with the registry in Prometheus' text format. */
export function metricsHandler(registry: { contentType: string; metrics(): Promise<string> }) {
  return async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
    res.end(body);
  };
}

/** Lets through only requests bearing `token` (`Authorization: Bearer …`); others get 401 and learn nothing. */
export function bearerOnly(
  token: string,
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const expected = Buffer.from(`Bearer ${token}`);
  return async (req, res) => {
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer' });
      res.end('metrics need the METRICS_TOKEN bearer token');
      return;
    }
    await handler(req, res);
  };
}

/** `/metrics` on a port of its own (METRICS_PORT): nothing else answers there. */
export async function listenForMetrics(
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  port: number,
  host: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (req.url === '/metrics') {
      handler(req, res).catch(() => res.destroy());
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}/metrics`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
