import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTenantAccounts } from './accounts/tenant-accounts.js';
import { createAuthenticator } from './auth/api-keys.js';
import type { Config } from './config.js';
import { createContextFactory } from './context.js';
import type { createEntityCache } from './datasources/cache.js';
import { openEntityCache } from './datasources/shared-cache.js';
import { openUpstreams } from './datasources/upstreams.js';
import { openRateLimits } from './limits/open-rate-limits.js';
import type { Logger } from './logging/logger.js';
import { bearerOnly, listenForMetrics, metricsHandler } from './observability/metrics-endpoint.js';
import { openObservability } from './observability/open-observability.js';
import { inFrontOf, openResponseCache } from './plugins/open-response-cache.js';
import { loadOperationManifest } from './plugins/persisted-operations-manifest.js';
import {
  createMemoryOperationStore,
  sharedOperationStore,
  usePersistedOperationsPolicy,
} from './plugins/use-persisted-operations.js';
import { redactUrl } from './redact-url.js';
import { loadKeyRing } from './secrets/key-file.js';
import { trackHttp } from './server/drain.js';
import { createEarlyRateLimit } from './server/early-rate-limit.js';
import { openGatewayStore } from './server/open-store.js';
import { createReadiness } from './server/readiness.js';
import { createRouter } from './server/router.js';
import type { TransactionRecord } from './store/types.js';
import { createCallbackHandler } from './subscriptions/callbacks.js';
import { createMemoryPubSub, type PubSub } from './subscriptions/pubsub.js';
import { createRedisPubSub } from './subscriptions/redis-pubsub.js';
import { attachWebSockets } from './subscriptions/ws.js';
import { createBillPaymentService } from './transactions/bill-payments.js';
import { callbackSecretFor } from './transactions/callback-secret.js';
import { crashAt } from './transactions/crash-points.js';
import { callbackTokenFor } from './transactions/identity.js';
import { createReconciler, type ReconcileStep } from './transactions/reconciler.js';
import { createTransactionService } from './transactions/service.js';
import { createEndpointAdmin, endpointPolicy } from './webhooks/endpoints.js';
import { openWebhookWorker } from './webhooks/open-webhooks.js';
import { createGatewayYoga } from './yoga.js';

export interface GatewayOptions {
  /** Where the gateway logs (JSON lines); by default pino on stdout at LOG_LEVEL. */
  logger?: Logger;
  /** Options of the process cache (its clock, its size); the Redis layer comes from `REDIS_URL`. */
  sharedCache?: Omit<NonNullable<Parameters<typeof createEntityCache>[0]>, 'shared'>;
}

/**
 * The gateway: one HTTP server with GraphQL (yoga) at `/graphql`, GraphiQL on the same path in a browser, and
 * `/healthz` served before yoga (cheap liveness). With no DT One credentials it starts the built-in sandbox on an
 * ephemeral loopback port and talks to it.
 */
