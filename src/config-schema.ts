import { z } from 'zod';
import { optionalBool, parseDataKey, parseOrigins } from './config-security.js';
import { CRASH_POINTS } from './transactions/crash-points.js';

/** Every environment variable the gateway reads, with its default and the check a bad value fails. */
const DEFAULT_DVS_URL = 'https://preprod-dvs-api.dtone.com/v1';
const DEFAULT_GS_URL = 'https://gs-api.dtone.com/v1.1';

const optionalText = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .transform((s) => (s === '' ? undefined : s));

const port = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a port number (0-65535)' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65_535, 'must be between 0 and 65535')
    .default(fallback);

const positiveInt = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .positive('must be > 0')
    .default(fallback);

const rate = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .min(0, 'must be >= 0 (0 switches the limit off)')
    .default(fallback);

const url = (fallback: string) =>
  z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://host/v1' })
    .transform((u) => u.replace(/\/+$/, ''))
    .default(fallback);

export const EnvSchema = z.object({
  NODE_ENV: z.enum(['production', 'development', 'test']).default('production'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  DTONE_API_KEY: optionalText,
  DTONE_API_SECRET: optionalText,
  DTONE_BASE_URL: url(DEFAULT_DVS_URL),
  DTONE_GS_API_KEY: optionalText,
  DTONE_GS_API_SECRET: optionalText,
  DTONE_GS_BASE_URL: url(DEFAULT_GS_URL),
  DTONE_TIMEOUT_MS: positiveInt(15_000),
  DTONE_CONNECTIONS: positiveInt(32),

  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379' })
    .optional(),

  PUBLIC_URL: z
    .url({
      protocol: /^https?$/,
      error: 'must be the http(s) URL DT One reaches this gateway at, e.g. https://gw.example.com',
    })
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  PUBLIC_URL_ALLOW_HTTP: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true'),
  CALLBACK_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters (e.g. openssl rand -base64 48)')
    .optional(),

  DATABASE_URL: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .url({
        protocol: /^postgres(ql)?$/,
        error:
          'must be a postgres:// URL, e.g. postgres://gateway:secret@127.0.0.1:5432/gateway (unset it to use SQLite)',
      })
      .optional(),
  ),
  DATA_DIR: z.string().trim().min(1, 'must be a folder path, e.g. ./data').default('./data'),

  CALLBACK_USERNAME: optionalText,
  CALLBACK_PASSWORD: optionalText,
  SHUTDOWN_TIMEOUT_MS: positiveInt(25_000),

  PERSISTED_OPERATIONS: optionalText,
  ARBITRARY_OPERATIONS: z.enum(['allow', 'deny'], { error: 'must be allow or deny' }).default('allow'),
  APQ: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('true')
    .transform((v) => v === 'true'),
  RESPONSE_CACHE: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('true')
    .transform((v) => v === 'true'),
  RESPONSE_CACHE_MAX_MB: positiveInt(64),
  WS_MAX_MESSAGE_BYTES: positiveInt(64 * 1024),
  WS_MAX_SUBSCRIPTIONS_PER_SOCKET: positiveInt(100),
  WS_MAX_SOCKETS_PER_KEY: positiveInt(50),
  WS_MAX_BUFFERED_BYTES: positiveInt(1024 * 1024),
  RATE_LIMIT_QUERIES_PER_SECOND: rate(50),
  RATE_LIMIT_QUERIES_BURST: positiveInt(200),
  RATE_LIMIT_MONEY_PER_SECOND: rate(5),
  RATE_LIMIT_MONEY_BURST: positiveInt(50),
  RECONCILE_INTERVAL_MS: positiveInt(1_000),
  RECONCILE_FIRST_POLL_MS: positiveInt(120_000),
  RECONCILE_HORIZON_MS: positiveInt(72 * 60 * 60_000),
  RECONCILE_LEASE_MS: positiveInt(60_000),
  READY_UPSTREAM_MAX_AGE_MS: positiveInt(60_000),
  WEBHOOK_ALLOW_PRIVATE_URLS: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true'),
  WEBHOOK_RETRY_HORIZON_MS: positiveInt(3 * 24 * 60 * 60_000),
  WEBHOOK_RETRY_SCALE: z.coerce
    .number({ error: 'must be a number' })
    .positive('must be > 0')
    .max(1)
    .default(1),
  WEBHOOK_TIMEOUT_MS: positiveInt(15_000),
  METRICS_PORT: z.coerce
    .number({ error: 'must be a port number (1-65535)' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 65535')
    .max(65_535, 'must be between 1 and 65535')
    .optional(),
  METRICS_TOKEN: optionalText.refine(
    (t) => t === undefined || t.length >= 16,
    'must be at least 16 characters',
  ),
  OTEL_SDK_DISABLED: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .transform((v) => v === 'true')
    .optional(),
  OTEL_TRACES_EXPORTER: z.enum(['otlp', 'none'], { error: 'must be otlp or none' }).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalText.refine(
    (t) => t === undefined || URL.canParse(t),
    'must be a URL (e.g. http://collector:4318)',
  ),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalText.refine(
    (t) => t === undefined || URL.canParse(t),
    'must be a URL (e.g. http://collector:4318/v1/traces)',
  ),
  OTEL_SERVICE_NAME: z.string().min(1).default('dtone-gateway'),
  /** Crash-point tests only: the process kills itself at this point of a create. */
  GATEWAY_CRASH_POINT: z.enum(CRASH_POINTS).optional(),

  SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  SANDBOX_PORT: port(0),
  SANDBOX_SEED: positiveInt(1),
  SANDBOX_TIME_SCALE: z.coerce.number({ error: 'must be a number' }).positive('must be > 0').default(1),
  SANDBOX_API_KEY: optionalText,
  SANDBOX_DATA_DIR: optionalText,
  SANDBOX_API_SECRET: optionalText,

  // HTTP exposure and secrets at rest. Unset booleans follow the mode: on when embedded, off when live.
  CORS_ORIGINS: z
    .string()
    .optional()
    .transform((list, ctx) => parseOrigins(list, ctx)),
  INTROSPECTION: optionalBool,
  FIELD_SUGGESTIONS: optionalBool,
  GRAPHIQL: optionalBool,
  DATA_ENCRYPTION_KEY: z
    .string()
    .optional()
    .transform((key, ctx) => (key?.trim() ? parseDataKey(key, ctx) : undefined)),
  DATA_ENCRYPTION_OLD_KEYS: z
    .string()
    .optional()
    .transform((list, ctx) =>
      (list ?? '')
        .split(',')
        .filter((key) => key.trim() !== '')
        .map((key) => parseDataKey(key, ctx)),
    ),
});
