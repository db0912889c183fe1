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
  'apiKey',
  '*.apiKey',
  'apiSecret',
  '*.apiSecret',
  'token',
  '*.token',
  'pin',
  '*.pin',
  'mobileNumber',
  '*.mobileNumber',
  'accountNumber',
  '*.accountNumber',
  'url',
  '*.url',
];

/** JSON lines on stdout at `level` (LOG_LEVEL); `silent` writes nothing. */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'dtone-gateway' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? process.stdout,
  );
}
