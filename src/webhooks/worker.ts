import type { KeyRing } from '../secrets/data-keys.js';
import type { Store, TransactionEvent } from '../store/types.js';
import type {
  WebhookClaim,
  WebhookEndpointRecord,
  WebhookOutcome,
  WebhookSettlement,
} from '../store/webhook-types.js';
import type { Deliverer, DeliveryResult } from './deliver.js';
import type { RetrySchedule } from './retry-schedule.js';
import { roundLoop } from './round-loop.js';
import { signingSecrets } from './signing.js';

export interface WebhookWorkerOptions {
  store: Pick<Store, 'webhooks' | 'listEvents'>;
  keys: KeyRing;
  deliverer: Deliverer;
  schedule: RetrySchedule;
  /**
   * An endpoint's lease: more than twice one delivery's timeout. A turn renews it before a POST once less than half
   * is left, so every POST ends within the lease and a live holder never loses it.
   */
  leaseMs: number;
  /**
   * How often due endpoints are looked for when the last round found none and nothing woke the worker: what finds
   * events recorded by other instances, retries coming due and wake-ups missed. @default 250
   */
  intervalMs?: number;
  /** Endpoints claimed per round. @default 10 */
  batch?: number;
  /** Events sent to one endpoint before its lease is given back, so other endpoints get their turn. @default 50 */
  perClaim?: number;
  observer?: WebhookObserver;
}

/** What the worker reports as it goes (metrics and logs): it never names a tenant, an endpoint or a URL. */
export interface WebhookObserver {
  /**
   * An event settled at one endpoint (filtered-out events are not): delivered, retry (a failed attempt), dead or
   * disabled. `latencyMs` is from the event being recorded to its 2xx, for first deliveries only (a replay is late
   * on purpose).
   */
  settled(outcome: Exclude<WebhookOutcome['kind'], 'skipped'>, latencyMs?: number): void;
  /** A round or an endpoint's turn that failed (the store, a secret that does not open); it is tried again. */
  failed(error: unknown): void;
}

/** The context a secret is sealed under: a sealed secret copied to another endpoint does not open there. */
export function secretContext(endpointId: string): string {
  return `webhook/${endpointId}/secret`;
}

/**
 * Delivers each tenant's events to its endpoints, in every instance. An endpoint is leased in the store, so one
 * instance at a time sends to it, and its events go out in order: the head event is delivered, dead-lettered or the
 * endpoint disabled before the next is sent. A process killed mid-delivery leaves its lease to expire; whoever claims
 * the endpoint next sends the same event again with the same webhook-id (at least once).
 */
