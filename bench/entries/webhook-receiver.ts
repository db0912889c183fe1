/**
 * The webhook receiver of scenario (g): records when each request arrived and answers 204 at once, on the load core,
 * away from the gateway. `POST /hook` is the gateway's endpoint (the Standard Webhooks headers and the body are kept,
 * so the orchestrator verifies every signature after the run, off the clock); `POST /floor?i=<n>` is the bare POST
 * floor. Steered over the same port (bench/lib/webhook-receiver.ts). Times are on the shared clock of
 * bench/lib/subscriber-control.ts.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { now } from '../lib/subscriber-control.js';
import type { Arrivals, FloorArrival, HookArrival } from '../lib/webhook-receiver.js';

let hooks: HookArrival[] = [];
let floors: FloorArrival[] = [];
let waiter: { hooks: number; floors: number; resolve: () => void } | undefined;

const reached = () => !!waiter && hooks.length >= waiter.hooks && floors.length >= waiter.floors;

function bodyOf(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const header = (req: IncomingMessage, name: string) => String(req.headers[name] ?? '');

async function control(path: string, text: string): Promise<unknown> {
  if (path === '/__control/await') {
    const want = JSON.parse(text) as { hooks: number; floors: number; timeoutMs: number };
    // Bounded: a lost delivery ends the wait at the deadline and shows up in the counts, never as a hang.
    await new Promise<void>((resolve) => {
      waiter = { ...want, resolve };
      if (reached()) resolve();
      setTimeout(resolve, want.timeoutMs).unref();
    });
    waiter = undefined;
    return { hooks: hooks.length, floors: floors.length };
  }
  if (path === '/__control/drain') {
    const out: Arrivals = { hooks, floors };
    hooks = [];
    floors = [];
    return out;
  }
  return undefined;
}

const server = createServer((req, res) => {
  void bodyOf(req).then(async (text) => {
    const at = now();
    const url = new URL(req.url ?? '/', 'http://receiver');
    if (url.pathname === '/hook' || url.pathname === '/floor') {
      if (url.pathname === '/hook') {
        hooks.push({
          at,
          id: header(req, 'webhook-id'),
          timestamp: header(req, 'webhook-timestamp'),
          signature: header(req, 'webhook-signature'),
          text,
        });
      } else floors.push({ at, i: Number(url.searchParams.get('i')) });
      res.writeHead(204).end();
      if (reached()) waiter?.resolve();
      return;
    }
    const answer = await control(url.pathname, text);
    if (answer === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`BENCH_READY ${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
process.once('SIGTERM', () => process.exit(0));
