import type { Backend } from './backend.js';
import { toApiKeyRecord, toCount } from './rows.js';
import type { Store } from './types.js';

type ApiKeyQueries = Pick<
  Store,
  'createApiKey' | 'findApiKeyByHash' | 'listApiKeys' | 'revokeApiKey' | 'countApiKeys'
>;

export function apiKeyQueries({ db, clock }: Backend): ApiKeyQueries {
  return {
    async createApiKey(input) {
      const row = await db
        .insertInto('api_keys')
        .values({
          id: input.id,
          tenant_id: input.tenantId,
          name: input.name,
          prefix: input.prefix,
          hash: input.hash,
          scopes: JSON.stringify(input.scopes),
          created_at: clock(),
          revoked_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toApiKeyRecord(row);
    },

    async findApiKeyByHash(hash) {
      const row = await db.selectFrom('api_keys').selectAll().where('hash', '=', hash).executeTakeFirst();
      return row && toApiKeyRecord(row);
    },

    async listApiKeys(tenantId) {
      let query = db.selectFrom('api_keys').selectAll();
      if (tenantId !== undefined) query = query.where('tenant_id', '=', tenantId);
      const rows = await query.orderBy('created_at').orderBy('id').execute();
      return rows.map(toApiKeyRecord);
    },

    async revokeApiKey(id) {
      const result = await db
        .updateTable('api_keys')
        .set({ revoked_at: clock() })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async countApiKeys() {
      const { total } = await db
        .selectFrom('api_keys')
        .select((eb) => eb.fn.countAll<string | number>().as('total'))
        .where('revoked_at', 'is', null)
        .executeTakeFirstOrThrow();
      return toCount(total);
    },
  };
}
