const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * The stored form of an instant given by a caller (`2024-05-01T14:00:00+02:00` → `2024-05-01T12:00:00.000Z`), so
 * it compares as text with the stored timestamps. Only full ISO 8601 with a zone: a local time would be a guess.
 */
export function toStoredInstant(name: string, value: string): string {
  const ms = ISO_INSTANT.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new RangeError(
      `${name} must be an ISO 8601 instant with a zone, e.g. 2024-05-01T12:00:00Z (got ${value})`,
    );
  }
  return new Date(ms).toISOString();
}
