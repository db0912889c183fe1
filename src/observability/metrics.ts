import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { CacheReadEvent } from '../datasources/cache.js';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The gateway's Prometheus metrics, on a registry of its own (two gateways in one process never share counts).
 * Every label comes from a bounded set: operation types, error codes of the registry, route templates, statuses.
 * Never a transaction id, a phone number or a string a client chose (operation names are such strings).
 */
let processRegistry: Registry | undefined;

/**
 * The process metrics (CPU, memory, event loop, GC), collected once per process: their collectors hold observers
 * that nothing stops, so a process that creates many gateways (the tests) must not start them once per gateway.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: 'dtone_gateway_' });
  }
  return processRegistry;
}

/** Live counts read at each scrape. */
export interface LiveCounts {
  /** Open graphql-ws sockets. */
  websockets(): number;
  /** Open server-sent-event streams (subscriptions over HTTP). */
  eventStreams(): number;
  /** Transactions the reconciler still watches: in all, and older than each of `UNSETTLED_AGES`. */
  unsettled?(agesMs: readonly number[]): Promise<{ total: number; olderThan: number[] }>;
  /** Events enabled webhook endpoints are not yet done with (all instances). */
  webhookBacklog?(): Promise<number>;
}

/** The age buckets of unsettled transactions: a payment still open after minutes is normal, after a day is not. */
const UNSETTLED_AGES = [
  ['1m', 60_000],
  ['5m', 5 * 60_000],
  ['30m', 30 * 60_000],
  ['2h', 2 * 3_600_000],
  ['24h', 24 * 3_600_000],
] as const;

