import { randomUUID } from 'node:crypto';
import { type Backend, checkDelay } from './backend.js';
import { toCount } from './rows.js';
import { checkPage } from './transaction-filter.js';
import type { WebhookOutcome, WebhookStore } from './webhook-types.js';

/** What the delivery worker writes as it sends: each event's outcome under the lease, and the admin listings. */
export function webhookDeliveryQueries({
  db,
  clock,
  rowLocks,
  writeTransaction,
}: Backend): Pick<
  WebhookStore,
  'pendingReplays' | 'settleEvent' | 'releaseEndpoint' | 'listAttempts' | 'listDeadLetters' | 'countBacklog'
> {
  return {
    async pendingReplays(endpointId, limit) {
      const rows = await db
        .selectFrom('webhook_replays')
        .select('seq')
        .where('endpoint_id', '=', endpointId)
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map((r) => BigInt(String(r.seq)));
    },

    settleEvent(claim, seq, replay, outcome, leaseMs) {
      const leaseUntil = clock(checkDelay('leaseMs', leaseMs));
      return writeTransaction(async (trx) => {
        const held = trx
          .selectFrom('webhook_endpoints')
          .select(['attempts'])
          .where('id', '=', claim.endpoint.id)
          .where('lease_token', '=', claim.leaseToken)
          .where('lease_until', '>', clock());
        const current = await (rowLocks ? held.forUpdate() : held).executeTakeFirst();
        if (!current) return false;
        const endpointId = claim.endpoint.id;
        if (outcome.kind !== 'skipped') {
          await trx
            .insertInto('webhook_attempts')
            .values({
              id: randomUUID(),
              endpoint_id: endpointId,
              seq: String(seq),
              status_code: 'statusCode' in outcome ? outcome.statusCode : null,
              error: 'error' in outcome ? outcome.error : null,
              outcome: outcome.kind,
              at: clock(),
            })
            .execute();
        }
        if (outcome.kind === 'dead') {
          await trx
            .insertInto('webhook_dead_letters')
            .values({
              endpoint_id: endpointId,
              seq: String(seq),
              attempts: current.attempts + 1,
              last_error: outcome.error ?? `HTTP ${outcome.statusCode}`,
              at: clock(),
            })
            .onConflict((oc) =>
              oc.columns(['endpoint_id', 'seq']).doUpdateSet((eb) => ({
                attempts: eb.ref('excluded.attempts'),
                last_error: eb.ref('excluded.last_error'),
                at: eb.ref('excluded.at'),
              })),
            )
            .execute();
        }
        const update = trx.updateTable('webhook_endpoints').where('id', '=', endpointId);
        if (outcome.kind === 'retry' || outcome.kind === 'disabled') {
          // The head stays this event: nothing after it goes out before it is done (order per endpoint).
          await update
            .set((eb) => ({
              head_seq: String(seq),
              head_replay: replay ? 1 : 0,
              attempts: eb('attempts', '+', 1),
              first_attempt_at: eb.fn.coalesce('first_attempt_at', clock()),
              next_attempt_at:
                outcome.kind === 'retry' ? clock(checkDelay('delayMs', outcome.delayMs)) : clock(),
              lease_until: null,
              lease_token: null,
              updated_at: clock(),
              ...(outcome.kind === 'disabled' && { enabled: 0, disabled_reason: outcome.reason }),
            }))
            .execute();
          return true;
        }
        // Done with this event: the next one becomes the head.
        if (replay) {
          await trx
            .deleteFrom('webhook_replays')
            .where('endpoint_id', '=', endpointId)
            .where('seq', '=', String(seq))
            .execute();
        }
        await update
          .set({
            ...(!replay && { cursor_seq: String(seq) }),
            head_seq: null,
            head_replay: 0,
            attempts: 0,
            first_attempt_at: null,
            lease_until: leaseUntil,
            updated_at: clock(),
          })
          .execute();
        return true;
      });
    },

    async releaseEndpoint(claim) {
      await db
        .updateTable('webhook_endpoints')
        .set({ lease_until: null, lease_token: null })
        .where('id', '=', claim.endpoint.id)
        .where('lease_token', '=', claim.leaseToken)
        .execute();
    },

    async listAttempts(endpointId, limit) {
      const rows = await db
        .selectFrom('webhook_attempts')
        .selectAll()
        .where('endpoint_id', '=', endpointId)
        .orderBy('at', 'desc')
        .orderBy('seq', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        endpointId: r.endpoint_id,
        seq: BigInt(String(r.seq)),
        statusCode: r.status_code,
        error: r.error,
        outcome: r.outcome as WebhookOutcome['kind'] as Exclude<WebhookOutcome['kind'], 'skipped'>,
        at: r.at,
      }));
    },

    async listDeadLetters(endpointId, page) {
      checkPage(page);
      const matching = db.selectFrom('webhook_dead_letters').where('endpoint_id', '=', endpointId);
      const [rows, count] = await Promise.all([
        matching.selectAll().orderBy('seq').offset(page.offset).limit(page.limit).execute(),
        matching.select((eb) => eb.fn.countAll<string | number>().as('total')).executeTakeFirstOrThrow(),
      ]);
      const items = rows.map((r) => ({
        endpointId: r.endpoint_id,
        seq: BigInt(String(r.seq)),
        attempts: r.attempts,
        lastError: r.last_error,
        at: r.at,
      }));
      return { items, total: toCount(count.total) };
    },

    async countBacklog() {
      const ahead = await db
        .selectFrom('webhook_endpoints as w')
        .innerJoin('transaction_event_counters as c', 'c.tenant_id', 'w.tenant_id')
        .select((eb) => eb.fn.sum<string | number>(eb('c.last_seq', '-', eb.ref('w.cursor_seq'))).as('n'))
        .where('w.enabled', '=', 1)
        .executeTakeFirst();
      const replays = await db
        .selectFrom('webhook_replays as r')
        .innerJoin('webhook_endpoints as w', 'w.id', 'r.endpoint_id')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('w.enabled', '=', 1)
        .executeTakeFirst();
      return toCount(ahead?.n ?? 0) + toCount(replays?.n ?? 0);
    },
  };
}
