import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../server/read-body.js';
import type { Store, TransactionRecord } from '../store/types.js';
import { isFinal } from '../transactions/state.js';

export interface CallbackHandlerOptions {
  store: Store;
  /** Re-reads the transaction from DT One and records forward moves (the callback is only a hint). */
  settle: (record: TransactionRecord) => Promise<TransactionRecord>;
  /** DT Shop's optional "callback credentials" (HTTP Basic), compared in constant time when set. */
  credentials?: { username: string; password: string } | undefined;
  /** @default 64 KiB */
  maxBodyBytes?: number;
  onError?: (error: unknown) => void;
}

export const CALLBACK_PATH = /^\/callbacks\/dtone\/([A-Za-z0-9-]{1,64})\/([A-Za-z0-9_-]{1,128})$/;

/** Compares through fixed-length digests: `timingSafeEqual` throws on unequal lengths. */
function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/**
 * Whether a callback's re-read found the transaction open and unmoved: DT One said something changed that its read
 * does not show yet (a callback can outrun the read behind it), so the reconciler looks again now, not at its
 * backoff, which could be a minute away.
 */
function stillAwaited(before: TransactionRecord, after: TransactionRecord): boolean {
  if (isFinal(after.statusClass) || after.phase === 'FAILED') return false;
  return after.status === before.status && after.phase === before.phase;
}

function answer(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'content-length': '0' });
  res.end();
}

/**
 * How long a callback waits for its re-read from DT One and the write of what it found before it is answered on the
 * strength of a stored "poll this now" instead (RELIABILITY A15: acknowledged within 1 s, never without a record).
 */
export const SETTLE_BEFORE_ANSWER_MS = 500;

interface Settling {
  /** The one re-read that follows the running one, shared by every callback that arrived meanwhile. */
  next:
    | { record: TransactionRecord; done: Promise<Settled>; resolve: (settled: Settled) => void }
    | undefined;
}

/** What a re-read recorded, or undefined when it failed. */
type Settled = TransactionRecord | undefined;

/** What `settled` recorded, when it did so within `ms`. */
function settledWithin(settled: Promise<Settled>, ms: number): Promise<Settled> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Settled>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([settled, late]).finally(() => clearTimeout(timer));
}

/**
 * DT One's callbacks, served before yoga (no GraphQL cost on this hot path). A callback is authenticated by the
 * unguessable token in its path (and Basic credentials when configured); then the transaction is re-read from DT One
 * (the body is never trusted) and what it says is recorded, and only then is the callback answered 204: one write
 * transaction per callback (none when nothing changed), shared with concurrent ones by the store's group commit.
 * When the re-read fails or takes longer than `SETTLE_BEFORE_ANSWER_MS`, "poll this transaction now" is stored
 * instead before the 204 (so a crash right after it loses nothing: the reconciler does it). Wrong path or token →
 * 404 with no detail (a wrong token for a transaction that is not final still has it polled); bad JSON → 400; body
 * over the limit → 413; cannot store → 503 so that DT One retries.
 * Callbacks of one transaction that arrive while its re-read is running (duplicates, retries, a burst of states)
 * share work: exactly one more re-read follows the running one, and each of them waits for that one, so every
 * callback is answered after a re-read that started after it arrived.
 */
export function createCallbackHandler({
  store,
  settle,
  credentials,
  maxBodyBytes = 64 * 1024,
  onError,
}: CallbackHandlerOptions) {
  const settling = new Map<string, Settling>();
  const settleOnce = (record: TransactionRecord): Promise<Settled> =>
    settle(record).catch((error: unknown) => {
      onError?.(error);
      return undefined;
    });
  /** What a re-read that started after this call recorded, once it has; undefined when it failed. */
  const settleAfter = (record: TransactionRecord): Promise<Settled> => {
    const running = settling.get(record.id);
    if (running) {
      if (!running.next) {
        let resolve: (settled: Settled) => void = () => undefined;
        const done = new Promise<Settled>((r) => {
          resolve = r;
        });
        running.next = { record, done, resolve };
      }
      running.next.record = record;
      return running.next.done;
    }
    const state: Settling = { next: undefined };
    settling.set(record.id, state);
    const first = settleOnce(record);
    void (async () => {
      let current = first;
      for (;;) {
        await current;
        const next = state.next;
        if (!next) break;
        state.next = undefined;
        current = settleOnce(next.record);
        void current.then(next.resolve);
      }
      settling.delete(record.id);
    })();
    return first;
  };

  return async function handleCallback(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
  ): Promise<void> {
    const match = CALLBACK_PATH.exec(path);
    if (!match) return answer(res, 404);
    if (req.method !== 'POST') return answer(res, 405);
    if (req.headers['content-encoding'] && req.headers['content-encoding'] !== 'identity')
      return answer(res, 415);
    if (credentials) {
      const expected = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
      const given = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
      if (!sameSecret(given, expected)) return answer(res, 401);
    }
    const body = await readBody(req, maxBodyBytes);
    // The sender went away mid-body: there is no one to answer, and DT One retries a callback it did not deliver.
    if (body === 'aborted') return;
    if (body === 'too-large') return answer(res, 413);
    try {
      JSON.parse(body);
    } catch {
      return answer(res, 400);
    }
    const [, id, token] = match as unknown as [string, string, string];
    let record: TransactionRecord | undefined;
    try {
      record = await store.getTransactionById(id);
      if (!record) return answer(res, 404);
      if (!sameSecret(createHash('sha256').update(token).digest('hex'), record.callbackTokenHash)) {
        // Maybe DT One's, under a secret since rotated: the transaction it names is re-read by the reconciler
        // (a poll is safe, the body is never trusted), so no transaction waits on a callback nobody believed.
        if (!isFinal(record.statusClass) && record.phase !== 'FAILED') {
          await store.recordPoll(record.id, { pollAfterMs: 0 });
        }
        return answer(res, 404);
      }
      const settled = await settledWithin(settleAfter(record), SETTLE_BEFORE_ANSWER_MS);
      if (!settled || stillAwaited(record, settled)) await store.recordPoll(record.id, { pollAfterMs: 0 });
    } catch (error) {
      onError?.(error);
      return answer(res, 503);
    }
    answer(res, 204);
  };
}