export function createMetrics(live: LiveCounts) {
  const own = new Registry();
  const registry = {
    contentType: own.contentType,
    /** The gateway's own metrics and the process's, in Prometheus' text format. */
    metrics: () => Registry.merge([processMetrics(), own]).metrics(),
  };
  const operations = new Histogram({
    name: 'dtone_gateway_graphql_operation_duration_seconds',
    help: 'GraphQL operations by type and outcome (ok or error)',
    labelNames: ['type', 'outcome'] as const,
    buckets: SECONDS,
    registers: [own],
  });
  const errors = new Counter({
    name: 'dtone_gateway_graphql_errors_total',
    help: 'Errors in GraphQL results, by code',
    labelNames: ['code'] as const,
    registers: [own],
  });
  const upstreamCalls = new Histogram({
    name: 'dtone_gateway_upstream_call_duration_seconds',
    help: "Attempts of calls to DT One's APIs, by API, method, route template and status (or failure kind)",
    labelNames: ['api', 'method', 'route', 'status'] as const,
    buckets: SECONDS,
    registers: [own],
  });
  const upstreamQueue = new Histogram({
    name: 'dtone_gateway_upstream_queue_seconds',
    help: "How long attempts of calls to DT One's APIs waited before they were sent (the shared budget, then a pooled connection), by API",
    labelNames: ['api'] as const,
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2.5],
    registers: [own],
  });
  const callbacks = new Counter({
    name: 'dtone_gateway_callbacks_total',
    help: "DT One's callbacks, by the HTTP status the gateway answered",
    labelNames: ['status'] as const,
    registers: [own],
  });
  const reconcilerFailures = new Counter({
    name: 'dtone_gateway_reconciler_failures_total',
    help: 'Reconciler steps that failed (the transaction is polled again later)',
    registers: [own],
  });
  const reconcilerSteps = new Counter({
    name: 'dtone_gateway_reconciler_steps_total',
    help: 'Reconciler steps that changed a transaction (settled) or flagged it for a person (review)',
    labelNames: ['result'] as const,
    registers: [own],
  });
  new Gauge({
    name: 'dtone_gateway_subscription_connections',
    help: 'Connections open for subscriptions, by transport (graphql-ws sockets, server-sent-event streams)',
    labelNames: ['transport'] as const,
    registers: [own],
    collect() {
      this.set({ transport: 'ws' }, live.websockets());
      this.set({ transport: 'sse' }, live.eventStreams());
    },
  });
  new Gauge({
    name: 'dtone_gateway_unsettled_transactions',
    help: 'Transactions not yet final that the reconciler still watches (all instances), by age since creation',
    labelNames: ['age'] as const,
    registers: [own],
    async collect() {
      const ages = UNSETTLED_AGES.map(([, ms]) => ms);
      const counts = await live.unsettled?.(ages).catch(() => undefined);
      if (!counts) return;
      // Cumulative "older than" counts become one bucket each: under 1m, 1m–5m, …, over 24h.
      const bounds = [counts.total, ...counts.olderThan, 0];
      const labels = [
        'lt_1m',
        ...UNSETTLED_AGES.slice(1).map(([to], i) => `${UNSETTLED_AGES[i]![0]}_${to}`),
        'gt_24h',
      ];
      for (const [i, age] of labels.entries()) this.set({ age }, bounds[i]! - bounds[i + 1]!);
    },
  });
  const eventsPublished = new Counter({
    name: 'dtone_gateway_events_published_total',
    help: 'Transaction changes published to subscribers (this instance and, over Redis, the others)',
    registers: [own],
  });
  const subscriptionEvents = new Counter({
    name: 'dtone_gateway_subscription_events_total',
    help: 'Subscription events sent, by execution: own (executed for that subscriber) or shared (the answer of another subscriber of the same change, document, variables and scope)',
    labelNames: ['execution'] as const,
    registers: [own],
  });
  const limitRejections = new Counter({
    name: 'dtone_gateway_limit_rejections_total',
    help: 'Requests, operations or sockets a limit refused, by limit (depth, cost, rate, money mutations, websocket caps)',
    labelNames: ['limit'] as const,
    registers: [own],
  });
  const storeCalls = new Histogram({
    name: 'dtone_gateway_store_call_duration_seconds',
    help: 'Store calls (one query or one write transaction each), by method and outcome',
    labelNames: ['method', 'outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [own],
  });
  // Cache reads are the warm path's most frequent event: a plain tally per label set, turned into the counter at
  // each scrape, costs a map lookup where a labelled `inc` would hash its labels every time.
  const cacheTally = new Map<string, { labels: CacheReadEvent; count: number }>();
  const countCacheRead = (event: CacheReadEvent) => {
    const key = `${event.ttl}|${event.layer}|${event.result}`;
    const entry = cacheTally.get(key);
    if (entry) entry.count++;
    else cacheTally.set(key, { labels: { ...event }, count: 1 });
  };
  new Counter({
    name: 'dtone_gateway_cache_reads_total',
    help: 'Cached reads of DT One answers, by TTL class, the layer that answered (process, redis, upstream) and result (hit, miss, stale)',
    labelNames: ['ttl', 'layer', 'result'] as const,
    registers: [own],
    collect() {
      this.reset();
      for (const { labels, count } of cacheTally.values()) this.inc(labels, count);
    },
  });
  const reconcilerRuns = new Counter({
    name: 'dtone_gateway_reconciler_runs_total',
    help: 'Reconciler rounds run by this instance',
    registers: [own],
  });
  const webhookDeliveries = new Counter({
    name: 'dtone_gateway_webhook_deliveries_total',
    help: 'Webhook events settled at an endpoint by this instance, by outcome (delivered, retry: a failed attempt, dead: dead-lettered after the horizon, disabled: the receiver answered 410)',
    labelNames: ['outcome'] as const,
    registers: [own],
  });
  const webhookLatency = new Histogram({
    name: 'dtone_gateway_webhook_delivery_latency_seconds',
    help: "From a transaction event being recorded to a receiver's 2xx for it (first deliveries; retries included, replays not)",
    // Seconds when receivers answer, up to the three-day retry horizon when they do not.
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1_800, 7_200, 36_000, 86_400, 259_200],
    registers: [own],
  });
  new Gauge({
    name: 'dtone_gateway_webhook_backlog_events',
    help: 'Events enabled webhook endpoints are not yet done with (all instances): after their cursor, or queued replays',
    registers: [own],
    async collect() {
      const backlog = await live.webhookBacklog?.().catch(() => undefined);
      if (backlog !== undefined) this.set(backlog);
    },
  });
  return {
    registry,
    webhookDeliveries,
    webhookLatency,
    limitRejections,
    storeCalls,
    countCacheRead,
    reconcilerRuns,
    operations,
    errors,
    upstreamCalls,
    upstreamQueue,
    callbacks,
    reconcilerFailures,
    reconcilerSteps,
    eventsPublished,
    subscriptionEvents,
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
