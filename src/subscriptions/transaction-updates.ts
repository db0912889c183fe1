import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context.js';
import { ErrorCode } from '../error-registry.js';
import type { StatusHistoryEntry, TransactionRecord } from '../store/types.js';
import { isFinal } from '../transactions/state.js';
import type { TransactionChanged } from './pubsub.js';

interface Snapshot {
  /** The transaction once per recorded status, in order (the same objects for every subscriber sharing the read). */
  states: TransactionRecord[] | undefined;
}

/**
 * One store read per wake-up, shared by every subscriber of the same tenant woken by the same delivered event (the
 * pub/sub hands all of a topic's listeners the same event object, and a listener keeps only the newest one). A read
 * starts after that event was delivered, so it sees the change the event announced; a subscriber woken by a later
 * event holds that later object and starts its own read. Broadcast: 2 reads per change instead of 2 per subscriber.
 */
/** The abort reason of a finished subscription: a constant, so that no DOMException is built per completion. */
const STOPPED = Object.freeze({ reason: 'subscription finished' });

const sharedReads = new WeakMap<TransactionChanged, Map<string, Promise<Snapshot>>>();

function readOnce(ctx: GatewayContext, tenantId: string, event: TransactionChanged): Promise<Snapshot> {
  let byTenant = sharedReads.get(event);
  if (!byTenant) {
    byTenant = new Map();
    sharedReads.set(event, byTenant);
  }
  let read = byTenant.get(tenantId);
  if (!read) {
    read = (async () => {
      const record = await ctx.transactions.get(tenantId, event.transactionId);
      if (!record) return { states: undefined };
      const history: StatusHistoryEntry[] = await ctx.transactions.history(event.transactionId);
      const states = history.map((entry) => ({
        ...record,
        status: entry.status,
        statusClass: entry.statusClass,
        updatedAt: entry.at,
      }));
      return { states };
    })();
    byTenant.set(tenantId, read);
  }
  return read;
}

/**
 * The transaction as it stands, then once per recorded status change, in order: the store is the truth; pub/sub
 * only wakes this loop up, so a subscriber that reconnects gets the current state first and misses nothing.
 * A hand-written iterator rather than an async generator: `return()` (the client completes or goes away) must stop
 * listening at once, while a generator would queue it until the next wake-up, keeping every completed
 * subscription (and its context) alive until its transaction changes again.
 */
export function transactionUpdates(
  ctx: GatewayContext,
  tenantId: string,
  find: () => Promise<TransactionRecord | undefined>,
  last: (record: TransactionRecord) => boolean,
): AsyncIterableIterator<TransactionRecord> {
  const abort = new AbortController();
  let ended = false;
  /** Hands out one state; after the last one the subscription completes on the next pull. */
  const emit = (record: TransactionRecord): IteratorResult<TransactionRecord> => {
    ended = last(record);
    return { done: false, value: record };
  };
  let wakeUps: AsyncIterator<TransactionChanged> | undefined;
  let seen = -1;
  const ready: TransactionRecord[] = [];
  const finish = async (): Promise<IteratorResult<TransactionRecord>> => {
    abort.abort(STOPPED);
    await wakeUps?.return?.();
    return { done: true, value: undefined };
  };

  async function start(): Promise<TransactionRecord> {
    const first = await find();
    if (!first) {
      throw new GraphQLError('Transaction was not found', {
        extensions: { code: ErrorCode.TRANSACTION_NOT_FOUND },
      });
    }
    // Listen before reading the history, so a change between the two is not lost.
    wakeUps = ctx.pubsub.subscribe(first.id, abort.signal)[Symbol.asyncIterator]();
    try {
      seen = (await ctx.transactions.history(first.id)).length;
    } catch (error) {
      await finish();
      throw error;
    }
    return first;
  }

  const iterator: AsyncIterableIterator<TransactionRecord> = {
    [Symbol.asyncIterator]: () => iterator,
    async next() {
      if (abort.signal.aborted) return { done: true, value: undefined };
      if (ended) return finish();
      if (!wakeUps) {
        const first = await start();
        if (abort.signal.aborted) return finish();
        return emit(first);
      }
      while (ready.length === 0) {
        const wake = await wakeUps.next();
        if (wake.done || abort.signal.aborted) return finish();
        const { states } = await readOnce(ctx, tenantId, wake.value).catch(async (error) => {
          await finish();
          throw error;
        });
        if (!states || abort.signal.aborted) return finish();
        ready.push(...states.slice(seen));
        seen = Math.max(seen, states.length);
      }
      return emit(ready.shift()!);
    },
    return: finish,
    async throw(error: unknown) {
      await finish();
      throw error;
    },
  };
  return iterator;
}

/**
 * After which state a subscription completes: the final status, or, following a reversal, any final status but
 * COMPLETED (which DT One may still reverse).
 */
export function lastUpdate(followReversal: boolean): (record: TransactionRecord) => boolean {
  return followReversal
    ? (record) => isFinal(record.statusClass) && record.statusClass !== 'COMPLETED'
    : (record) => isFinal(record.statusClass);
}