export function createWebhookWorker(options: WebhookWorkerOptions) {
  const { store, keys, deliverer, schedule, leaseMs, intervalMs = 250, batch = 10, perClaim = 50 } = options;

  async function eventAt(tenantId: string, seq: bigint): Promise<TransactionEvent | undefined> {
    const [event] = await store.listEvents(tenantId, { after: seq - 1n, limit: 1 });
    return event?.seq === seq ? event : undefined;
  }

  /**
   * The events to send next, oldest first, at most `limit`: the one being retried alone, else the oldest replays,
   * else those after the cursor.
   */
  async function page(
    endpoint: WebhookEndpointRecord,
    limit: number,
  ): Promise<{ event: TransactionEvent; replay: boolean }[]> {
    if (endpoint.headSeq !== null) {
      const event = await eventAt(endpoint.tenantId, endpoint.headSeq);
      return event ? [{ event, replay: endpoint.headReplay }] : [];
    }
    const replays: { event: TransactionEvent; replay: boolean }[] = [];
    for (const seq of await store.webhooks.pendingReplays(endpoint.id, limit)) {
      const event = await eventAt(endpoint.tenantId, seq);
      if (!event) break;
      replays.push({ event, replay: true });
    }
    if (replays.length > 0) return replays;
    const next = await store.listEvents(endpoint.tenantId, { after: endpoint.cursorSeq, limit });
    return next.map((event) => ({ event, replay: false }));
  }

  function judge(endpoint: WebhookEndpointRecord, result: DeliveryResult): WebhookOutcome {
    if ('statusCode' in result && result.statusCode >= 200 && result.statusCode < 300)
      return { kind: 'delivered', statusCode: result.statusCode };
    if ('statusCode' in result && result.statusCode === 410)
      return { kind: 'disabled', statusCode: 410, reason: 'the receiver answered 410 Gone' };
    const statusCode = 'statusCode' in result ? result.statusCode : null;
    const error = 'error' in result ? result.error : null;
    const now = Date.now();
    const first = endpoint.firstAttemptAt === null ? now : Date.parse(endpoint.firstAttemptAt);
    const delayMs = schedule.next(endpoint.attempts + 1, first, now);
    return delayMs === undefined
      ? { kind: 'dead', statusCode, error }
      : { kind: 'retry', statusCode, error, delayMs };
  }

  /**
   * One lease turn: pages of events sent in order. What became of each is written in batches: at least once lets a
   * crash (or a store failing mid-turn) send delivered events again, with the same webhook-id and in order, as the
   * next holder starts from the cursor last written, so a 2xx need not be written before the next POST. A retry, a
   * dead letter or a disable is written before anything else is sent, so the attempts and the horizon they count
   * stay exact. The rest is written when the lease needs renewing, before replays are read again (the store lists
   * those it still holds), and with the lease given back at the end of the turn.
   */
  async function serve(claim: WebhookClaim, claimedAt: number): Promise<void> {
    let endpoint = claim.endpoint;
    const secrets = signingSecrets(
      keys.open(endpoint.sealedSecret, secretContext(endpoint.id)),
      endpoint.previousSealedSecret === null || endpoint.secretRotatedAt === null
        ? undefined
        : {
            secret: keys.open(endpoint.previousSealedSecret, secretContext(endpoint.id)),
            rotatedAt: endpoint.secretRotatedAt,
          },
    );
    let unwritten: WebhookSettlement[] = [];
    let leaseEnds = claimedAt + leaseMs;
    /** False when the lease was lost (expired and claimed elsewhere): another instance sends from here on. */
    const write = async (release = false) => {
      const startedAt = Date.now();
      const settled = unwritten;
      unwritten = [];
      const held = await store.webhooks.settleEvents(claim, settled, leaseMs, release);
      leaseEnds = startedAt + leaseMs;
      return held;
    };
    for (let sent = 0; sent < perClaim; ) {
      if (unwritten.some((s) => s.replay) && !(await write())) return;
      const events = await page(endpoint, perClaim - sent);
      if (events.length === 0) break;
      for (const { event, replay } of events) {
        if (Date.now() + leaseMs / 2 > leaseEnds && !(await write())) return;
        const wanted = endpoint.eventClasses === null || endpoint.eventClasses.includes(event.statusClass);
        const outcome = wanted
          ? judge(endpoint, await deliverer.deliver(endpoint.url, secrets, event))
          : ({ kind: 'skipped' } as const);
        unwritten.push({ seq: event.seq, replay, outcome });
        if (outcome.kind !== 'delivered' && outcome.kind !== 'skipped' && !(await write())) return;
        if (outcome.kind !== 'skipped') {
          const first = outcome.kind === 'delivered' && !replay;
          options.observer?.settled(outcome.kind, first ? Date.now() - Date.parse(event.at) : undefined);
        }
        // A retry or a disable gave the lease back: the head waits for its next attempt.
        if (outcome.kind === 'retry' || outcome.kind === 'disabled') return;
        endpoint = {
          ...endpoint,
          cursorSeq: replay ? endpoint.cursorSeq : event.seq,
          headSeq: null,
          headReplay: false,
          attempts: 0,
          firstAttemptAt: null,
        };
        sent++;
      }
    }
    await write(true);
  }

  /** One round: the due endpoints, each served; how many were served without an error. */
  async function runOnce(): Promise<number> {
    // Before the claim: the lease is counted from no later than the store started it.
    const claimedAt = Date.now();
    const claims = await store.webhooks.claimDueEndpoints(batch, leaseMs);
    const served = await Promise.all(
      claims.map((claim) =>
        serve(claim, claimedAt).then(
          () => true,
          async (error) => {
            options.observer?.failed(error);
            await store.webhooks.releaseEndpoint(claim).catch(() => undefined);
            return false;
          },
        ),
      ),
    );
    // A failing endpoint does not count: it waits for the interval rather than spin.
    return served.filter(Boolean).length;
  }

  const loop = roundLoop(runOnce, intervalMs, (error) => options.observer?.failed(error));
  return {
    runOnce,
    wake: loop.wake,
    start: loop.start,
    async stop(): Promise<void> {
      await loop.stop();
      await deliverer.close();
    },
  };
}
