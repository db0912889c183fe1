import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

export interface ReceivedCallback {
  method: string;
  headers: IncomingHttpHeaders;
  /** The body exactly as sent. */
  text: string;
  /** Its `status.message`, e.g. `COMPLETED`. */
  status: string;
}

const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((close) => close()));
});

/**
 * A real callback receiver on an ephemeral port, closed after the test (or by `close()`); `answer(n)` picks the
 * HTTP status of the n-th request.
 */
export async function callbackReceiver(answer: (n: number) => number = () => 204) {
  const received: ReceivedCallback[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = (JSON.parse(text) as { status: { message: string } }).status.message;
      received.push({ method: req.method ?? '', headers: req.headers, text, status });
      res.statusCode = answer(received.length);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
    return closed;
  };
  open.push(close);
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/dtone/callbacks`, received, close };
}
