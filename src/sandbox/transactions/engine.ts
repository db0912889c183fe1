import type { Catalogue, JsonObject } from '../catalogue/types.js';
import type { SandboxClock } from '../clock.js';
import { SandboxError } from '../errors.js';
import type { Ledger } from '../ledger.js';
import { inMemory } from '../persistence/atomic.js';
import type { CallbackFaults } from './callback-faults.js';
import {
  type CallbackDelivery,
  type CallbackJournal,
  createCallbackSender,
  type PendingCallback,
} from './callbacks.js';
import { selectTransactions } from './filters.js';
import { outcomeFor } from './outcomes.js';
import { priceTransaction } from './pricing.js';
import { readProductTerms } from './product-terms.js';
import { randomDigits, seededRandom } from './random.js';
import type { TransactionRecord } from './record.js';
import {
  restoreTransaction,
  type SavedTransaction,
  savedTransaction,
  type TransactionJournal,
} from './saved.js';
import { serializeTransaction } from './serialize.js';
import { classOf, isFinal, type RejectedStatus, type StatusName } from './statuses.js';
import { checkRequiredFields, outcomeIdentifier, parseCreateBody } from './validate.js';

// Over 300 lines on purpose: one state machine over one transaction map (create, confirm, cancel, the scheduled
// moves, steering); split, its transitions and the invariants between them would live in several files.

export type TransactionMode = 'async' | 'sync';
/** A transaction id as a route reads it (`"1000000001"`) or as a number. */
export type TransactionId = string | number;

export interface TransactionEngineOptions {
  catalogue: Catalogue;
  clock: SandboxClock;
  ledger: Ledger;
  /** Multiplies DT One's delays (3 s / 20 s / 5 min outcomes, submission, sync hold, callback retries). */
  timeScale?: number;
  /** How long a CREATED transaction stays confirmable (not scaled). Default 1 h. */
  confirmationWindowMs?: number;
  /** How long a sync call waits for a final status, before scaling. Default 180 s, as DT One documents. */
  syncHoldMs?: number;
  /** Sent as HTTP Basic on every callback. */
  callbackCredentials?: { username: string; password: string };
  /** Source of invented references, PINs and callback fault dice. Default: seeded from the catalogue seed. */
  random?: () => number;
  /** Real-time limit of one callback attempt. Default 10 s. */
  callbackTimeoutMs?: number;
  /**
   * Keep transactions and pending callbacks in journals, resuming what an earlier run saved: transitions that fell
   * due meanwhile happen at once, the others at their time; pending callbacks are sent again. Default: memory only.
   */
  durable?: {
    journal: TransactionJournal;
    saved: readonly SavedTransaction[];
    callbacks: { journal: CallbackJournal; pending: readonly PendingCallback[] };
  };
  /** Send no callback until `releaseCallbacks()`; they queue meanwhile. Default false. */
  holdCallbacks?: boolean;
  /** The first transaction id: each account of one sandbox numbers from its own, so ids stay unique across them. */
  firstId?: number;
}

export interface TransactionEngine {
  /** `POST /{async|sync}/transactions`: the created transaction (sync: once final or after the hold). */
  create(body: unknown, mode: TransactionMode): Promise<JsonObject>;
  /** `POST /{async|sync}/transactions/{id}/confirm`. */
  confirm(id: TransactionId, mode: TransactionMode): Promise<JsonObject>;
  /** `POST /transactions/{id}/cancel`. */
  cancel(id: TransactionId): JsonObject;
  /** `GET /transactions/{id}`. */
  get(id: TransactionId): JsonObject;
  /** `GET /transactions`: every match, newest first, unpaged. */
  list(query: URLSearchParams): JsonObject[];
  /** DT One's rare manual reversal of a COMPLETED transaction. */
  reverse(id: TransactionId): JsonObject;
  /** Steering: the platform refuses a CREATED transaction (`REJECTED` or a `REJECTED-*` status). */
  reject(id: TransactionId, status?: RejectedStatus): JsonObject;
  /** Pushes the current state to the transaction's `callback_url` again. */
  resend(id: TransactionId): JsonObject;
  setCallbackFaults(faults: CallbackFaults | Record<string, unknown>): void;
  deliveries(): readonly CallbackDelivery[];
  /** Resolves once no callback is waiting, in flight or due for a retry. */
  callbacksIdle(): Promise<void>;
  /** Sends the callbacks `holdCallbacks` queued, and every later one at once. */
  releaseCallbacks(): void;
  /** Every transaction (GET shape, so with its `external_id`), oldest first. */
  all(): JsonObject[];
  countByExternalId(externalId: string): number;
  readonly ledger: Ledger;
  dispose(): void;
}

export const FIRST_ID = 1_000_000_001;
/** Time from confirmation to submission to the operator, before scaling. */
const SUBMIT_DELAY_MS = 1_000;

