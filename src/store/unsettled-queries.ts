import type { Backend } from './backend.js';
import type { Store } from './types.js';

/** How many transactions the reconciler still watches (a poll is scheduled), by age: for the operator's gauge. */
export function unsettledQueries({ db }: Backend): Pick<Store, 'countUnsettledByAge'> {
  return {
    async countUnsettledByAge(nowIso, agesMs) {
      const now = Date.parse(nowIso);
      // Stored instants are ISO 8601 UTC text with milliseconds, so older-than is a text comparison.
      const bounds = agesMs.map((ms) => new Date(now - ms).toISOString());
      const row = await db
        .selectFrom('transactions')
        .where('next_poll_at', 'is not', null)
        .select((eb) => [
          eb.fn.countAll<number | string | bigint>().as('total'),
          ...bounds.map((bound, i) =>
            eb.fn
              .sum<number | string | bigint | null>(
                eb.case().when('created_at', '<=', bound).then(1).else(0).end(),
              )
              .as(`older${i}`),
          ),
        ])
        .executeTakeFirstOrThrow();
      const counts = row as Record<string, number | string | bigint | null>;
      return {
        total: Number(counts.total ?? 0),
        olderThan: bounds.map((_, i) => Number(counts[`older${i}`] ?? 0)),
      };
    },
  };
}
