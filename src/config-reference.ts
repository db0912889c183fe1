import { EnvSchema } from './config-schema.js';
import { redactUrl } from './redact-url.js';

// Over 300 lines on purpose: one entry per environment variable, in one table the docs and `config` are generated
// from; splitting it would split the one list an operator reads top to bottom.

type Variable = keyof typeof EnvSchema.shape;
type Mode = 'embedded' | 'live' | 'scaled out' | 'sandbox' | 'tests';

export interface VariableDoc {
  meaning: string;
  /** The modes that read it; `required` names those where it must be set. */
  modes: readonly Mode[];
  required?: readonly Mode[];
  /** Never printed: `config` shows it as set or unset only. */
  secret?: boolean;
}

/**
 * What each environment variable means and which modes need it. Typed by the zod schema's keys, so a variable
 * added to `config.ts` does not compile until it is described here; names and defaults come from the schema.
 */
export const VARIABLES: Record<Variable, VariableDoc> = {
  NODE_ENV: {
    meaning: '`production`, `development` (readable errors, frozen cache answers) or `test`',
    modes: ['embedded', 'live'],
  },
  HOST: { meaning: 'the address the gateway listens on', modes: ['embedded', 'live'] },
  PORT: { meaning: 'the port the gateway listens on (0 picks a free one)', modes: ['embedded', 'live'] },
  LOG_LEVEL: {
    meaning: 'how much the gateway writes: fatal, error, warn, info, debug, trace or silent',
    modes: ['embedded', 'live'],
  },
  DTONE_API_KEY: {
    meaning: 'DVS API key (DT Shop → Developer → API keys); with its secret it selects live mode',
    modes: ['live'],
    required: ['live'],
    secret: true,
  },
  DTONE_API_SECRET: {
    meaning: 'DVS API secret (HTTP Basic)',
    modes: ['live'],
    required: ['live'],
    secret: true,
  },
  DTONE_BASE_URL: { meaning: 'DVS base URL; production is https://dvs-api.dtone.com/v1', modes: ['live'] },
  DTONE_GS_API_KEY: { meaning: 'Goods & Services API key, for bill payments', modes: ['live'], secret: true },
  DTONE_GS_API_SECRET: { meaning: 'Goods & Services API secret (HMAC)', modes: ['live'], secret: true },
  DTONE_GS_BASE_URL: { meaning: 'Goods & Services base URL', modes: ['live'] },
  DTONE_TIMEOUT_MS: {
    meaning: 'overall deadline of one upstream call, retries included',
    modes: ['embedded', 'live'],
  },
  DTONE_CONNECTIONS: { meaning: 'sockets to DT One', modes: ['embedded', 'live'] },
  REDIS_URL: {
    meaning: 'Redis shared by several instances: cache, live updates, APQ; one process alone when unset',
    modes: ['scaled out'],
    required: ['scaled out'],
    secret: true,
  },
  PUBLIC_URL: {
    meaning: 'the https URL DT One reaches this gateway at; callbacks go to <PUBLIC_URL>/callbacks/dtone/…',
    modes: ['live'],
    required: ['live'],
  },
  PUBLIC_URL_ALLOW_HTTP: { meaning: 'accept an http PUBLIC_URL (a private network only)', modes: ['live'] },
  CALLBACK_SECRET: {
    meaning:
      'signs callback URLs; the same on every instance (openssl rand -base64 48); embedded mode keeps one in DATA_DIR',
    modes: ['embedded', 'live'],
    required: ['live'],
    secret: true,
  },
  DATABASE_URL: {
    meaning: 'PostgreSQL for the gateway records; SQLite in DATA_DIR when unset',
    modes: ['scaled out'],
    required: ['scaled out'],
    secret: true,
  },
  DATA_DIR: {
    meaning:
      'the folder of the SQLite store, and in embedded mode of the built-in DT One state and generated secrets',
    modes: ['embedded', 'live'],
  },
  CALLBACK_USERNAME: {
    meaning: "DT Shop's callback credentials (HTTP Basic) every callback must carry, with CALLBACK_PASSWORD",
    modes: ['live'],
  },
  CALLBACK_PASSWORD: { meaning: 'the password of CALLBACK_USERNAME', modes: ['live'], secret: true },
  SHUTDOWN_TIMEOUT_MS: {
    meaning: 'how long SIGTERM/SIGINT lets requests in flight finish before it cuts them (exit 1)',
    modes: ['embedded', 'live'],
  },
  PERSISTED_OPERATIONS: {
    meaning:
      "a persisted-documents.json allow-list (sha256 → operation), as GraphQL Codegen's client preset writes it",
    modes: ['embedded', 'live'],
  },
  ARBITRARY_OPERATIONS: {
    meaning: '`deny`: only persisted operations run, except for keys with the operations:arbitrary scope',
    modes: ['embedded', 'live'],
  },
  APQ: {
    meaning: 'automatic persisted queries: clients register an operation under its sha256 once',
    modes: ['embedded', 'live'],
  },
  RESPONSE_CACHE: {
    meaning:
      'whole answers of catalogue-only queries are kept (per tenant, scopes, language and DT One account) as long as the catalogue they read stays fresh; `false` executes every query',
    modes: ['embedded', 'live'],
  },
  RESPONSE_CACHE_MAX_MB: {
    meaning: 'memory the response cache may hold in each process; the least recently stored answers go first',
    modes: ['embedded', 'live'],
  },
  WS_MAX_MESSAGE_BYTES: {
    meaning: 'largest graphql-ws message a client may send; a larger one closes the socket with 1009',
    modes: ['embedded', 'live'],
  },
  WS_MAX_SUBSCRIPTIONS_PER_SOCKET: {
    meaning:
      'subscriptions one websocket may hold at once; one more is answered with an error TOO_MANY_SUBSCRIPTIONS and the socket stays open',
    modes: ['embedded', 'live'],
  },
  WS_MAX_SOCKETS_PER_KEY: {
    meaning: 'websockets one API key may hold open (per instance); one more is closed with 4429',
    modes: ['embedded', 'live'],
  },
  WS_MAX_BUFFERED_BYTES: {
    meaning:
      'output a websocket may have waiting for a slow reader; past it the socket is closed with 4413 and counted',
    modes: ['embedded', 'live'],
  },
  RATE_LIMIT_QUERIES_PER_SECOND: {
    meaning:
      'queries and subscriptions one API key may start per second, sustained (token bucket, shared through Redis when REDIS_URL is set); over it: HTTP 429 / RATE_LIMITED; 0 switches it off',
    modes: ['embedded', 'live'],
  },
  RATE_LIMIT_QUERIES_BURST: {
    meaning: 'how many queries one API key may send at once before the per-second rate applies',
    modes: ['embedded', 'live'],
  },
  RATE_LIMIT_MONEY_PER_SECOND: {
    meaning:
      'money operations (create, confirm, cancel, payBill) one API key may send per second, sustained; 0 switches it off',
    modes: ['embedded', 'live'],
  },
  RATE_LIMIT_MONEY_BURST: {
    meaning: 'how many money operations one API key may send at once before the per-second rate applies',
    modes: ['embedded', 'live'],
  },
  RECONCILE_INTERVAL_MS: {
    meaning: 'how often the reconciler looks for transactions due for a poll',
    modes: ['embedded', 'live'],
  },
  RECONCILE_FIRST_POLL_MS: {
    meaning: 'how long after a send the first poll comes, if no callback came first',
    modes: ['embedded', 'live'],
  },
  RECONCILE_HORIZON_MS: {
    meaning: 'after this long a transaction still not final is flagged for review',
    modes: ['embedded', 'live'],
  },
  RECONCILE_LEASE_MS: {
    meaning:
      'how long a poll one process claimed is its alone (longer than a poll takes); the polls of a process killed mid-round wait this long',
    modes: ['embedded', 'live'],
  },
  WEBHOOK_ALLOW_PRIVATE_URLS: {
    meaning:
      'deliver webhooks to loopback, link-local and private addresses too (a receiver on the same network; tests); http endpoints are taken only under NODE_ENV=test',
    modes: ['embedded', 'live'],
  },
  WEBHOOK_RETRY_HORIZON_MS: {
    meaning: 'how long a webhook event is retried after its first attempt before it goes to the dead letters',
    modes: ['embedded', 'live'],
  },
  WEBHOOK_RETRY_SCALE: {
    meaning:
      'a factor (0 to 1) on the webhook retry schedule (5 s, 5 min, 30 min, 2 h, 5 h, 10 h…); tests shrink it',
    modes: ['tests'],
  },
  WEBHOOK_TIMEOUT_MS: {
    meaning:
      "how long a webhook delivery may take (connect, headers and body) before it counts as failed; an endpoint's lease is twice this plus 1 s",
    modes: ['embedded', 'live'],
  },
  READY_UPSTREAM_MAX_AGE_MS: {
    meaning:
      '/readyz answers 503 when DT One has not answered a call for this long (a quiet gateway probes its balances once)',
    modes: ['embedded', 'live'],
  },
  METRICS_PORT: {
    meaning: 'serve /metrics (Prometheus) on this port of its own, on the same host; off when unset',
    modes: ['embedded', 'live'],
  },
  METRICS_TOKEN: {
    meaning: 'serve /metrics on the main port too, to requests bearing this token (at least 16 characters)',
    modes: ['embedded', 'live'],
    secret: true,
  },
  OTEL_SDK_DISABLED: {
    meaning: 'OpenTelemetry: `true` turns tracing off even when an OTLP endpoint is set',
    modes: ['embedded', 'live'],
  },
  OTEL_TRACES_EXPORTER: {
    meaning: 'OpenTelemetry: `otlp` (the default once an endpoint is set) or `none`',
    modes: ['embedded', 'live'],
  },
  OTEL_EXPORTER_OTLP_ENDPOINT: {
    meaning:
      'OpenTelemetry: the OTLP/HTTP collector (spans go to its `/v1/traces`); setting it turns tracing on. The exporter reads the other `OTEL_EXPORTER_OTLP_*` variables (headers, timeout) itself',
    modes: ['embedded', 'live'],
  },
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: {
    meaning: 'OpenTelemetry: the full OTLP/HTTP traces URL, instead of the endpoint above; turns tracing on',
    modes: ['embedded', 'live'],
  },
  OTEL_SERVICE_NAME: {
    meaning: 'OpenTelemetry: the `service.name` on every span',
    modes: ['embedded', 'live'],
  },
  GATEWAY_CRASH_POINT: {
    meaning: 'crash tests only: the process kills itself at this named point of a create or confirm',
    modes: ['tests'],
  },
  SANDBOX_HOST: { meaning: 'the address the built-in DT One listens on', modes: ['embedded', 'sandbox'] },
  SANDBOX_PORT: {
    meaning: 'the port of the built-in DT One (0 picks a free one)',
    modes: ['embedded', 'sandbox'],
  },
  SANDBOX_SEED: {
    meaning: "the built-in DT One's catalogue seed (same seed, same catalogue)",
    modes: ['embedded', 'sandbox'],
  },
  SANDBOX_TIME_SCALE: {
    meaning: "multiplies the built-in DT One's documented delays (0.001: seconds become milliseconds)",
    modes: ['embedded', 'sandbox'],
  },
  SANDBOX_API_KEY: {
    meaning: 'fixed credentials for `dtone-gateway sandbox` (random when unset), with SANDBOX_API_SECRET',
    modes: ['sandbox'],
  },
  SANDBOX_API_SECRET: { meaning: 'the secret of SANDBOX_API_KEY', modes: ['sandbox'], secret: true },
  CORS_ORIGINS: {
    meaning:
      'browser origins allowed to call, comma-separated; unset: any loopback origin when embedded, none when live',
    modes: ['embedded', 'live'],
  },
  INTROSPECTION: {
    meaning: 'answer __schema / __type; unset: on when embedded, off when live',
    modes: ['embedded', 'live'],
  },
  FIELD_SUGGESTIONS: {
    meaning: '"Did you mean …" in errors, to callers with a key only; unset: on when embedded, off when live',
    modes: ['embedded', 'live'],
  },
  GRAPHIQL: {
    meaning: 'serve GraphiQL to browsers (needs INTROSPECTION); unset: on when embedded, off when live',
    modes: ['embedded', 'live'],
  },
  DATA_ENCRYPTION_KEY: {
    meaning:
      'encrypts PINs at rest: 32 random bytes, base64 or hex (openssl rand -base64 32); embedded mode makes one in DATA_DIR',
    modes: ['embedded', 'live'],
    required: ['live'],
    secret: true,
  },
  DATA_ENCRYPTION_OLD_KEYS: {
    meaning: 'earlier data keys, comma-separated, used only to read what they encrypted (rotation)',
    modes: ['embedded', 'live'],
    secret: true,
  },
  SANDBOX_DATA_DIR: {
    meaning: 'where `dtone-gateway sandbox` keeps its state; in memory when unset',
    modes: ['sandbox'],
  },
};