export function createTransactionEngine(options: TransactionEngineOptions): TransactionEngine {
  const { catalogue, clock, ledger } = options;
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale >= 0 && Number.isFinite(timeScale)))
    throw new RangeError('timeScale must be a finite number ≥ 0');
  const confirmationWindowMs = options.confirmationWindowMs ?? 3_600_000;
  const syncHoldMs = options.syncHoldMs ?? 180_000;
  const random = options.random ?? seededRandom(catalogue.seed);
  const journal = options.durable?.journal;
  const atomic = journal?.atomic ?? inMemory;

  const records = new Map<number, TransactionRecord>();
  const byExternalId = new Map<string, TransactionRecord>();
  const syncWaiters = new Map<number, Set<() => void>>();
  let nextId = options.firstId ?? FIRST_ID;
  let disposed = false;
  // What an earlier run saved, each transaction as it stood (the moving ones are driven on at the end).
  for (const saved of options.durable?.saved ?? []) {
    const tx = restoreTransaction(saved, catalogue);
    records.set(tx.id, tx);
    byExternalId.set(tx.externalId, tx);
    nextId = Math.max(nextId, tx.id + 1);
  }
  const callbacks = createCallbackSender({
    clock,
    timeScale,
    random,
    credentials: options.callbackCredentials,
    ...(options.callbackTimeoutMs !== undefined && { attemptTimeoutMs: options.callbackTimeoutMs }),
    durable: options.durable?.callbacks,
    held: options.holdCallbacks,
  });

  const find = (id: TransactionId): TransactionRecord => {
    const text = String(id);
    if (!/^\d+$/.test(text)) throw new SandboxError(1000400, 'transaction_id: must be a positive integer');
    const tx = records.get(Number(text));
    if (!tx) throw new SandboxError(1008004);
    return tx;
  };

  const enter = (tx: TransactionRecord, status: StatusName) => {
    const previous = tx.history.at(-1);
    tx.status = status;
    const body = serializeTransaction(tx);
    tx.history.push(body);
    journal?.save(savedTransaction(tx));
    if (!isFinal(status)) return;
    for (const wake of syncWaiters.get(tx.id) ?? []) wake();
    if (tx.callbackUrl !== null) callbacks.notify(tx.callbackUrl, body, previous);
  };

  const finish = (tx: TransactionRecord) => {
    if (tx.status === 'CONFIRMED') enter(tx, 'SUBMITTED');
    if (tx.status !== 'SUBMITTED') return;
    if (tx.outcome.status === 'COMPLETED') {
      ledger.capture(tx.holdId);
      tx.operatorReference = randomDigits(random, 12);
      if (tx.outcome.withPin)
        tx.pin = { code: randomDigits(random, 16), serial: `SN${randomDigits(random, 10)}` };
    } else {
      ledger.void(tx.holdId);
    }
    enter(tx, tx.outcome.status);
  };

  const process = (tx: TransactionRecord) => {
    const now = clock.now();
    tx.confirmedAt = now;
    tx.submitAt = now + SUBMIT_DELAY_MS * timeScale;
    tx.finishAt = now + tx.outcome.delayMs * timeScale;
    enter(tx, 'CONFIRMED');
    drive(tx, now);
  };

  /** Arms the timers that take a moving (CONFIRMED or SUBMITTED) transaction to SUBMITTED and to its end. */
  const drive = (tx: TransactionRecord, now: number) => {
    if (tx.submitAt === null || tx.finishAt === null || isFinal(tx.status)) return;
    tx.timers.push(
      clock.schedule(tx.submitAt - now, () =>
        atomic(() => {
          if (tx.status === 'CONFIRMED') enter(tx, 'SUBMITTED');
        }),
      ),
      clock.schedule(tx.finishAt - now, () => atomic(() => finish(tx))),
    );
  };

  /** Sync calls hold the answer while the transaction is moving (CONFIRMED/SUBMITTED), up to the hold time. */
  const answer = (tx: TransactionRecord, mode: TransactionMode): Promise<JsonObject> => {
    if (mode === 'async' || disposed || tx.status === 'CREATED' || isFinal(tx.status)) {
      return Promise.resolve(serializeTransaction(tx));
    }
    return new Promise((resolve) => {
      const waiters = syncWaiters.get(tx.id) ?? new Set();
      syncWaiters.set(tx.id, waiters);
      const wake = () => {
        cancelHold();
        waiters.delete(wake);
        if (waiters.size === 0) syncWaiters.delete(tx.id);
        resolve(serializeTransaction(tx));
      };
      waiters.add(wake);
      const cancelHold = clock.schedule(syncHoldMs * timeScale, wake);
    });
  };

  /** The create call's work: validate, price, hold the money, record (and confirm at once if asked). */
  const open = (body: unknown, mode: TransactionMode): TransactionRecord => {
    const request = parseCreateBody(body, mode);
    const entry = catalogue.byId.product.get(request.productId);
    if (!entry) throw new SandboxError(1003001);
    const terms = readProductTerms(entry);
    checkRequiredFields(request, terms);
    const pricing = priceTransaction(terms, request);
    if (byExternalId.has(request.externalId)) throw new SandboxError(1007001);
    const holdId = ledger.authorize(
      pricing.wholesale.unit,
      pricing.wholesale.amount.plus(pricing.wholesale.fee),
    );

    const identifier = outcomeIdentifier(request, terms);
    const now = clock.now();
    const tx: TransactionRecord = {
      id: nextId++,
      externalId: request.externalId,
      product: terms,
      request,
      pricing,
      createdAt: now,
      confirmationExpiresAt: now + confirmationWindowMs,
      confirmedAt: null,
      submitAt: null,
      finishAt: null,
      status: 'CREATED',
      holdId,
      outcomeIdentifier: identifier,
      outcome: outcomeFor(identifier, terms.pinProduct),
      operatorReference: null,
      pin: null,
      callbackUrl: request.callbackUrl,
      history: [],
      timers: [],
    };
    records.set(tx.id, tx);
    byExternalId.set(tx.externalId, tx);
    enter(tx, 'CREATED');
    if (request.autoConfirm) process(tx);
    return tx;
  };

  const assertStatus = (tx: TransactionRecord, expected: StatusName, action: string) => {
    if (tx.status !== expected) {
      throw new SandboxError(
        1000400,
        `transaction ${tx.id} is ${tx.status}; only a ${expected} one can be ${action}`,
      );
    }
  };

  // Restored transitions that fell due while the sandbox was down happen now, the others at their time.
  const restoredAt = clock.now();
  for (const tx of records.values()) drive(tx, restoredAt);

  return {
    ledger,

    async create(body, mode) {
      const tx = atomic(() => open(body, mode));
      return answer(tx, mode);
    },

    async confirm(id, mode) {
      const tx = atomic(() => {
        const tx = find(id);
        if (tx.status === 'CANCELLED') throw new SandboxError(1007005);
        if (classOf(tx.status) === 'REJECTED') throw new SandboxError(1007004);
        if (tx.status !== 'CREATED') throw new SandboxError(1007002);
        if (clock.now() >= tx.confirmationExpiresAt) throw new SandboxError(1007004);
        process(tx);
        return tx;
      });
      return answer(tx, mode);
    },

    cancel: (id) =>
      atomic(() => {
        const tx = find(id);
        if (tx.status === 'CANCELLED') throw new SandboxError(1007005);
        if (tx.status !== 'CREATED') throw new SandboxError(1007007);
        ledger.void(tx.holdId);
        enter(tx, 'CANCELLED');
        return serializeTransaction(tx);
      }),

    get: (id) => serializeTransaction(find(id)),

    list: (query) => selectTransactions(records.values(), query, clock.now()).map(serializeTransaction),

    reverse: (id) =>
      atomic(() => {
        const tx = find(id);
        assertStatus(tx, 'COMPLETED', 'reversed');
        ledger.reverse(tx.holdId);
        enter(tx, 'REVERSED');
        return serializeTransaction(tx);
      }),

    reject: (id, status = 'REJECTED') =>
      atomic(() => {
        const tx = find(id);
        if (classOf(status) !== 'REJECTED')
          throw new SandboxError(1000400, `${status} is not a REJECTED status`);
        assertStatus(tx, 'CREATED', 'rejected');
        ledger.void(tx.holdId);
        enter(tx, status);
        return serializeTransaction(tx);
      }),

    resend: (id) =>
      atomic(() => {
        const tx = find(id);
        if (tx.callbackUrl === null)
          throw new SandboxError(1000400, `transaction ${tx.id} has no callback_url`);
        const body = serializeTransaction(tx);
        callbacks.notify(tx.callbackUrl, body, tx.history.at(-2));
        return body;
      }),

    setCallbackFaults: (faults) => callbacks.setFaults(faults),
    deliveries: () => callbacks.deliveries(),
    callbacksIdle: () => callbacks.idle(),
    releaseCallbacks: () => callbacks.release(),
    all: () => [...records.values()].map(serializeTransaction),
    countByExternalId: (externalId) =>
      [...records.values()].filter((tx) => tx.externalId === externalId).length,

    dispose() {
      disposed = true;
      for (const tx of records.values()) for (const cancel of tx.timers.splice(0)) cancel();
      for (const waiters of [...syncWaiters.values()]) for (const wake of [...waiters]) wake();
      callbacks.dispose();
    },
  };
}
