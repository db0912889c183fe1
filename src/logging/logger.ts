import { createRequire } from 'node:module';
import { type Logger, pino } from 'pino';

export type { Logger };

/**
 * Paths pino censors wherever they appear in a log line. The gateway also chooses what it logs (ids, codes, counts,
 * never bodies); this is the second line of defence for a field logged by mistake.
 */
export const REDACTED_PATHS = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  '*.*.authorization',
  'apiKey',
  '*.apiKey',
  'apiSecret',
  '*.apiSecret',
  'token',
  '*.token',
  'callbackUrl',
  '*.callbackUrl',
  'pin',
  '*.pin',
  'mobileNumber',
  '*.mobileNumber',
  '*.*.mobileNumber',
  'accountNumber',
  '*.accountNumber',
  'url',
  '*.url',
];

/** Phone numbers keep their last 3 digits (enough to tell two apart in an incident); the rest is censored whole. */
function censor(value: unknown, path: string[]): string {
  return path.at(-1) === 'mobileNumber' && typeof value === 'string' && value.length > 3
    ? `***${value.slice(-3)}`
    : '[redacted]';
}

/**
 * pino-pretty, a dev dependency: development mode reads better in colour, one line per event. Absent (a production
 * install), lines stay JSON.
 */
function prettyStream(): NodeJS.WritableStream | undefined {
  try {
    const pretty = createRequire(import.meta.url)('pino-pretty') as (
      options: object,
    ) => NodeJS.WritableStream;
    return pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'service' });
  } catch {
    return undefined;
  }
}

/** JSON lines on stdout at `level` (LOG_LEVEL); `silent` writes nothing; `pretty` for a person at a terminal. */
export function createLogger(
  level: string,
  destination?: NodeJS.WritableStream,
  { pretty = false }: { pretty?: boolean } = {},
): Logger {
  return pino(
    {
      level,
      base: { service: 'dtone-gateway' },
      redact: { paths: REDACTED_PATHS, censor },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? (pretty ? prettyStream() : undefined) ?? process.stdout,
  );
}
