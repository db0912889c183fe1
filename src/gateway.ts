import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { createAuthenticator } from './auth/api-keys.js';
import { type Config, ConfigError, type UpstreamCredentials } from './config.js';
import { type GatewayContext, newRequestId } from './context.js';
import { createEntityCache, type EntityCache } from './datasources/cache.js';
import { accountId, createCatalogueReader } from './datasources/catalogue-reader.js';
import { createDtOneClient, type DtOneClient } from './datasources/dtone/client.js';
import { createGsClient } from './datasources/gs/client.js';
import { createMemoryBudget, type UpstreamBudget } from './datasources/http/budget.js';
import { createCatalogueLoaders } from './datasources/loaders.js';
import { createLookupReader } from './datasources/lookup-reader.js';
import { createSharedCache } from './datasources/shared-cache.js';
import { createRateGate } from './limits/rate-gate.js';
import { createMemoryBuckets, createRedisBuckets } from './limits/token-bucket.js';
import { createRedisBudget } from './limits/upstream-budget.js';
import { loadOperationManifest } from './plugins/persisted-operations-manifest.js';
import {
  createMemoryOperationStore,
  sharedOperationStore,
  usePersistedOperationsPolicy,
} from './plugins/use-persisted-operations.js';
import { redactUrl } from './redact-url.js';
import type { Sandbox } from './sandbox/server.js';
import { loadKeyRing } from './secrets/key-file.js';
import { trackHttp } from './server/drain.js';
import { createEarlyRateLimit } from './server/early-rate-limit.js';
import { createStore } from './store/index.js';
import type { TransactionRecord } from './store/types.js';
import { createCallbackHandler } from './subscriptions/callbacks.js';
import { createMemoryPubSub, type PubSub } from './subscriptions/pubsub.js';
import { createRedisPubSub } from './subscriptions/redis-pubsub.js';
import { attachWebSockets } from './subscriptions/ws.js';
import { createBillPaymentService } from './transactions/bill-payments.js';
import { callbackSecretFor } from './transactions/callback-secret.js';
import { callbackTokenFor } from './transactions/identity.js';
import { createReconciler, type ReconcileStep } from './transactions/reconciler.js';
import { sealStoredPins } from './transactions/seal-stored-pins.js';
import { createTransactionService } from './transactions/service.js';
import { createGatewayYoga } from './yoga.js';

export interface GatewayOptions {
  /** Options of the process cache (its clock, its size); the Redis layer comes from `REDIS_URL`. */
  sharedCache?: Omit<NonNullable<Parameters<typeof createEntityCache>[0]>, 'shared'>;
}

export interface Upstream {
  baseUrl: string;
  credentials: UpstreamCredentials;
  /** The built-in sandbox, in embedded mode. */
  sandbox?: Sandbox;
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
  const upstream = await resolveUpstream(config);
  const account = accountId(upstream.credentials.apiKey, upstream.baseUrl);
  // DT One counts calls per account: every instance of a deployment draws from one budget when Redis is there.
  const budget: UpstreamBudget & { close?(): void } = config.redisUrl
    ? await createRedisBudget(config.redisUrl, account)
    : createMemoryBudget();
  const dtone: DtOneClient = createDtOneClient({
    budget,
    baseUrl: upstream.baseUrl,
    apiKey: upstream.credentials.apiKey,
    apiSecret: upstream.credentials.apiSecret,
    timeoutMs: config.dtone.timeoutMs,
    connections: config.dtone.connections,
  });
  const gsUpstream = resolveGsUpstream(config, upstream);
  const gs =
    gsUpstream &&
    createGsClient({
      baseUrl: gsUpstream.baseUrl,
      apiKey: gsUpstream.credentials.apiKey,
      apiSecret: gsUpstream.credentials.apiSecret,
      timeoutMs: config.dtone.timeoutMs,
    });
  const shared = config.redisUrl ? await createSharedCache(config.redisUrl) : undefined;
  const cache: EntityCache = createEntityCache({
    freeze: config.env !== 'production',
    ...options.sharedCache,
    shared: shared?.keyv,
    ...(shared && { sharedReady: shared.ready }),
  });

  const store = await createStore(config.store);
  await store.migrate();
  if (config.mode === 'live' && (await store.countApiKeys()) === 0) {
    await store.close();
    throw new ConfigError([
      'live mode needs at least one API key for clients: create one with `npm run keys -- create --tenant <name> --name <label> --scopes catalogue:read,transactions:write,transactions:read`',
    ]);
  }
  // In the background: PINs stored in clear before sealing existed, or under a key rotated out, get the current key.
  const pinsSealed = sealStoredPins(store, keys).then(
    (report) => {
      if (report.unreadable.length > 0) {
        process.emitWarning(
          `${report.unreadable.length} stored PINs are sealed under a data key that is not configured (e.g. transaction ${report.unreadable[0]}): add that key to DATA_ENCRYPTION_OLD_KEYS`,
          'DataKeyWarning',
        );
      }
      return report;
    },
    () => undefined,
  );
  const authenticate = createAuthenticator({ store, anonymousIsSandbox: config.mode === 'embedded' });
  // One secret per deployment (CALLBACK_SECRET); without one, embedded mode keeps its own in the data folder.
  const callbackSecret = callbackSecretFor(config, upstream.sandbox !== undefined);
  let baseUrl = config.publicUrl;
  const pubsub: PubSub = config.redisUrl ? await createRedisPubSub(config.redisUrl) : createMemoryPubSub();
  const sharedReader = createCatalogueReader({ dtone, cache, account });
  const transactions = createTransactionService({
    store,
    dtone,
    reader: () => sharedReader,
    keys,
    callbackToken: (id) => callbackTokenFor(callbackSecret, id),
    callbackUrl: (id, token) => `${baseUrl ?? 'http://127.0.0.1'}/callbacks/dtone/${id}/${token}`,
    firstPollAfterMs: config.reconcile.firstPollAfterMs,
    onChange: (record) => void pubsub.publish({ transactionId: record.id }),
    ...(config.crashPoint && {
      crashPoint: (name: string) => {
        if (name === config.crashPoint) process.kill(process.pid, 'SIGKILL');
      },
    }),
  });
  const billPayments = createBillPaymentService({
    store,
    gs,
    onChange: (record) => void pubsub.publish({ transactionId: record.id }),
  });
  // Each record is settled by the API it was sent to.
  const settle = (record: TransactionRecord) =>
    record.api === 'GS' ? billPayments.settle(record) : transactions.settle(record);
  const reconciler = createReconciler({
    store,
    service: { settle },
    intervalMs: config.reconcile.intervalMs,
    horizonMs: config.reconcile.horizonMs,
    leaseMs: config.reconcile.leaseMs,
  });
  const handleCallback = createCallbackHandler({ store, settle, credentials: config.callbackCredentials });

