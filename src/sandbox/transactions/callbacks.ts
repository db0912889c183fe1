import { stringify } from 'lossless-json';
import { Agent, request } from 'undici';
import type { JsonObject } from '../catalogue/types.js';
import type { SandboxClock } from '../clock.js';
import { type CallbackFaults, createCallbackFaults } from './callback-faults.js';

/** Waits before each retry of a failed callback (× time scale): 5 attempts in all. DT One publishes no schedule. */
export const CALLBACK_RETRY_DELAYS_MS = [1_000, 5_000, 30_000, 120_000] as const;

export interface CallbackDelivery {
  transactionId: number;
  /** `status.message` of the body sent, e.g. `COMPLETED`. */
  status: string;
  /** 1 for the first try of a message, 2.. for its retries. */
  attempt: number;
  httpStatus?: number;
  /** Why the attempt failed without an HTTP status (network error, timeout, or `dropped` by a fault). */
  error?: string;
  /** Sandbox-clock milliseconds. */
  at: number;
}

/** A callback not yet delivered nor given up on: what a durable sender keeps, to send it again after a restart. */
export interface PendingCallback {
  id: number;
  url: string;
  body: JsonObject;
  /** The attempt to make next (1: never tried). */
  attempt: number;
  /** Sandbox-clock milliseconds when that attempt falls due. */
  dueAt: number;
}

/** Where a durable sender keeps its pending callbacks; each call is one change of its own. */
export interface CallbackJournal {
  add(callback: PendingCallback): void;
  reschedule(id: number, attempt: number, dueAt: number): void;
  /** Delivered, or given up on after the last retry. */
  remove(id: number): void;
}

export interface CallbackSenderOptions {
  clock: SandboxClock;
  timeScale: number;
  random: () => number;
  credentials?: { username: string; password: string } | undefined;
  /** Per-attempt limit in real milliseconds. Default 10 s. */
  attemptTimeoutMs?: number;
  /** Keep pending callbacks in `journal`, and send again those an earlier run left (`pending`). */
  durable?: { journal: CallbackJournal; pending: readonly PendingCallback[] } | undefined;
  /** Send nothing until `release()` (callbacks queue meanwhile). Default false. */
  held?: boolean | undefined;
}

export interface CallbackSender {
  /**
   * Calls back with `current` (the transaction's GET body); `previous` is the state before it, sent after
   * `current` only when the `reorder` fault is on.
   */
  notify(url: string, current: JsonObject, previous: JsonObject | undefined): void;
  /** Merges `faults` into the current ones; throws a `TypeError` naming a bad or unknown fault. */
  setFaults(faults: CallbackFaults | Record<string, unknown>): void;
  deliveries(): readonly CallbackDelivery[];
  /** Resolves once no callback is waiting, in flight or due for a retry. */
  idle(): Promise<void>;
  /** Sends what `held` queued, and from now on sends at once. */
  release(): void;
  dispose(): void;
}

