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
  | 'pendingReplays'
  | 'settleEvent'
  | 'settleEvents'
  | 'releaseEndpoint'
  | 'listAttempts'
  | 'listDeadLetters'
  | 'countBacklog'
> {
  const settleEvents: WebhookStore['settleEvents'] = (claim, settled, leaseMs, release = false) => {
    const leaseUntil = clock(checkDelay('leaseMs', leaseMs));
    const last = settled.at(-1);
    const ends = last !== undefined && (last.outcome.kind === 'retry' || last.outcome.kind === 'disabled');
    if (settled.slice(0, -1).some((s) => s.outcome.kind === 'retry' || s.outcome.kind === 'disabled')) {
      throw new RangeError('a retry or a disable ends a turn: it can only be the last event settled');
    }
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
      const attempted = settled.filter((s) => s.outcome.kind !== 'skipped');
      if (attempted.length > 0) {
        await trx
          .insertInto('webhook_attempts')
          .values(
            attempted.map(({ seq, outcome }) => ({
              id: randomUUID(),
              endpoint_id: endpointId,
              seq: String(seq),
              status_code: 'statusCode' in outcome ? outcome.statusCode : null,
              error: 'error' in outcome ? outcome.error : null,
              outcome: outcome.kind,
              at: clock(),
            })),
          )
          .execute();
      }
      // Only the first event can be a head that failed before; each one after it starts from no attempts.
      const dead = settled.flatMap(({ seq, outcome }, i) =>
        outcome.kind === 'dead'
          ? [
              {
                endpoint_id: endpointId,
                seq: String(seq),
                attempts: (i === 0 ? current.attempts : 0) + 1,
                last_error: outcome.error ?? `HTTP ${outcome.statusCode}`,
                at: clock(),
              },
            ]
          : [],
      );
      if (dead.length > 0) {
        await trx
          .insertInto('webhook_dead_letters')
          .values(dead)
          .onConflict((oc) =>
            oc.columns(['endpoint_id', 'seq']).doUpdateSet((eb) => ({
              attempts: eb.ref('excluded.attempts'),
              last_error: eb.ref('excluded.last_error'),
              at: eb.ref('excluded.at'),
            })),
          )
          .execute();
      }
      // Done with: every event but a last one that ends the turn.
      const done = ends ? settled.slice(0, -1) : settled;
      const replayed = done.filter((s) => s.replay).map((s) => String(s.seq));
      if (replayed.length > 0) {
        await trx
          .deleteFrom('webhook_replays')
          .where('endpoint_id', '=', endpointId)
          .where('seq', 'in', replayed)
          .execute();
      }
      const cursor = done.filter((s) => !s.replay).at(-1);
      const update = trx
        .updateTable('webhook_endpoints')
        .where('id', '=', endpointId)
        .set({ updated_at: clock(), ...(cursor && { cursor_seq: String(cursor.seq) }) });
      if (ends) {
        const { outcome } = last;
        // The head stays this event: nothing after it goes out before it is done (order per endpoint).
        await update
          .set((eb) => ({
            head_seq: String(last.seq),
            head_replay: last.replay ? 1 : 0,
            // A head that failed before keeps counting; one the batch reached fails for the first time.
            ...(done.length === 0
              ? {
                  attempts: eb('attempts', '+', 1),
                  first_attempt_at: eb.fn.coalesce('first_attempt_at', clock()),
                }
              : { attempts: 1, first_attempt_at: clock() }),
            next_attempt_at:
              outcome.kind === 'retry' ? clock(checkDelay('delayMs', outcome.delayMs)) : clock(),
            lease_until: null,
            lease_token: null,
            ...(outcome.kind === 'disabled' && { enabled: 0, disabled_reason: outcome.reason }),
          }))
          .execute();
        return true;
      }
      await update
        .set({
          // Done with the head: the next event becomes it.
          ...(done.length > 0 && { head_seq: null, head_replay: 0, attempts: 0, first_attempt_at: null }),
          ...(release ? { lease_until: null, lease_token: null } : { lease_until: leaseUntil }),
        })
        .execute();
      return true;
    });
  };

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

    settleEvent: (claim, seq, replay, outcome, leaseMs) =>
      settleEvents(claim, [{ seq, replay, outcome }], leaseMs),
    settleEvents,

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