/** The default the schema gives a variable, as text (`—` when it has none). */
export function defaultOf(name: Variable): string {
  const parsed = EnvSchema.shape[name].safeParse(undefined);
  if (!parsed.success || parsed.data === undefined) return '—';
  const value: unknown = parsed.data;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The reference table (docs/configuration.md) and `.env.example`, generated from the schema and `VARIABLES`. */
export function renderReference(): { markdown: string; envExample: string } {
  const names = Object.keys(VARIABLES) as Variable[];
  const cell = (text: string) => text.replaceAll('|', '\\|');
  const rows = names.map((name) => {
    const doc = VARIABLES[name];
    const modes = doc.modes.map((m) => (doc.required?.includes(m) ? `**${m}** (required)` : m)).join(', ');
    return `| \`${name}\` | ${cell(doc.meaning)} | ${cell(defaultOf(name) === '—' ? '—' : `\`${defaultOf(name)}\``)} | ${modes} |`;
  });
  const markdown = [
    '# Configuration',
    '',
    'Generated by `npm run config:docs` from the zod schema in `src/config.ts` and the descriptions in',
    '`src/config-reference.ts`; a test fails when they drift apart. `dtone-gateway config` prints the values in effect',
    '(secrets masked) and where each came from. Modes: **embedded** (no DT One credentials: the built-in DT One),',
    '**live** (DT One credentials set), **scaled out** (live, several instances over PostgreSQL and Redis),',
    '**sandbox** (`dtone-gateway sandbox` alone).',
    '',
    '| variable | meaning | default | modes |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
  const envExample = [
    '# dtone-gateway: every variable, with its default. Generated by `npm run config:docs` (docs/configuration.md).',
    '# Unset DTONE_API_KEY/DTONE_API_SECRET = embedded mode on the built-in DT One. Secrets are left blank.',
    '',
    ...names.flatMap((name) => {
      const doc = VARIABLES[name];
      const value = defaultOf(name);
      const needed = doc.required?.length ? ` (required: ${doc.required.join(', ')})` : '';
      return [
        `# ${doc.meaning}${needed}`,
        doc.secret || value === '—' ? `# ${name}=` : `# ${name}=${value}`,
        '',
      ];
    }),
  ].join('\n');
  return { markdown, envExample };
}

/** `dtone-gateway config`: each variable's value in effect, secrets masked, and where it came from. */
export function describeEffective(env: Record<string, string | undefined>): string[] {
  const names = Object.keys(VARIABLES) as Variable[];
  const width = Math.max(...names.map((n) => n.length));
  return names.map((name) => {
    const raw = env[name];
    const set = raw !== undefined && raw.trim() !== '';
    const shown = !set
      ? defaultOf(name)
      : VARIABLES[name].secret
        ? /URL$/.test(name)
          ? redactUrl(raw)
          : '(set, hidden)'
        : raw;
    return `${name.padEnd(width)}  ${shown}  [${set ? 'environment' : defaultOf(name) === '—' ? 'unset' : 'default'}]`;
  });
}
