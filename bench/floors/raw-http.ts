/**
 * F0 `raw-http`: node:http reading and parsing the JSON request body, then writing precomputed bytes (the captured
 * gateway answer named by the request path). An upper bound nobody reaches: no execution, no upstream.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const answers = JSON.parse(readFileSync(process.env.BENCH_ANSWERS_FILE ?? '', 'utf8')) as Record<
  string,
  string
>;
const bytes = new Map(Object.entries(answers).map(([path, text]) => [path, Buffer.from(text)]));

const server = createServer((req, res) => {
  let raw = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => {
    raw += chunk;
  });
  req.on('end', () => {
    const body = bytes.get(req.url ?? '');
    if (!body || !JSON.parse(raw)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`BENCH_READY ${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
