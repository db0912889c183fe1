import { join } from 'node:path';
import type { z } from 'zod';
import { EnvSchema } from './config-schema.js';
import { redactUrl } from './redact-url.js';
import type { CrashPoint } from './transactions/crash-points.js';

// The only reader of `process.env`. Every setting is parsed once (config-schema.ts) into a frozen `Config`; a bad
// or missing value fails fast with a message that names the variable and says how to fix it.

export interface UpstreamCredentials {
  readonly apiKey: string;
  readonly apiSecret: string;
}

export interface Config {
  readonly env: 'production' | 'development' | 'test';
  readonly host: string;
  readonly port: number;
  readonly logLevel: string;
  /** `embedded`: no DT One credentials, so the gateway runs the built-in sandbox and talks to it. */
  readonly mode: 'embedded' | 'live';
  readonly dtone: {
    readonly baseUrl: string;
    readonly credentials: UpstreamCredentials | undefined;
    readonly timeoutMs: number;
    readonly connections: number;
  };
  readonly gs: { readonly baseUrl: string; readonly credentials: UpstreamCredentials | undefined };
  /**
   * The base URL DT One calls back (`<publicUrl>/callbacks/dtone/…`): required in live mode. Unset (embedded mode, or
   * a program that builds its own `Config`), the gateway's listening address is used.
   */
  readonly publicUrl: string | undefined;
  /** Derives each transaction's unguessable callback token; shared by every process of a deployment. */
  readonly callbackSecret: string | undefined;
  /** DT Shop's "callback credentials": HTTP Basic that every callback must carry, when set. */
  readonly callbackCredentials: { readonly username: string; readonly password: string } | undefined;
  readonly persistedOperations: {
    /** The allow-list manifest (sha256 → document, as the client preset writes it), when set. */
    readonly manifestPath: string | undefined;
    /** `deny`: only persisted operations run, except for keys with the `operations:arbitrary` scope. */
    readonly arbitrary: 'allow' | 'deny';
    /** Automatic persisted queries: clients register an operation's text under its hash once. */
    readonly apq: boolean;
  };
  /**
   * Whole answers of catalogue-only queries, kept while everything they read stays fresh (shared through Redis when
   * `redisUrl` is set); `maxBytes` bounds each process's copy.
   */
  readonly responseCache: { readonly enabled: boolean; readonly maxBytes: number };
  /** How long a SIGTERM/SIGINT stop lets requests in flight finish before it cuts them. */
  readonly shutdownTimeoutMs: number;
  /**
   * Token buckets per API key (in Redis when `redisUrl` is set, so they hold across instances): one for queries
   * and subscriptions, one for money operations. Unset: that kind is not limited.
   */
  /** graphql-ws caps: what one socket or one API key may hold open, and how far a slow reader may fall behind. */
  readonly webSockets: {
    readonly maxMessageBytes: number;
    readonly maxSubscriptionsPerSocket: number;
    readonly maxSocketsPerKey: number;
    readonly maxBufferedBytes: number;
  };
  readonly rateLimits: {
    readonly queries: { readonly perSecond: number; readonly burst: number } | undefined;
    readonly money: { readonly perSecond: number; readonly burst: number } | undefined;
  };
  readonly reconcile: {
    readonly intervalMs: number;
    readonly firstPollAfterMs: number;
    readonly horizonMs: number;
    /** How long a poll claimed by one process is its alone; a process killed mid-poll delays it this long. */
    readonly leaseMs: number;
  };
  /** How old DT One's last answer may be for `/readyz` to say ready. */
  readonly readyUpstreamMaxAgeMs: number;
  /** Outbound webhooks: where they may go (private addresses; http only under NODE_ENV=test) and how they retry. */
  readonly webhooks: {
    readonly allowPrivateUrls: boolean;
    readonly allowHttp: boolean;
    readonly retryHorizonMs: number;
    readonly retryScale: number;
    readonly timeoutMs: number;
  };
  /** Where `/metrics` is served: a port of its own, and/or the main port to bearers of the token. */
  readonly metrics: { readonly port: number | undefined; readonly token: string | undefined };
  /**
   * OpenTelemetry tracing: on when an OTLP endpoint is set by the standard `OTEL_*` variables (and not disabled);
   * `tracesUrl` is where spans are posted (OTLP/HTTP JSON).
   */
  readonly tracing:
    | { readonly enabled: false }
    | { readonly enabled: true; readonly tracesUrl: string; readonly serviceName: string };
  /** Test hook: where a create or confirm kills the process (`GATEWAY_CRASH_POINT`). Never set in production. */
  readonly crashPoint: CrashPoint | undefined;
  /** Redis for the cache shared by several processes; the process cache alone when unset. */
  readonly redisUrl: string | undefined;
  /** The gateway's records: PostgreSQL when `databaseUrl` is set, else the SQLite file at `sqlitePath`. */
  readonly store: { readonly databaseUrl: string | undefined; readonly sqlitePath: string };
  /** What the HTTP endpoint shows and to whom, and the keys that encrypt PINs at rest. */
  readonly security: {
    /** Browser origins allowed to call (CORS); `loopback` also allows any http(s) origin on this machine. */
    readonly cors: { readonly origins: readonly string[]; readonly loopback: boolean };
    readonly introspection: boolean;
    /** "Did you mean …" in error messages, for callers with a key only. */
    readonly fieldSuggestions: boolean;
    readonly graphiql: boolean;
    /**
     * AES-256-GCM keys (base64 of 32 bytes): `current` encrypts and decrypts, `old` only decrypt (rotation). An
     * embedded gateway without `current` keeps a generated one in `keyFile`.
     */
    readonly dataKeys: { readonly current: string | undefined; readonly old: readonly string[] };
    readonly dataKeyFile: string;
  };
  readonly sandbox: {
    readonly host: string;
    readonly port: number;
    readonly seed: number;
    readonly timeScale: number;
    readonly credentials: UpstreamCredentials | undefined;
    /** Where `dtone-gateway sandbox` keeps its state; in memory when unset. */
    readonly dataDir: string | undefined;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        const shown =
          /SECRET|KEY|PASSWORD|URL/.test(name) && !/(^|_)BASE_URL$/.test(name)
            ? 'a hidden value'
            : JSON.stringify(redactUrl(env[name]));
        return `${name} ${issue.message} (got ${shown})`;
      }),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  const pair = (keyName: string, secretName: string, key?: string, secret?: string) => {
    if (key && secret) return { apiKey: key, apiSecret: secret };
    if (key || secret) {
      problems.push(
        `${key ? secretName : keyName} is missing: set both ${keyName} and ${secretName} (DT Shop → Developer → API keys), or neither to run on the built-in sandbox`,
      );
    }
    return undefined;
  };
  const dvs = pair('DTONE_API_KEY', 'DTONE_API_SECRET', e.DTONE_API_KEY, e.DTONE_API_SECRET);
  const gs = pair('DTONE_GS_API_KEY', 'DTONE_GS_API_SECRET', e.DTONE_GS_API_KEY, e.DTONE_GS_API_SECRET);
  const sandbox = pair('SANDBOX_API_KEY', 'SANDBOX_API_SECRET', e.SANDBOX_API_KEY, e.SANDBOX_API_SECRET);
  if (gs && !dvs)
    problems.push('DTONE_GS_API_KEY is set without DTONE_API_KEY: live mode needs the DVS credentials too');
  if (dvs && !e.PUBLIC_URL) {
    problems.push(
      'PUBLIC_URL is missing: live mode tells DT One where to send callbacks, e.g. PUBLIC_URL=https://gw.example.com (the gateway serves them under /callbacks/dtone/)',
    );
  } else if (dvs && e.PUBLIC_URL?.startsWith('http:') && !e.PUBLIC_URL_ALLOW_HTTP) {
    problems.push(
      'PUBLIC_URL must be https in live mode (callbacks carry transaction outcomes); on a private network set PUBLIC_URL_ALLOW_HTTP=true',
    );
  }
  if (dvs && !e.CALLBACK_SECRET) {
    problems.push(
      'CALLBACK_SECRET is missing: live mode needs one secret shared by every instance to sign callback URLs (openssl rand -base64 48)',
    );
  }
  if (dvs && !e.DATA_ENCRYPTION_KEY)
    problems.push(
      'DATA_ENCRYPTION_KEY is missing: live mode encrypts PINs at rest and needs 32 random bytes, base64 or hex (openssl rand -base64 32); keep it with the database backups',
    );
  if (problems.length) throw new ConfigError(problems);

  return deepFreeze({
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    mode: dvs ? 'live' : 'embedded',
    dtone: {
      baseUrl: e.DTONE_BASE_URL,
      credentials: dvs,
      timeoutMs: e.DTONE_TIMEOUT_MS,
      connections: e.DTONE_CONNECTIONS,
    },
    gs: { baseUrl: e.DTONE_GS_BASE_URL, credentials: gs },
    redisUrl: e.REDIS_URL,
    store: { databaseUrl: e.DATABASE_URL, sqlitePath: join(e.DATA_DIR, 'gateway.db') },
    publicUrl: e.PUBLIC_URL,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    webSockets: {
      maxMessageBytes: e.WS_MAX_MESSAGE_BYTES,
      maxSubscriptionsPerSocket: e.WS_MAX_SUBSCRIPTIONS_PER_SOCKET,
      maxSocketsPerKey: e.WS_MAX_SOCKETS_PER_KEY,
      maxBufferedBytes: e.WS_MAX_BUFFERED_BYTES,
    },
    rateLimits: {
      queries: bucketRule(e.RATE_LIMIT_QUERIES_PER_SECOND, e.RATE_LIMIT_QUERIES_BURST),
      money: bucketRule(e.RATE_LIMIT_MONEY_PER_SECOND, e.RATE_LIMIT_MONEY_BURST),
    },
    persistedOperations: {
      manifestPath: e.PERSISTED_OPERATIONS,
      arbitrary: e.ARBITRARY_OPERATIONS,
      apq: e.APQ,
    },
    responseCache: { enabled: e.RESPONSE_CACHE, maxBytes: e.RESPONSE_CACHE_MAX_MB * 1024 * 1024 },
    reconcile: {
      intervalMs: e.RECONCILE_INTERVAL_MS,
      firstPollAfterMs: e.RECONCILE_FIRST_POLL_MS,
      horizonMs: e.RECONCILE_HORIZON_MS,
      leaseMs: e.RECONCILE_LEASE_MS,
    },
    readyUpstreamMaxAgeMs: e.READY_UPSTREAM_MAX_AGE_MS,
    webhooks: {
      allowPrivateUrls: e.WEBHOOK_ALLOW_PRIVATE_URLS,
      allowHttp: e.NODE_ENV === 'test',
      retryHorizonMs: e.WEBHOOK_RETRY_HORIZON_MS,
      retryScale: e.WEBHOOK_RETRY_SCALE,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
    },
    metrics: { port: e.METRICS_PORT, token: e.METRICS_TOKEN },
    tracing: tracingOf(e),
    callbackCredentials:
      e.CALLBACK_USERNAME && e.CALLBACK_PASSWORD
        ? { username: e.CALLBACK_USERNAME, password: e.CALLBACK_PASSWORD }
        : undefined,
    crashPoint: e.GATEWAY_CRASH_POINT,
    callbackSecret: e.CALLBACK_SECRET,
    security: {
      cors: { origins: e.CORS_ORIGINS ?? [], loopback: !dvs && e.CORS_ORIGINS === undefined },
      introspection: e.INTROSPECTION ?? !dvs,
      fieldSuggestions: e.FIELD_SUGGESTIONS ?? !dvs,
      graphiql: e.GRAPHIQL ?? !dvs,
      dataKeys: { current: e.DATA_ENCRYPTION_KEY, old: e.DATA_ENCRYPTION_OLD_KEYS },
      dataKeyFile: join(e.DATA_DIR, 'data-encryption.key'),
    },
    sandbox: {
      host: e.SANDBOX_HOST,
      port: e.SANDBOX_PORT,
      seed: e.SANDBOX_SEED,
      timeScale: e.SANDBOX_TIME_SCALE,
      credentials: sandbox,
      dataDir: e.SANDBOX_DATA_DIR,
    },
  } satisfies Config);
}

/** The OpenTelemetry specification's rules: a per-signal endpoint is used as is, the base one gains `/v1/traces`. */
function tracingOf(e: z.output<typeof EnvSchema>): Config['tracing'] {
  const tracesUrl =
    e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    (e.OTEL_EXPORTER_OTLP_ENDPOINT && `${e.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`);
  if (e.OTEL_SDK_DISABLED || e.OTEL_TRACES_EXPORTER === 'none' || !tracesUrl) return { enabled: false };
  return { enabled: true, tracesUrl, serviceName: e.OTEL_SERVICE_NAME };
}

function bucketRule(perSecond: number, burst: number) {
  return perSecond > 0 ? { perSecond, burst } : undefined;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
