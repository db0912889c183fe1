import type { Kysely, Migration } from 'kysely';

/**
 * Secret rotation with an overlap (issue 16): `previous_secret` is the secret a rotation replaced (sealed like the
 * current one, context `webhook/<id>/secret`) and `secret_rotated_at` when, so deliveries for a while after carry a
 * signature with each and a receiver still verifying with the old secret accepts them. Endpoints never rotated keep
 * both null.
 */
export function webhookSecretOverlap(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('webhook_endpoints').addColumn('previous_secret', 'text').execute();
      await db.schema.alterTable('webhook_endpoints').addColumn('secret_rotated_at', 'text').execute();
    },
  };
}
