/**
 * F4 `ws-broadcast` (PERFORMANCE.md §3): websocket fan-out with no GraphQL. Speaks just enough graphql-ws
 * (`graphql-transport-ws`: init/ack, ping/pong, subscribe, complete) for the same subscriber process to use it, keeps
 * the subscriptions of each topic (`variables.id`) in a Set, and on `POST /publish {topic, status}` serialises one
 * `next` payload once and writes it to every matching socket (the frame string is built once per operation id).
 * A new subscription gets the topic's current state first, as the gateway's does. `GET /__bench/memory` answers
 * `process.memoryUsage()` after two full GCs (start with `--expose-gc`).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

interface Subscription {
  socket: WebSocket;
  id: string;
  topic: string;
}

const topics = new Map<string, Set<Subscription>>();
const current = new Map<string, string>();

const payloadOf = (topic: string, status: string) =>
  JSON.stringify({ data: { transactionUpdated: { id: topic, status, statusClass: status } } });
const frame = (id: string, payload: string) =>
  `{"id":${JSON.stringify(id)},"type":"next","payload":${payload}}`;

function publish(topic: string, status: string): number {
  current.set(topic, status);
  const subscriptions = topics.get(topic);
  if (!subscriptions) return 0;
  const payload = payloadOf(topic, status);
  const frames = new Map<string, string>();
  for (const sub of subscriptions) {
    let text = frames.get(sub.id);
    if (text === undefined) {
      text = frame(sub.id, payload);
      frames.set(sub.id, text);
    }
    sub.socket.send(text);
  }
  return subscriptions.size;
}

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      try {
        resolve(body ? (JSON.parse(body) as Record<string, unknown>) : {});
      } catch (error) {
        reject(error);
      }
    });
  });
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  if (req.url === '/__bench/memory') {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    const body = JSON.stringify({ gcExposed: gc !== undefined, ...process.memoryUsage() });
    return void res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  }
  if (req.method === 'POST' && req.url === '/publish') {
    const { topic, status } = await readJson(req).catch(() => ({}) as Record<string, unknown>);
    if (typeof topic !== 'string' || typeof status !== 'string') return void res.writeHead(400).end();
    publish(topic, status);
    return void res.writeHead(204).end();
  }
  res.writeHead(404).end();
}

const server = createServer((req, res) => void handle(req, res));
const wss = new WebSocketServer({
  server,
  path: '/graphql',
  handleProtocols: (protocols) => (protocols.has('graphql-transport-ws') ? 'graphql-transport-ws' : false),
});

wss.on('connection', (socket) => {
  const own = new Map<string, Subscription>();
  const drop = (sub: Subscription) => {
    own.delete(sub.id);
    const set = topics.get(sub.topic);
    set?.delete(sub);
    if (set?.size === 0) topics.delete(sub.topic);
  };
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as {
      type: string;
      id?: string;
      payload?: { variables?: { id?: string } };
    };
    if (message.type === 'connection_init') return socket.send('{"type":"connection_ack"}');
    if (message.type === 'ping') return socket.send('{"type":"pong"}');
    if (message.type === 'complete' && message.id) {
      const sub = own.get(message.id);
      if (sub) drop(sub);
      return;
    }
    if (message.type === 'subscribe' && message.id) {
      const topic = String(message.payload?.variables?.id ?? '');
      const sub: Subscription = { socket, id: message.id, topic };
      own.set(sub.id, sub);
      const set = topics.get(topic) ?? new Set();
      topics.set(topic, set);
      set.add(sub);
      socket.send(frame(sub.id, payloadOf(topic, current.get(topic) ?? 'CREATED')));
    }
  });
  socket.on('close', () => {
    for (const sub of [...own.values()]) drop(sub);
  });
});

await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const stop = () => {
  for (const client of wss.clients) client.terminate();
  wss.close();
  server.close(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.stdout.write(
  `BENCH_READY ${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`,
);
