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
const sharedReads = new WeakMap<TransactionChanged, Map<string, Promise<Snapshot>>>();

function readOnce(ctx: GatewayContext, tenantId: string, event: TransactionChanged): Promise<Snapshot> {
  let byTenant = sharedReads.get(event);
  if (!byTenant) {
    byTenant = new Map();
    sharedReads.set(event, byTenant);
  }
  let read = byTenant.get(tenantId);
  if (!read) {
    read = readStates(ctx, tenantId, event.transactionId);
    byTenant.set(tenantId, read);
  }
  return read;
}

/**
 * The history before the record: a change committed between the two reads then shows in the record's other fields
 * (a PIN, DT One's answer) but not as a status, so no state is handed out without the fields its change brought.
 */
async function readStates(ctx: GatewayContext, tenantId: string, transactionId: string): Promise<Snapshot> {
  const history: StatusHistoryEntry[] = await ctx.transactions.history(transactionId);
  const record = await ctx.transactions.get(tenantId, transactionId);
  if (!record) return { states: undefined };
  const states = history.map((entry) => ({
    ...record,
    status: entry.status,
    statusClass: entry.statusClass,
    updatedAt: entry.at,
  }));
  return { states };
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
  return new TransactionUpdates(ctx, tenantId, find, last);
}

/**
 * A class rather than closures over an AbortController: every open subscription holds one for its whole life, so
 * its fields are all it costs (a flag ends it; the pub/sub iterator is told through its own `return()`).
 */
class TransactionUpdates implements AsyncIterableIterator<TransactionRecord> {
  /** The client ended it, or it ended by itself: every later pull answers done. */
  private stopped = false;
  /** The last state was handed out: the next pull completes. */
  private ended = false;
  private wakeUps: AsyncIterator<TransactionChanged> | undefined;
  /** How many recorded states this subscriber has had (or skipped as older than its first state). */
  private seen = -1;
  private readonly ready: TransactionRecord[] = [];

  constructor(
    private readonly ctx: GatewayContext,
    private readonly tenantId: string,
    private readonly find: () => Promise<TransactionRecord | undefined>,
    private readonly last: (record: TransactionRecord) => boolean,
  ) {}

  [Symbol.asyncIterator](): AsyncIterableIterator<TransactionRecord> {
    return this;
  }

  async next(): Promise<IteratorResult<TransactionRecord>> {
    if (this.stopped) return { done: true, value: undefined };
    if (this.ended) return this.finish();
    if (!this.wakeUps) {
      const first = await this.start();
      if (this.stopped) return this.finish();
      return this.emit(first);
    }
    while (this.ready.length === 0) {
      const wake = await this.wakeUps.next();
      if (wake.done || this.stopped) return this.finish();
      const { states } = await readOnce(this.ctx, this.tenantId, wake.value).catch(async (error) => {
        await this.finish();
        throw error;
      });
      if (!states || this.stopped) return this.finish();
      this.ready.push(...states.slice(this.seen));
      this.seen = Math.max(this.seen, states.length);
    }
    return this.emit(this.ready.shift()!);
  }

  return(): Promise<IteratorResult<TransactionRecord>> {
    return this.finish();
  }

  async throw(error: unknown): Promise<IteratorResult<TransactionRecord>> {
    await this.finish();
    throw error;
  }

  /** Hands out one state; after the last one the subscription completes on the next pull. */
  private emit(record: TransactionRecord): IteratorResult<TransactionRecord> {
    this.ended = this.last(record);
    return { done: false, value: record };
  }

  private async finish(): Promise<IteratorResult<TransactionRecord>> {
    this.stopped = true;
    await this.wakeUps?.return?.();
    return { done: true, value: undefined };
  }

  private async start(): Promise<TransactionRecord> {
    const first = await this.find();
    if (!first) throw notFound();
    // Listen before reading the history, so a change after the read wakes this subscriber.
    this.wakeUps = this.ctx.pubsub.subscribe(first.id)[Symbol.asyncIterator]();
    try {
      const history = await this.ctx.transactions.history(first.id);
      this.seen = history.length;
      const newest = history.at(-1);
      if (!newest || isStateOf(first, newest)) return first;
      // A change landed between the first read and listening: its wake-up went to no one, and the history counted
      // it as seen. Hand out the state as it now stands, so the subscriber neither misses it nor waits forever.
      const { states } = await readStates(this.ctx, this.tenantId, first.id);
      if (!states?.length) throw notFound();
      this.seen = states.length;
      return states.at(-1)!;
    } catch (error) {
      await this.finish();
      throw error;
    }
  }
}

/**
 * Whether the newest recorded status is the one the record showed. Statuses only move forward, so a later change
 * shows as another status; the record's time is not compared, since a change of content alone (no status) moves it.
 */
const isStateOf = (record: TransactionRecord, entry: StatusHistoryEntry): boolean =>
  entry.status === record.status && entry.statusClass === record.statusClass;

const notFound = () =>
  new GraphQLError('Transaction was not found', { extensions: { code: ErrorCode.TRANSACTION_NOT_FOUND } });

/**
 * After which state a subscription completes: the final status, or, following a reversal, any final status but
 * COMPLETED (which DT One may still reverse).
 */
export function lastUpdate(followReversal: boolean): (record: TransactionRecord) => boolean {
  return followReversal ? lastAfterReversal : lastFinal;
}

const lastFinal = (record: TransactionRecord) => isFinal(record.statusClass);
const lastAfterReversal = (record: TransactionRecord) =>
  isFinal(record.statusClass) && record.statusClass !== 'COMPLETED';
