import { dirname, join } from 'node:path';
import type { Config, UpstreamCredentials } from '../config.js';
import { createRedisBudget } from '../limits/upstream-budget.js';
import type { Sandbox } from '../sandbox/server.js';
import { accountId } from './catalogue-reader.js';
import { createDtOneClient, type DtOneClient } from './dtone/client.js';
import { createGsClient, type GsClient } from './gs/client.js';
import { createMemoryBudget, type UpstreamBudget } from './http/budget.js';
import type { AttemptEvent } from './http/types.js';

export interface Upstream {
  baseUrl: string;
  credentials: UpstreamCredentials;
  /** The built-in sandbox, in embedded mode. */
  sandbox?: Sandbox;
}

export interface Upstreams {
  /** Where DVS calls go: live DT One, or the built-in sandbox it started. */
  upstream: Upstream;
  /** DT One's account behind the credentials: caches and the shared budget key on it. */
  account: string;
  dtone: DtOneClient;
  /** When DT One last answered a call (any answer but a 5xx), in ms since the epoch; 0 when never. */
  answeredAt(): number;
  /** One cheap real call to DT One (the balances), for readiness when no request called it lately. */
  probe(): Promise<unknown>;
  /** Goods & Services; absent in live mode without its credentials. */
  gs: GsClient | undefined;
  close(): Promise<void>;
}

/**
 * Chooses DT One (live credentials) or the built-in sandbox (embedded mode: started here, on an ephemeral loopback
 * port), and opens the DVS and G&S clients with the call budget every instance of the deployment shares.
 */
export async function openUpstreams(
  config: Config,
  onAttempt: (api: 'dvs' | 'gs', attempt: AttemptEvent) => void = () => {},
): Promise<Upstreams> {
  const upstream = await resolveUpstream(config);
  const account = accountId(upstream.credentials.apiKey, upstream.baseUrl);
  // DT One counts calls per account: every instance of a deployment draws from one budget when Redis is there.
  const budget: UpstreamBudget & { close?(): void } = config.redisUrl
    ? await createRedisBudget(config.redisUrl, account)
    : createMemoryBudget();
  let answeredAt = 0;
  const dtone = createDtOneClient({
    budget,
    onAttempt: (attempt) => {
      if (attempt.status !== undefined && attempt.status < 500) answeredAt = Date.now();
      onAttempt('dvs', attempt);
    },
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
      onAttempt: (attempt) => onAttempt('gs', attempt),
    });
  return {
    upstream,
    account,
    dtone,
    answeredAt: () => answeredAt,
    probe: () => dtone.listBalances({ per_page: 1 }),
    gs,
    async close() {
      await dtone.close();
      await gs?.close();
      budget.close?.();
      await upstream.sandbox?.stop();
    },
  };
}

async function resolveUpstream(config: Config): Promise<Upstream> {
  if (config.mode === 'live' && config.dtone.credentials) {
    return { baseUrl: config.dtone.baseUrl, credentials: config.dtone.credentials };
  }
  const { createSandbox } = await import('../sandbox/server.js');
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