  const createContext = async (request: Request): Promise<GatewayContext> => {
    const meta = { stale: false };
    const language = primaryLanguage(request.headers.get('accept-language'));
    const onStale = () => {
      meta.stale = true;
    };
    const reader = createCatalogueReader({ dtone, cache, account, onStale });
    return {
      requestId: newRequestId(request.headers.get('x-request-id')),
      language,
      reader,
      loaders: createCatalogueLoaders(reader),
      lookups: createLookupReader({ dtone, cache, account, onStale }),
      dtone,
      caller: await authenticate(request.headers.get('authorization')),
      transactions,
      billPayments,
      pubsub,
      meta,
    };
  };

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
  const { queries, money } = config.rateLimits;
  const buckets =
    queries || money
      ? config.redisUrl
        ? await createRedisBuckets(config.redisUrl)
        : createMemoryBuckets()
      : undefined;
  const rateGate = buckets && createRateGate({ buckets, rules: config.rateLimits });
  const earlyRateLimit = rateGate && createEarlyRateLimit({ gate: rateGate, authenticate });
  const yoga = createGatewayYoga({
    config,
    ...(rateGate && { rateLimit: { gate: rateGate, authenticate } }),
    createContext,
    operationPolicy,
    onEventStream: (res) => http.markEventStream(res),
    isAuthenticated: async (request) => !!(await authenticate(request.headers.get('authorization'))).keyId,
  });

  const server: Server = createServer((req, res) => {
    http.track(req, res);
    if (req.url === '/healthz') return sendText(res, 200, 'ok');
    if (req.url?.startsWith('/callbacks/')) {
      handleCallback(req, res, req.url.split('?')[0] ?? '').catch(() => {
        if (!res.headersSent && !res.destroyed) sendText(res, 500, 'callback not processed');
      });
      return;
    }
    if (earlyRateLimit && req.url === '/graphql') {
      earlyRateLimit(req, res).then(
        (answered) => {
          if (!answered) yoga.handle(req, res);
        },
        () => yoga.handle(req, res),
      );
      return;
    }
    yoga.handle(req, res);
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
    });
  const http = trackHttp(server);

  let url: string | undefined;
  return {
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
      ]);
      if (!drained) http.destroyAll();
      await dtone.close();
      await gs?.close();
      await store.close();
      await pubsub.close();
      await shared?.close();
      await buckets?.close();
      budget.close?.();
      await upstream.sandbox?.stop();
      return drained;
    },
  };
}

export type Gateway = Awaited<ReturnType<typeof createGateway>>;

async function resolveUpstream(config: Config): Promise<Upstream> {
  if (config.mode === 'live' && config.dtone.credentials) {
    return { baseUrl: config.dtone.baseUrl, credentials: config.dtone.credentials };
  }
  const { createSandbox } = await import('./sandbox/server.js');
  const sandbox = await createSandbox({
    seed: config.sandbox.seed,
    timeScale: config.sandbox.timeScale,
    host: config.sandbox.host,
    port: config.sandbox.port,
    // Its transactions, balances and pending callbacks outlive the process, next to the gateway's own records.
    dataDir: join(dirname(config.store.sqlitePath), 'sandbox'),
    holdCallbacks: true,
  });
  return { baseUrl: `${sandbox.url}/v1`, credentials: sandbox.credentials.dvs, sandbox };
}

/** G&S: the embedded sandbox serves it under `/v1.1`; live mode needs its own credentials (else none). */
function resolveGsUpstream(config: Config, upstream: Upstream): Omit<Upstream, 'sandbox'> | undefined {
  if (upstream.sandbox) {
    return { baseUrl: `${upstream.sandbox.url}/v1.1`, credentials: upstream.sandbox.credentials.gs };
  }
  return config.gs.credentials && { baseUrl: config.gs.baseUrl, credentials: config.gs.credentials };
}

/** `es-ES,es;q=0.9` → `es`: DT One localises by primary language, and caches key on it. */
function primaryLanguage(header: string | null): string | undefined {
  if (!header) return undefined;
  const first = header.split(',')[0]?.split(';')[0]?.trim().toLowerCase().split('-')[0];
  return first && /^[a-z]{2,3}$/.test(first) ? first : undefined;
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
