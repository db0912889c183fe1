import type { Store, TransactionEvent } from '../store/types.js';
import type { PubSub, TransactionChanged } from './pubsub.js';

/** How often a quiet feed reads the store anyway: pub/sub is at-most-once, and a lost wake-up is found this late. */
export const EVENT_RECHECK_MS = 5_000;
/** Events read from the store at a time; a feed that is behind reads page after page before it waits again. */
export const EVENT_BATCH = 100;

export interface EventFeedSources {
  events: Pick<Store, 'listEvents'>;
  pubsub: PubSub;
}

export interface EventStreamOptions {
  recheckMs?: number;
  batch?: number;
}

/** The abort reason of a finished feed: a constant, so that no DOMException is built per completion. */
const STOPPED = Object.freeze({ reason: 'event feed finished' });

/**
 * Reads started by one wake-up, shared by every feed of its tenant woken by the same delivered object at the same
 * position (the pub/sub hands all of a topic's listeners one object). A read starts after that object was delivered,
 * so it sees the change it announced; a feed woken by a later object holds that one and starts its own read.
 */
const sharedReads = new WeakMap<TransactionChanged, Map<string, Promise<TransactionEvent[]>>>();

/**
 * The tenant's events after `after`, then each new one as it commits, until the client ends it. The store is the
 * truth and pub/sub only wakes the feed up: every read asks for what follows the last event delivered, and the store
 * numbers a tenant's events without gaps in commit order, so a notification that comes late, twice, out of order or
 * never changes nothing but when the next read happens (at the latest `recheckMs` later).
 * A hand-written iterator rather than an async generator: `return()` (the client completes or goes away) must stop
 * listening at once, while a generator would queue it until the next event.
 */
export function transactionEventStream(
  { events, pubsub }: EventFeedSources,
  tenantId: string,
  after: bigint,
  { recheckMs = EVENT_RECHECK_MS, batch = EVENT_BATCH }: EventStreamOptions = {},
): AsyncIterableIterator<TransactionEvent> {
  const abort = new AbortController();
  let last = after;
  let wakeUps: AsyncIterator<TransactionChanged> | undefined;
  /** A wake-up being waited for; kept across a recheck that came first, since the pub/sub's next() is not re-entrant. */
  let pendingWake: Promise<IteratorResult<TransactionChanged>> | undefined;
  /**
   * Why the next read happens: 'now' (the replay, or a full page that may have more behind it), a wake-up (its read is
   * shared), 'recheck' (the interval passed), or 'wait' (caught up: wait for one of the others first).
   */
  let reason: TransactionChanged | 'now' | 'recheck' | 'wait' = 'now';
  let timer: NodeJS.Timeout | undefined;
  const ready: TransactionEvent[] = [];

  const finish = async (): Promise<IteratorResult<TransactionEvent>> => {
    abort.abort(STOPPED);
    clearTimeout(timer);
    await wakeUps?.return?.();
    return { done: true, value: undefined };
  };

  const read = (): Promise<TransactionEvent[]> => {
    const page = { after: last, limit: batch };
    if (typeof reason !== 'object') return events.listEvents(tenantId, page);
    let byPosition = sharedReads.get(reason);
    if (!byPosition) {
      byPosition = new Map();
      sharedReads.set(reason, byPosition);
    }
    const key = `${tenantId}:${last}:${batch}`;
    let shared = byPosition.get(key);
    if (!shared) {
      shared = events.listEvents(tenantId, page);
      byPosition.set(key, shared);
    }
    return shared;
  };

  /** Resolves with the wake-up that came, 'recheck' when the interval passed first, or undefined once stopped. */
  const nextWake = async (): Promise<TransactionChanged | 'recheck' | undefined> => {
    pendingWake ??= wakeUps!.next();
    const recheck = new Promise<'recheck'>((resolve) => {
      timer = setTimeout(() => resolve('recheck'), recheckMs);
    });
    const woke = await Promise.race([pendingWake, recheck]);
    clearTimeout(timer);
    if (woke === 'recheck') return woke;
    pendingWake = undefined;
    return woke.done ? undefined : woke.value;
  };

  const iterator: AsyncIterableIterator<TransactionEvent> = {
    [Symbol.asyncIterator]: () => iterator,
    async next() {
      if (abort.signal.aborted) return { done: true, value: undefined };
      // Listen before the first read, so that a change committed between the two still wakes this feed.
      wakeUps ??= pubsub.subscribeTenant(tenantId, abort.signal)[Symbol.asyncIterator]();
      while (ready.length === 0) {
        if (reason === 'wait') {
          const woke = await nextWake();
          if (!woke || abort.signal.aborted) return finish();
          reason = woke;
        }
        const page = await read().catch(async (error) => {
          await finish();
          throw error;
        });
        if (abort.signal.aborted) return finish();
        // Reads happen only once every event read before was handed out, so `last` is also the last one delivered.
        ready.push(...page);
        if (page.length > 0) last = page.at(-1)!.seq;
        reason = page.length === batch ? 'now' : 'wait';
      }
      return { done: false, value: ready.shift()! };
    },
    return: finish,
    async throw(error: unknown) {
      await finish();
      throw error;
    },
  };
  return iterator;
}
