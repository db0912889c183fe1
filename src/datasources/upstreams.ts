import { dirname, join } from 'node:path';
import type { Config, UpstreamCredentials } from '../config.js';
import { openRedisBudgets } from '../limits/upstream-budget.js';
import type { Sandbox } from '../sandbox/server.js';
import { type AccountClient, type AccountClients, createAccountClients } from './account-clients.js';
import type { DtOneClient } from './dtone/client.js';
import type { GsClient } from './gs/client.js';
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
  /** The deployment's own account, which tenants without one of their own use. */
  defaults: { dvs: AccountClient<DtOneClient>; gs: AccountClient<GsClient> | undefined };
  /** The clients of every account in use: the deployment's own and tenants' own (`src/accounts` picks). */
  clients: AccountClients;
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
  // DT One counts calls per account: every instance of a deployment draws from one budget per account when Redis
  // is there.
  const shared = config.redisUrl ? await openRedisBudgets(config.redisUrl) : undefined;
  const local = new Map<string, UpstreamBudget>();
  const budgetFor = (account: string) => {
    if (shared) return shared.forAccount(account);
    const budget = local.get(account) ?? createMemoryBudget();
    local.set(account, budget);
    return budget;
  };
  let answeredAt = 0;
  const gsUpstream = resolveGsUpstream(config, upstream);
  const clients = createAccountClients({
    dvs: {
      baseUrl: upstream.baseUrl,
      timeoutMs: config.dtone.timeoutMs,
      connections: config.dtone.connections,
    },
    gs: {
      baseUrl: upstream.sandbox ? `${upstream.sandbox.url}/v1.1` : config.gs.baseUrl,
      timeoutMs: config.dtone.timeoutMs,
    },
    budgetFor,
    onAttempt: (api, attempt, account) => {
      // Readiness asks whether DT One answers the deployment; a tenant's refused key says nothing of that.
      if (api === 'dvs' && account.isDefault && attempt.status !== undefined && attempt.status < 500)
        answeredAt = Date.now();
      onAttempt(api, attempt);
    },
  });
  const dvs = clients.dvs(upstream.credentials, true);
  const gs = gsUpstream && clients.gs(gsUpstream.credentials, true);
  return {
    upstream,
    account: dvs.id,
    dtone: dvs.client,
    answeredAt: () => answeredAt,
    probe: () => dvs.client.listBalances({ per_page: 1 }),
    gs: gs?.client,
    defaults: { dvs, gs },
    clients,
    async close() {
      await clients.close();
      shared?.close();
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