export async function createGateway(config: Config, options: GatewayOptions = {}) {
  // Read before anything starts: a bad allow-list stops the start with nothing to clean up.
  const { manifestPath, arbitrary, apq } = config.persistedOperations;
  const manifest = manifestPath ? await loadOperationManifest(manifestPath) : new Map<string, string>();
  const keys = loadKeyRing(config);
  const { logger, metrics, tracing, observe, onLimited, inRequest } = openObservability(
    config,
    {
      websockets: () => webSockets?.stats().sockets ?? 0,
      eventStreams: () => http.openEventStreams(),
      unsettled: async (ages) => store.countUnsettledByAge(await store.now(), ages),
      webhookBacklog: () => store.webhooks.countBacklog(),
    },
    options.logger,
  );
  const upstreams = await openUpstreams(config, observe.upstreamAttempt);

  const { upstream, dtone, close: closeUpstreams } = upstreams;
  const { cache, shared } = await openEntityCache(config, {
    ...options.sharedCache,
    onRead: metrics.countCacheRead,
  });

  const { store, pinsSealed } = await openGatewayStore(config, keys, { metrics, tracing });
  const authenticate = createAuthenticator({ store, anonymousIsSandbox: config.mode === 'embedded' });
  // One secret per deployment (CALLBACK_SECRET); without one, embedded mode keeps its own in the data folder.
  const callbackSecret = callbackSecretFor(config, upstream.sandbox !== undefined);
  let baseUrl = config.publicUrl;
  const pubsub: PubSub = config.redisUrl ? await createRedisPubSub(config.redisUrl) : createMemoryPubSub();
  const webhooks = openWebhookWorker(config, store, keys, observe.webhooks);
  const publishChange = (record: TransactionRecord) => {
    metrics.eventsPublished.inc();
    void pubsub.publish({ transactionId: record.id, tenantId: record.tenantId });
    webhooks.wake();
  };
  // Each tenant's calls go to its own DT One account when it holds one, else to the deployment's.
  const accounts = createTenantAccounts({ ...upstreams, store, keys, cache, logger });
  const transactions = createTransactionService({
    store,
    accounts: accounts.dvs,
    keys,
    callbackToken: (id) => callbackTokenFor(callbackSecret, id),
    callbackUrl: (id, token) => `${baseUrl ?? 'http://127.0.0.1'}/callbacks/dtone/${id}/${token}`,
    firstPollAfterMs: config.reconcile.firstPollAfterMs,
    onChange: (record) => publishChange(record),
    crashPoint: crashAt(config.crashPoint),
  });
  const billPayments = createBillPaymentService({
    store,
    accounts: accounts.gs,
    onChange: (record) => publishChange(record),
  });
  // Each record is settled by the API it was sent to.
  const settle = (record: TransactionRecord) =>
    record.api === 'GS' ? billPayments.settle(record) : transactions.settle(record);
  const reconciler = createReconciler({
    store,
    service: {
      settle: (record) =>
        tracing.inSpan('reconcile', { 'dtone_gateway.transaction.id': record.id }, () => settle(record)),
    },
    intervalMs: config.reconcile.intervalMs,
    horizonMs: config.reconcile.horizonMs,
    leaseMs: config.reconcile.leaseMs,
    onError: observe.reconcilerFailed,
    onStep: observe.reconcilerStep,
    onRound: () => metrics.reconcilerRuns.inc(),
  });
  const handleCallback = createCallbackHandler({
    store,
    settle,
    credentials: config.callbackCredentials,
    onError: observe.callbackFailed,
  });

  const createContext = createContextFactory({
    accounts,
    cache,
    authenticate,
    transactions,
    billPayments,
    pubsub,
    events: store,
    webhooks: createEndpointAdmin({ store, keys, policy: endpointPolicy(config) }),
  });

  const operationPolicy = usePersistedOperationsPolicy({
    manifest,
    listOnly: arbitrary === 'deny',
    allowArbitrary:
      arbitrary === 'allow'
        ? () => true
        : async (request) =>
            (await authenticate(request.headers.get('authorization'))).scopes.has('operations:arbitrary'),
    store: !apq ? undefined : shared ? sharedOperationStore(shared.keyv) : createMemoryOperationStore(),
  });
  const responseCache = openResponseCache(config, { cache, shared, authenticate, accounts, metrics, logger });
  const rateLimits = await openRateLimits(config, onLimited);
  const rateGate = rateLimits?.gate;
  const earlyRateLimit = rateGate && createEarlyRateLimit({ gate: rateGate, authenticate });
  const yoga = createGatewayYoga({
    config,
    logger,
    metrics,
    tracing,
    responseCache: responseCache?.plugin,
    ...(rateGate && { rateLimit: { gate: rateGate, authenticate } }),
    createContext,
    operationPolicy,
    onEventStream: (res) => http.markEventStream(res),
    isAuthenticated: async (request) => !!(await authenticate(request.headers.get('authorization'))).keyId,
  });

  const readiness = createReadiness({
    store,
    pubsubReady: () => pubsub.ready(),
    upstreamAnsweredAt: upstreams.answeredAt,
    probeUpstream: upstreams.probe,
    upstreamMaxAgeMs: config.readyUpstreamMaxAgeMs,
  });
  const serveMetrics = metricsHandler(metrics.registry);
  const route = createRouter({
    handleCallback: (req, res, path) => {
      res.once('finish', () => observe.callbackAnswered(path, res.statusCode));
      return tracing.inSpan('callback', {}, () => handleCallback(req, res, path));
    },
    scope: (req, requestId, next) => inRequest(requestId, () => tracing.withRemoteParent(req.headers, next)),
    ...(config.metrics.token && { metrics: bearerOnly(config.metrics.token, serveMetrics) }),
    readiness: readiness.handle,
    ...(earlyRateLimit && { earlyRateLimit }),
    graphql: inFrontOf(responseCache, (req, res) => yoga.handle(req, res)),
  });
  const server: Server = createServer((req, res) => {
    http.track(req, res);
    route(req, res);
  });
  // Attached once the server listens: graphql-ws would log a failed listen (a port in use) as its own error.
  let webSockets: ReturnType<typeof attachWebSockets> | undefined;
  const attachSockets = () =>
    attachWebSockets(server, yoga, {
      authenticate: async (authorization) => {
        const caller = await authenticate(authorization);
        if (!caller.tenantId) throw new Error('an API key is required');
        return caller;
      },
      limits: config.webSockets,
      onLimited,
    });
  const http = trackHttp(server);

  let url: string | undefined;
  let metricsListener: Awaited<ReturnType<typeof listenForMetrics>> | undefined;
  return {
    /** Where `/metrics` listens on its own port (METRICS_PORT); undefined otherwise or before `start()`. */
    get metricsUrl(): string | undefined {
      return metricsListener?.url;
    },
    yoga,
    server,
    cache,
    dtone,
    store,
    transactions,
    /** The websocket endpoint's counters (open sockets, what its caps refused or closed); none before `start()`. */
    webSockets: { stats: () => webSockets?.stats() },
    /** What the start found degraded but survivable (an unreachable Redis), one line each. */
    warnings(): string[] {
      const warnings: string[] = [];
      if (config.redisUrl && shared && !shared.ready()) {
        warnings.push(
          `REDIS_URL (${redactUrl(config.redisUrl)}) cannot be reached: the cache and live updates stay within this process until it can; start Redis or fix REDIS_URL`,
        );
      }
      return warnings;
    },
    /** Settles every transaction due for a poll now (the `reconcile` command); what each step found. */
    async reconcileNow(): Promise<ReconcileStep[]> {
      const steps: ReconcileStep[] = [];
      for (let round = 0; round < 1_000; round++) {
        const found = await reconciler.runOnce();
        if (found.length === 0) break;
        steps.push(...found);
      }
      return steps;
    },
    /** Settles once every stored PIN is sealed under the current data key (undefined when the store failed). */
    pinsSealed,
    /** The built-in sandbox in embedded mode (for tests and `npm start`). */
    sandbox: upstream.sandbox,
    upstreamUrl: upstream.baseUrl,
    get url(): string {
      if (!url) throw new Error('the gateway is not listening: call start() first');
      return url;
    },
    fetch: (url: string, init: RequestInit = {}) => yoga.fetch(url, init),
    async start(port = config.port, host = config.host): Promise<string> {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          webSockets = attachSockets();
          resolve();
        });
      });
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      url = `http://${shownHost}:${address.port}`;
      baseUrl ??= url;
      upstream.sandbox?.releaseCallbacks();
      reconciler.start();
      webhooks.start();
      if (config.metrics.port)
        metricsListener = await listenForMetrics(serveMetrics, config.metrics.port, host);
      return url;
    },
    /**
     * Graceful stop: stop listening, close websockets with 1001 and end event streams (clients reconnect
     * elsewhere and re-read), let requests in flight (a SYNC top-up, a callback) and the reconciler's current step
     * finish, then close the store, Redis and the upstream pools. Resolves `false` when `timeoutMs` passed first and
     * connections still open were cut.
     */
    async stop({ timeoutMs = 25_000 }: { timeoutMs?: number } = {}): Promise<boolean> {
      const deadline = Date.now() + timeoutMs;
      const [drained] = await Promise.all([
        server.listening ? http.drain(deadline) : true,
        webSockets?.close(),
        reconciler.stop(),
        webhooks.stop(),
      ]);
      if (!drained) http.destroyAll();
      await metricsListener?.close();
      await store.close();
      await pubsub.close();
      await shared?.close();
      await rateLimits?.close();
      await closeUpstreams();
      // Last: the spans of everything above are exported before the process goes.
      await tracing.shutdown().catch(() => undefined);
      return drained;
    },
  };
}

export type Gateway = Awaited<ReturnType<typeof createGateway>>;
