import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type RawHandler = (req: RecordedRequest, res: ServerResponse, n: number) => void;

/**
 * A bare `node:http` server on port 0 for transport tests that need socket control (hang, drip, reset,
 * truncation). Each request is recorded; `handle` decides the answer, `n` counting requests from 1.
 */
export async function startRawServer() {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let handler: RawHandler = (_req, res) => res.end('{}');
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const recorded = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    requests.push(recorded);
    handler(recorded, res, requests.length);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle(next: RawHandler): void {
      handler = next;
    },
    async stop(): Promise<void> {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

export type RawServer = Awaited<ReturnType<typeof startRawServer>>;

/** Sends `body` `bytes` at a time every `intervalMs`, until the client goes away. */
export function drip(res: ServerResponse, body: string, bytes: number, intervalMs: number): void {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  let offset = 0;
  const timer = setInterval(() => {
    if (offset >= body.length || res.destroyed) {
      clearInterval(timer);
      if (!res.destroyed) res.end();
      return;
    }
    res.write(body.slice(offset, offset + bytes));
    offset += bytes;
  }, intervalMs);
  res.on('close', () => clearInterval(timer));
}

/** Announces the full length, sends `sent` bytes, then closes the socket. */
export function truncate(res: ServerResponse, body: string, sent: number): void {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.write(body.slice(0, sent), () => res.socket?.destroy());
}

/** Sends headers and `sent` body bytes, then a TCP RST. */
export function resetAfter(res: ServerResponse, body: string, sent: number): void {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.write(body.slice(0, sent), () => res.socket?.resetAndDestroy());
}
