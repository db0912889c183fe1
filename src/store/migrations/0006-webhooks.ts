import type { Kysely, Migration } from 'kysely';

/**
 * Outbound webhooks per tenant (issue 16, part 2).
 * - `webhook_endpoints`: where a tenant's events go, its secret (sealed with the data key ring, like PINs), its filter
 *   by status class, and the delivery state. `cursor_seq` is the last event of the tenant's log this endpoint is done
 *   with (delivered, dead-lettered or filtered out); a new endpoint starts at the tenant's latest event. `head_seq`
 *   is the event being retried (events go out in order: nothing after it is sent until it is done). `lease_until`
 *   and `lease_token` make one instance at a time the endpoint's deliverer, as `claimDuePolls` does for polls.
 * - `webhook_replays`: events an operator asked to send again (at or before the cursor), delivered before new ones.
 * - `webhook_attempts`: each attempt (HTTP status or error, time), for the admin listing.
 * - `webhook_dead_letters`: events given up on after the retry horizon.
 */
export function webhooks(dialect: 'sqlite' | 'postgres'): Migration {
  const integer = dialect === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('webhook_endpoints')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('event_classes', 'text')
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('disabled_reason', 'text')
        .addColumn('cursor_seq', integer, (c) => c.notNull())
        .addColumn('head_seq', integer)
        .addColumn('head_replay', 'integer', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('first_attempt_at', 'text')
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('lease_until', 'text')
        .addColumn('lease_token', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('webhook_endpoints_tenant_idx')
        .on('webhook_endpoints')
        .columns(['tenant_id'])
        .execute();
      await db.schema
        .createTable('webhook_replays')
        .addColumn('endpoint_id', 'text', (c) => c.notNull())
        .addColumn('seq', integer, (c) => c.notNull())
        .addPrimaryKeyConstraint('webhook_replays_pk', ['endpoint_id', 'seq'])
        .execute();
      await db.schema
        .createTable('webhook_attempts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('endpoint_id', 'text', (c) => c.notNull())
        .addColumn('seq', integer, (c) => c.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('error', 'text')
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('webhook_attempts_endpoint_idx')
        .on('webhook_attempts')
        .columns(['endpoint_id', 'at'])
        .execute();
      await db.schema
        .createTable('webhook_dead_letters')
        .addColumn('endpoint_id', 'text', (c) => c.notNull())
        .addColumn('seq', integer, (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('webhook_dead_letters_pk', ['endpoint_id', 'seq'])
        .execute();
    },
  };
}
