import { sql } from 'kysely';
import type { Backend } from './backend.js';
import type { Store } from './types.js';

type UpstreamQueries = Pick<Store, 'listPinsToSeal' | 'replaceUpstream'>;

/** `%` and `_` are LIKE wildcards (a base64url key id may hold `_`); `\` escapes them. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export function upstreamQueries({ db }: Backend): UpstreamQueries {
  return {
    async listPinsToSeal(keyId, afterId, limit) {
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > 1_000) {
        throw new RangeError(`limit must be a whole number from 1 to 1000 (got ${limit})`);
      }
      // A coarse filter on the stored text (JSON.stringify's layout); the caller decides on the parsed object.
      const rows = await db
        .selectFrom('transactions')
        .select(['id', 'upstream'])
        .where('id', '>', afterId)
        .where((eb) =>
          eb.or([
            eb('upstream', 'like', '%"pin":{"code":"%'),
            eb('upstream', 'like', '%"pin":{%"serial":"%'),
          ]),
        )
        .where(sql<boolean>`upstream not like ${`%enc:v1:${likeLiteral(keyId)}:%`} escape '\\'`)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({ id: row.id, upstream: row.upstream ?? '' }));
    },

    async replaceUpstream(id, expected, next) {
      const result = await db
        .updateTable('transactions')
        .set({ upstream: next })
        .where('id', '=', id)
        .where('upstream', '=', expected)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
