import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../server/read-body.js';
import type { Store, TransactionRecord } from '../store/types.js';
import { isFinal } from '../transactions/state.js';

export interface CallbackHandlerOptions {
  store: Store;
  /** Re-reads the transaction from DT One and records forward moves (the callback is only a hint). */
  settle: (record: TransactionRecord) => Promise<unknown>;
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

function answer(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'content-length': '0' });
  res.end();
}

/**
 * DT One's callbacks, served before yoga (no GraphQL cost on this hot path). A callback is authenticated by the
 * unguessable token in its path (and Basic credentials when configured), stored as "poll this transaction now"
 * (so a crash right after the 204 loses nothing: the reconciler does it), answered 204, and then the transaction
 * is re-read from DT One: the body is never trusted. Wrong path or token → 404 with no detail (a wrong token for a
 * transaction that is not final still has it polled); bad JSON → 400;
 * body over the limit → 413; cannot store → 503 so that DT One retries.
 * Callbacks of one transaction that arrive while its re-read is running (duplicates, retries, a burst of states)
 * share work: each is still stored and answered, and exactly one more re-read follows the running one, so the last
 * callback is always followed by a re-read that started after it.
 */
export function createCallbackHandler({
  store,
  settle,
  credentials,
  maxBodyBytes = 64 * 1024,
  onError,
}: CallbackHandlerOptions) {
  const settling = new Map<string, { again: TransactionRecord | undefined }>();
  const settleSoon = (record: TransactionRecord) => {
    const running = settling.get(record.id);
    if (running) {
      running.again = record;
      return;
    }
    const state: { again: TransactionRecord | undefined } = { again: undefined };
    settling.set(record.id, state);
    void (async () => {
      let next: TransactionRecord | undefined = record;
      while (next) {
        state.again = undefined;
        await settle(next).catch((error) => onError?.(error));
        next = state.again;
      }
      settling.delete(record.id);
    })();
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
      await store.recordPoll(record.id, { pollAfterMs: 0 });
    } catch (error) {
      onError?.(error);
      return answer(res, 503);
    }
    answer(res, 204);
    settleSoon(record);
  };
}
