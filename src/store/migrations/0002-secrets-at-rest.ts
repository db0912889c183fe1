import { type Kysely, type Migration, sql } from 'kysely';

const BATCH = 500;

/**
 * Secrets at rest (issue 12):
 * - removes `callback_url` from every stored DT One transaction object: it carries the callback token, of which only
 *   a hash is meant to be kept (new rows never hold it, see `transactions/upstream-at-rest.ts`);
 * - adds `pin_reads`, the audit of every PIN shown to a client (who: tenant and API key; when; which transaction).
 *   It has no foreign key: an audit row outlives whatever it names.
 *
 * PINs stored in clear before this migration are sealed at start-up by the gateway, which holds the key.
 */
export function secretsAtRest(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // Stored objects hold no float (non-integer amounts are decimal strings), so JSON round-trips them exactly.
      for (let after = ''; ; ) {
        const { rows } = await sql<{ id: string; upstream: string }>`
          select id, upstream from transactions
          where id > ${after} and upstream like ${'%"callback_url"%'}
          order by id limit ${BATCH}`.execute(db);
        for (const row of rows) {
          const upstream = JSON.parse(row.upstream) as Record<string, unknown>;
          if (!('callback_url' in upstream)) continue;
          delete upstream.callback_url;
          await sql`update transactions set upstream = ${JSON.stringify(upstream)} where id = ${row.id}`.execute(
            db,
          );
        }
        if (rows.length < BATCH) break;
        after = rows.at(-1)!.id;
      }

      await db.schema
        .createTable('pin_reads')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('transaction_id', 'text', (c) => c.notNull())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('api_key_id', 'text')
        .addColumn('read_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('pin_reads_read_at_idx')
        .on('pin_reads')
        .columns(['read_at', 'id'])
        .execute();
      await db.schema
        .createIndex('pin_reads_transaction_idx')
        .on('pin_reads')
        .columns(['transaction_id', 'read_at'])
        .execute();
    },
  };
}
