/**
 * The orchestrator's side of the subscriber process (bench/entries/subscribers.ts): the process holds N live
 * subscriptions (graphql-ws or SSE) on the load core and is steered over a small loopback HTTP API.
 * Times are `performance.timeOrigin + performance.now()` in both processes (same host, same clock).
 */
import { request } from 'undici';

export type Transport = 'ws' | 'sse';

export interface OpenCommand {
  transport: Transport;
  /** The server's HTTP base URL; `/graphql` is appended (ws:// for graphql-ws). */
  url: string;
  authorization?: string;
  query: string;
  /** One subscription per id (its `variables.id`). */
  ids: readonly string[];
  /** Subscriptions being opened at once. @default 50 */
  concurrency?: number;
}

export interface ChurnCommand extends Omit<OpenCommand, 'concurrency'> {
  cycles: number;
  concurrency: number;
  /** Subscribe/complete cycles on one connection before it is closed and a new one opened (ws only). */
  perConnection: number;
}

/** One delivered `next`: subscriber index, statusClass, received at (ms, shared clock). */
export type DeliveredEvent = [number, string, number];

export interface Timed {
  ms: number;
  failed: number;
  firstError?: string;
}

export const now = (): number => performance.timeOrigin + performance.now();

/** Runs `task(i)` for i in [0, n) with at most `concurrency` at once. */
export async function inPool(n: number, concurrency: number, task: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, concurrency) }, async () => {
      while (next < n) await task(next++);
    }),
  );
}

/**
 * A JSON call to a bench helper process's loopback control API (`name` says which in errors): POST, 200 or a throw.
 * `timeoutMs` bounds the answer; waits the process runs itself have their own deadlines below it.
 */
export function controlCall(baseUrl: string, name: string, timeoutMs = 600_000) {
  return async <T>(path: string, body: unknown = {}): Promise<T> => {
    const res = await request(`${baseUrl}${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`${name} ${path} answered ${res.statusCode}: ${text}`);
    return JSON.parse(text) as T;
  };
}

export function subscriberControl(baseUrl: string) {
  const call = controlCall(baseUrl, 'subscribers');
  return {
    /** Opens one subscription per id (each on its own connection); resolves once each got its first event. */
    open: (command: OpenCommand) => call<Timed & { opened: number }>('/open', command),
    /** Completes every open ws subscription and subscribes again on the same connection to `ids[i]`. */
    resubscribe: (ids: readonly string[], query: string) => call<Timed>('/resubscribe', { ids, query }),
    /** Waits until `events` events arrived since the last drain (or `timeoutMs` passed); answers the count. */
    awaitEvents: (events: number, timeoutMs: number) =>
      call<{ count: number }>('/await', { events, timeoutMs }),
    /** The events since the last drain, and forgets them. */
    drain: () => call<{ events: DeliveredEvent[]; errors: number; firstError?: string }>('/drain'),
    churn: (command: ChurnCommand) => call<Timed & { cycles: number }>('/churn', command),
    close: () => call<{ closed: number }>('/close'),
  };
}

export type SubscriberControl = ReturnType<typeof subscriberControl>;
