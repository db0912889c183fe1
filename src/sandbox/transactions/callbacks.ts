import { stringify } from 'lossless-json';
import { Agent, request } from 'undici';
import type { JsonObject } from '../catalogue/types.js';
import type { SandboxClock } from '../clock.js';

/** Waits before each retry of a failed callback (× time scale): 5 attempts in all. DT One publishes no schedule. */
export const CALLBACK_RETRY_DELAYS_MS = [1_000, 5_000, 30_000, 120_000] as const;

/** Test faults on callbacks; each may be changed at any time. */
export interface CallbackFaults {
  /** Share (0..1) of callbacks silently lost: never sent, never retried. */
  drop?: number;
  /** Lose the next N callbacks. */
  dropNext?: number;
  /** Send each callback this many extra times. */
  duplicate?: number;
  /** Hold each callback this long (sandbox-clock ms, not scaled) before sending it. */
  delayMs?: number;
  /** Send the newest state first, then a copy of the state before it (e.g. COMPLETED, then SUBMITTED). */
  reorder?: boolean;
  /**
   * Shares (summing to at most 1) of callbacks that each draw one fault: dropped, duplicated (`duplicate` extra
   * copies, 3 when unset), reordered, or delayed (`delayMs`); the rest are sent clean. With `mix` set, `drop`,
   * `duplicate`, `reorder` and `delayMs` no longer apply to every callback: they only parameterise the draw.
   */
  mix?: { drop?: number; duplicate?: number; reorder?: number; delay?: number };
}

type MixedFault = keyof NonNullable<CallbackFaults['mix']>;

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
  let faults: CallbackFaults & Required<Omit<CallbackFaults, 'mix'>> = {
    drop: 0,
    dropNext: 0,
    duplicate: 0,
    delayMs: 0,
    reorder: false,
  };

  /** What one callback suffers: the mix's draw when there is a mix, every fault set otherwise. */
  const faultsFor = () => {
    if (!faults.mix) return { ...faults, drop: faults.drop > 0 && random() < faults.drop };
    let draw = random();
    let picked: MixedFault | undefined;
    for (const [fault, share] of Object.entries(faults.mix) as [MixedFault, number][]) {
      if (draw < share) {
        picked = fault;
        break;
      }
      draw -= share;
    }
    return {
      drop: picked === 'drop',
      duplicate: picked === 'duplicate' ? faults.duplicate || 3 : 0,
      reorder: picked === 'reorder',
      delayMs: picked === 'delay' ? faults.delayMs : 0,
    };
  };
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
      const these = faultsFor();
      if (faults.dropNext > 0 || these.drop) {
        if (faults.dropNext > 0) faults.dropNext--;
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
      faults = { ...faults, ...validFaults(next as Record<string, unknown>) };
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

/** Checks faults that may come from an HTTP control call. */
function validFaults(input: Record<string, unknown>): CallbackFaults {
  const out: CallbackFaults = {};
  for (const key of Object.keys(input)) {
    if (!['drop', 'dropNext', 'duplicate', 'delayMs', 'reorder', 'mix'].includes(key)) {
      throw new TypeError(`unknown callback fault ${key}`);
    }
  }
  const count = (name: 'dropNext' | 'duplicate' | 'delayMs', value: unknown) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new TypeError(`callback fault ${name} must be a non-negative integer`);
    }
    out[name] = value;
  };
  if (input.drop !== undefined) {
    if (typeof input.drop !== 'number' || !(input.drop >= 0 && input.drop <= 1)) {
      throw new TypeError('callback fault drop must be a number between 0 and 1');
    }
    out.drop = input.drop;
  }
  if (input.dropNext !== undefined) count('dropNext', input.dropNext);
  if (input.duplicate !== undefined) count('duplicate', input.duplicate);
  if (input.delayMs !== undefined) count('delayMs', input.delayMs);
  if (input.reorder !== undefined) {
    if (typeof input.reorder !== 'boolean') throw new TypeError('callback fault reorder must be a boolean');
    out.reorder = input.reorder;
  }
  if (input.mix !== undefined) out.mix = validMix(input.mix);
  return out;
}

function validMix(input: unknown): NonNullable<CallbackFaults['mix']> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new TypeError('callback fault mix must be an object of shares');
  }
  const mix: Record<string, number> = {};
  for (const [fault, share] of Object.entries(input)) {
    if (!['drop', 'duplicate', 'reorder', 'delay'].includes(fault)) {
      throw new TypeError(`unknown mixed callback fault ${fault}`);
    }
    if (typeof share !== 'number' || !(share >= 0 && share <= 1)) {
      throw new TypeError(`callback fault mix.${fault} must be a number between 0 and 1`);
    }
    mix[fault] = share;
  }
  if (Object.values(mix).reduce((sum, share) => sum + share, 0) > 1 + 1e-9) {
    throw new TypeError('callback fault mix shares must sum to at most 1');
  }
  return mix;
}
