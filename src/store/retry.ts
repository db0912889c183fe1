/** PostgreSQL asks the client to re-run the whole transaction on these: serialization_failure, deadlock_detected. */
const RETRYABLE = new Set(['40001', '40P01']);
export const MAX_CONFLICT_RETRIES = 3;

export function isConflict(error: unknown): boolean {
  return error instanceof Error && 'code' in error && RETRYABLE.has(String(error.code));
}

export async function retryOnConflict<T>(run: () => Promise<T>): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await run();
    } catch (error) {
      if (retry >= MAX_CONFLICT_RETRIES || !isConflict(error)) throw error;
    }
  }
}
