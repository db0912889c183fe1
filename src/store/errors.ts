/**
 * The database could not be reached or did not answer in time (connection refused or lost, pool exhausted,
 * statement timeout, SQLite busy). Money mutations fail closed on it: nothing was sent upstream (RELIABILITY D4).
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  readonly code = 'STORE_UNAVAILABLE';
  constructor(cause: unknown) {
    super('The gateway store is unavailable', { cause });
  }
}
