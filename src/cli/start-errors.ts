import { ConfigError } from '../config.js';
import { redactUrl } from '../redact-url.js';
import { SandboxStateError } from '../sandbox/persistence/sqlite.js';
import { StoreUnavailableError } from '../store/errors.js';
import { UsageError } from './usage-error.js';

/** sysexits.h: what a supervisor (systemd, Kubernetes) may do about each way a start can fail. */
export const EXIT = {
  OK: 0,
  FAILURE: 1,
  USAGE: 2,
  /** A service the gateway needs is not there (database down, port taken): retrying later may work. */
  UNAVAILABLE: 69,
  /** A bug: the message and the error's name are printed, never a stack. */
  SOFTWARE: 70,
  /** The configuration is wrong: retrying changes nothing until it is fixed. */
  CONFIG: 78,
} as const;

export interface StartContext {
  host?: string;
  port?: number;
  databaseUrl?: string | undefined;
}

interface Described {
  code: number;
  lines: string[];
}

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/** PostgreSQL's answers that mean the configuration names the wrong role, password or database. */
const REFUSED_BY_POSTGRES: Record<string, string> = {
  '28000': 'the role is not allowed',
  '28P01': 'the password is wrong',
  '3D000': 'the database does not exist',
  '42501': 'the role lacks a privilege it needs',
};

/**
 * Turns whatever stopped a start into one line per problem that names the variable or resource and the fix, and
 * an exit code; a URL in it never shows its password.
 */
export function describeStartError(error: unknown, context: StartContext = {}): Described {
  if (error instanceof ConfigError) return { code: EXIT.CONFIG, lines: error.problems };
  if (error instanceof UsageError) return { code: EXIT.USAGE, lines: [error.message] };
  if (error instanceof SandboxStateError) {
    return { code: /in use/.test(error.message) ? EXIT.UNAVAILABLE : EXIT.CONFIG, lines: [error.message] };
  }
  const database = context.databaseUrl ? `DATABASE_URL (${redactUrl(context.databaseUrl)})` : undefined;
  const cause = error instanceof StoreUnavailableError ? error.cause : error;
  const pgCode = codeOf(cause);
  if (database && pgCode && REFUSED_BY_POSTGRES[pgCode]) {
    const why = (cause as Error).message;
    return {
      code: EXIT.CONFIG,
      lines: [
        `${database}: PostgreSQL refused the connection: ${REFUSED_BY_POSTGRES[pgCode]} (${why}): fix the role, password or database name in DATABASE_URL`,
      ],
    };
  }
  if (error instanceof StoreUnavailableError) {
    const why = cause instanceof Error ? cause.message || codeOf(cause) || cause.name : String(cause);
    return {
      code: EXIT.UNAVAILABLE,
      lines: [
        database
          ? `${database}: cannot reach PostgreSQL (${why}): start it, or fix the host and port in DATABASE_URL`
          : `DATA_DIR: cannot open the SQLite store (${why}): check the folder exists and is writable`,
      ],
    };
  }
  const code = codeOf(error);
  if (code === 'EADDRINUSE') {
    return {
      code: EXIT.UNAVAILABLE,
      lines: [
        `PORT: ${context.host ?? ''}:${context.port ?? ''} is already in use: stop what listens there, or set PORT (or HOST) to a free one`,
      ],
    };
  }
  if (code === 'EADDRNOTAVAIL' || code === 'EACCES') {
    return {
      code: EXIT.CONFIG,
      lines: [
        `HOST/PORT: cannot listen on ${context.host ?? ''}:${context.port ?? ''} (${code}): use an address of this machine and a port above 1023`,
      ],
    };
  }
  if (code === 'EROFS' || code === 'ENOSPC') {
    return {
      code: EXIT.UNAVAILABLE,
      lines: [`DATA_DIR: ${(error as Error).message}: check the folder and the disk`],
    };
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { code: EXIT.SOFTWARE, lines: [`could not start: ${redactUrl(message.split('\n')[0] ?? message)}`] };
}
