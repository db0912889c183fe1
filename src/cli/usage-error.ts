/** The command line was wrong: the message says what to type instead; the process exits with 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** What a command prints: results on `out` (stdout, for pipes), guidance and errors on `err` (stderr). */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}