export function createCallbackSender(options: CallbackSenderOptions): CallbackSender {
  const { clock, timeScale, random } = options;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 10_000;
  const authorization = options.credentials
    ? `Basic ${Buffer.from(`${options.credentials.username}:${options.credentials.password}`).toString('base64')}`
    : undefined;
  const agent = new Agent({ keepAliveTimeout: 1_000, connections: 16 });
  const stopped = new AbortController();
  const log: CallbackDelivery[] = [];
  const timers = new Set<() => void>();
  const journal = options.durable?.journal;
  const pendingBefore = [...(options.durable?.pending ?? [])].sort((a, b) => a.id - b.id);
  let nextId = pendingBefore.reduce((last, callback) => Math.max(last, callback.id), 0) + 1;
  let held = options.held ?? false;
  const heldBack: Array<{ dueAt: number; start: () => Promise<void> }> = [];
  const faults = createCallbackFaults(random);
  let pending = 0;
  let idleWaiters: Array<() => void> = [];

  const begin = () => {
    pending++;
  };
  const end = () => {
    if (stopped.signal.aborted) return;
    pending--;
    if (pending === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  };

  const later = (delayMs: number, fn: () => void) => {
    const cancel = clock.schedule(delayMs, () => {
      timers.delete(cancel);
      fn();
    });
    timers.add(cancel);
  };

  const statusOf = (body: JsonObject): string => {
    const status = body.status as JsonObject | undefined;
    return typeof status?.message === 'string' ? status.message : 'UNKNOWN';
  };

  /** One POST; true when the receiver answered 2xx. */
  const post = async (url: string, body: JsonObject, attempt: number): Promise<boolean> => {
    const entry: CallbackDelivery = {
      transactionId: Number(body.id),
      status: statusOf(body),
      attempt,
      at: clock.now(),
    };
    log.push(entry);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (authorization) headers.authorization = authorization;
    try {
      const response = await request(url, {
        method: 'POST',
        headers,
        body: stringify(body) ?? 'null',
        dispatcher: agent,
        signal: AbortSignal.any([stopped.signal, AbortSignal.timeout(attemptTimeoutMs)]),
      });
      await response.body.dump();
      entry.httpStatus = response.statusCode;
      return response.statusCode >= 200 && response.statusCode < 300;
    } catch (error) {
      entry.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return false;
    }
  };

  /** Sends one message with retries; resolves after its first attempt so the next message keeps its order. */
  const deliver = async (callback: PendingCallback): Promise<void> => {
    begin();
    const attempt = async (): Promise<void> => {
      const ok = await post(callback.url, callback.body, callback.attempt);
      // Stopping leaves the journal as it is: a durable sandbox sends this one again when it restarts.
      if (stopped.signal.aborted) return;
      const wait = CALLBACK_RETRY_DELAYS_MS[callback.attempt - 1];
      if (ok || wait === undefined) {
        journal?.remove(callback.id);
        end();
        return;
      }
      callback.attempt++;
      callback.dueAt = clock.now() + wait * timeScale;
      journal?.reschedule(callback.id, callback.attempt, callback.dueAt);
      later(wait * timeScale, () => {
        void attempt();
      });
    };
    await attempt();
  };

  /** Sends `callbacks` in order, from the first one's due time (or on release while held). */
  const dispatch = (callbacks: PendingCallback[]) => {
    const first = callbacks[0];
    if (!first) return;
    begin();
    launch(first.dueAt, async () => {
      for (const callback of callbacks) await deliver(callback);
      end();
    });
  };

  const launch = (dueAt: number, start: () => Promise<void>) => {
    if (held) heldBack.push({ dueAt, start });
    else if (dueAt > clock.now()) later(dueAt - clock.now(), () => void start());
    else void start();
  };

  // What an earlier run left: the callbacks due go first, in the order they were made; the others at their time.
  const now = clock.now();
  dispatch(pendingBefore.filter((callback) => callback.dueAt <= now));
  for (const callback of pendingBefore) if (callback.dueAt > now) dispatch([callback]);

  return {
    notify(url, current, previous) {
      if (stopped.signal.aborted) return;
      const these = faults.draw();
      if (faults.takeDropNext() || these.drop) {
        log.push({
          transactionId: Number(current.id),
          status: statusOf(current),
          attempt: 1,
          error: 'dropped',
          at: clock.now(),
        });
        return;
      }
      const ordered = these.reorder && previous ? [current, previous] : [current];
      const dueAt = clock.now() + these.delayMs;
      const callbacks = ordered.flatMap((body) =>
        Array.from({ length: 1 + these.duplicate }, () => ({ id: nextId++, url, body, attempt: 1, dueAt })),
      );
      if (journal) for (const callback of callbacks) journal.add(callback);
      dispatch(callbacks);
    },
    setFaults(next) {
      faults.set(next as Record<string, unknown>);
    },
    deliveries: () => log,
    idle: () => (pending === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve))),
    release() {
      held = false;
      for (const { dueAt, start } of heldBack.splice(0)) launch(dueAt, start);
    },
    dispose() {
      stopped.abort();
      for (const cancel of timers) cancel();
      timers.clear();
      heldBack.length = 0;
      pending = 0;
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
      void agent.destroy();
    },
  };
}
