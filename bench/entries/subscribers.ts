/**
 * The subscriber process for scenarios (c) and (d): holds many live subscriptions (graphql-ws clients, one
 * connection each, or server-sent-event requests) against the gateway or the F4 floor, records every `next` with
 * its arrival time, and runs subscribe/complete churn. Steered over loopback HTTP (bench/lib/subscriber-control.ts).
 * Runs pinned on the load core, away from the measured server.
 */
import { createServer, Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import {
  type ChurnCommand,
  type DeliveredEvent,
  now,
  type OpenCommand,
  inPool as pool,
  type Timed,
} from '../lib/subscriber-control.js';

interface Update {
  transactionUpdated?: { statusClass?: string };
}

interface Subscriber {
  client?: Client;
  stop: () => void;
}

const subscribers: Subscriber[] = [];
let log: DeliveredEvent[] = [];
let errors = 0;
let firstError: string | undefined;
let waiter: { events: number; resolve: () => void } | undefined;
const agent = new HttpAgent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });

const fail = (error: unknown) => {
  errors++;
  firstError ??= error instanceof Error ? error.message : JSON.stringify(error);
};

const record = (index: number, data: Update | null | undefined) => {
  log.push([index, data?.transactionUpdated?.statusClass ?? '?', now()]);
  if (waiter && log.length >= waiter.events) waiter.resolve();
};

const wsClient = (command: Pick<OpenCommand, 'url' | 'authorization'>) =>
  createClient({
    url: `${command.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: fail,
    connectionParams: command.authorization ? { authorization: command.authorization } : {},
  });

/** Subscribes on a graphql-ws client; resolves at the first `next` (the current state), rejects on error. */
function subscribeWs(client: Client, query: string, id: string, onEvent?: (data: Update) => void) {
  let first: (() => void) | undefined;
  let failed: ((error: unknown) => void) | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    first = resolve;
    failed = reject;
  });
  const stop = client.subscribe<Update>(
    { query, variables: { id } },
    {
      next: (msg) => {
        onEvent?.(msg.data as Update);
        first?.();
        first = undefined;
      },
      error: (error) => failed?.(error),
      complete: () => failed?.(new Error('completed before its first event')),
    },
  );
  return { ready, stop };
}

/** A server-sent-events subscription (yoga at /graphql with `accept: text/event-stream`). */
function subscribeSse(command: OpenCommand, id: string, onEvent?: (data: Update) => void) {
  let first: (() => void) | undefined;
  let failed: ((error: unknown) => void) | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    first = resolve;
    failed = reject;
  });
  const req = httpRequest(`${command.url}/graphql`, {
    method: 'POST',
    agent,
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      ...(command.authorization && { authorization: command.authorization }),
    },
  });
  req.on('error', (error) => failed?.(error));
  req.on('response', (res: IncomingMessage) => {
    if (res.statusCode !== 200) failed?.(new Error(`SSE answered ${res.statusCode}`));
    let buffer = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const data = buffer
          .slice(0, end)
          .split('\n')
          .find((line) => line.startsWith('data: '));
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
        if (!data) continue;
        const payload = JSON.parse(data.slice(6)) as { data?: Update; errors?: unknown };
        if (payload.errors) failed?.(new Error(JSON.stringify(payload.errors)));
        onEvent?.(payload.data ?? {});
        first?.();
        first = undefined;
      }
    });
    res.on('error', () => undefined);
  });
  req.end(JSON.stringify({ query: command.query, variables: { id } }));
  return { ready, stop: () => req.destroy() };
}

async function timed(run: (failed: (error: unknown) => void) => Promise<void>): Promise<Timed> {
  const started = now();
  let failed = 0;
  let error: string | undefined;
  await run((e) => {
    failed++;
    error ??= e instanceof Error ? e.message : JSON.stringify(e);
  });
  return { ms: now() - started, failed, ...(error && { firstError: error }) };
}

async function open(command: OpenCommand) {
  const result = await timed((failed) =>
    pool(command.ids.length, command.concurrency ?? 50, async (i) => {
      const index = subscribers.length;
      const onEvent = (data: Update) => record(index, data);
      const id = command.ids[i]!;
      if (command.transport === 'sse') {
        const sub = subscribeSse(command, id, onEvent);
        subscribers.push({ stop: sub.stop });
        await sub.ready.catch(failed);
        return;
      }
      const client = wsClient(command);
      const sub = subscribeWs(client, command.query, id, onEvent);
      subscribers.push({ client, stop: sub.stop });
      await sub.ready.catch(failed);
    }),
  );
  return { ...result, opened: command.ids.length - result.failed };
}

async function resubscribe({ ids, query }: { ids: string[]; query: string }) {
  return timed((failed) =>
    pool(subscribers.length, 100, async (index) => {
      const subscriber = subscribers[index]!;
      subscriber.stop();
      const sub = subscribeWs(subscriber.client!, query, ids[index]!, (data) => record(index, data));
      subscriber.stop = sub.stop;
      await sub.ready.catch(failed);
    }),
  );
}

async function churn(command: ChurnCommand) {
  const per = command.transport === 'ws' ? Math.max(1, command.perConnection) : 1;
  const connections = Math.ceil(command.cycles / per);
  const result = await timed((failed) =>
    pool(connections, command.concurrency, async (c) => {
      const id = (k: number) => command.ids[(c * per + k) % command.ids.length]!;
      if (command.transport === 'sse') {
        const sub = subscribeSse(command, id(0));
        await sub.ready.catch(failed);
        sub.stop();
        return;
      }
      const client = wsClient(command);
      for (let k = 0; k < per && c * per + k < command.cycles; k++) {
        const sub = subscribeWs(client, command.query, id(k));
        await sub.ready.catch(failed);
        sub.stop();
      }
      await client.dispose();
    }),
  );
  return { ...result, cycles: command.cycles };
}

async function close() {
  const closed = subscribers.length;
  await Promise.all(
    subscribers.splice(0).map(async (s) => {
      s.stop();
      await s.client?.dispose();
    }),
  );
  log = [];
  return { closed };
}

function awaitEvents({ events, timeoutMs }: { events: number; timeoutMs: number }) {
  return new Promise<{ count: number }>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      waiter = undefined;
      resolve({ count: log.length });
    };
    const timer = setTimeout(done, timeoutMs);
    waiter = { events, resolve: done };
    if (log.length >= events) done();
  });
}

function drain() {
  const events = log;
  log = [];
  const answer = { events, errors, ...(firstError && { firstError }) };
  errors = 0;
  firstError = undefined;
  return answer;
}

const routes: Record<string, (body: never) => unknown> = {
  '/open': open,
  '/resubscribe': resubscribe,
  '/churn': churn,
  '/close': close,
  '/await': awaitEvents,
  '/drain': drain,
};

const server = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => {
    body += chunk;
  });
  req.on('end', async () => {
    const route = routes[req.url ?? ''];
    try {
      if (!route) throw new Error(`no route ${req.url}`);
      const answer = await route((body ? JSON.parse(body) : {}) as never);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    } catch (error) {
      res.writeHead(500).end(error instanceof Error ? error.stack : String(error));
    }
  });
});
server.requestTimeout = 0;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
process.once('SIGTERM', () => void close().finally(() => process.exit(0)));
process.stdout.write(
  `BENCH_READY ${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`,
);
