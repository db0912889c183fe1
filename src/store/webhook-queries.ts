import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { type Backend, checkDelay } from './backend.js';
import { prepared } from './prepared.js';
import type { Database } from './schema.js';
import { webhookDeliveryQueries } from './webhook-delivery-queries.js';
import type { WebhookEndpointsTable } from './webhook-schema.js';
import type { WebhookClaim, WebhookEndpointRecord, WebhookStore } from './webhook-types.js';

export const MAX_WEBHOOK_CLAIM = 100;

/** Enabled endpoints with an event to send, next attempt due and lease free (or expired), oldest due first. */
const due = (q: Kysely<Database>, clock: Backend['clock']) =>
  q
    .selectFrom('webhook_endpoints as w')
    .select('w.id')
    .where('w.enabled', '=', 1)
    .where('w.next_attempt_at', '<=', clock())
    .where((eb) => eb.or([eb('w.lease_until', 'is', null), eb('w.lease_until', '<=', clock())]))
    .where((eb) =>
      eb.or([
        eb('w.head_seq', 'is not', null),
        eb.exists(
          eb.selectFrom('webhook_replays as r').select('r.seq').whereRef('r.endpoint_id', '=', 'w.id'),
        ),
        eb.exists(
          eb
            .selectFrom('transaction_events as e')
            .select('e.seq')
            .whereRef('e.tenant_id', '=', 'w.tenant_id')
            .whereRef('e.seq', '>', 'w.cursor_seq'),
        ),
      ]),
    )
    .orderBy('w.next_attempt_at')
    .orderBy('w.id');

/** Whether any endpoint is due: every worker round asks it first (several times a second, and after every change). */
const anyDue = prepared<Record<string, never>, { id: string }>((db, _p, { clock }) =>
  due(db, clock).limit(1),
);

/** Webhook endpoints and their delivery state; the worker in `src/webhooks/` drives them. */
export function webhookQueries(backend: Backend): WebhookStore {
  const { db, clock, rowLocks, writeTransaction } = backend;
  const dueIds = (q: Kysely<Database>, limit: number) => due(q, clock).limit(limit);
  const byId = (id: string) => db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id);
  return {
    async createEndpoint(input) {
      const row = await db
        .insertInto('webhook_endpoints')
        .values((eb) => ({
          id: input.id,
          tenant_id: input.tenantId,
          url: input.url,
          secret: input.sealedSecret,
          event_classes: input.eventClasses && JSON.stringify(input.eventClasses),
          enabled: 1,
          // Starts after the tenant's latest event: an endpoint is told of what happens from now on.
          cursor_seq: eb.fn.coalesce(
            eb
              .selectFrom('transaction_event_counters')
              .select('last_seq')
              .where('tenant_id', '=', input.tenantId),
            eb.val(0),
          ),
          head_replay: 0,
          attempts: 0,
          next_attempt_at: clock(),
          created_at: clock(),
          updated_at: clock(),
        }))
        .returningAll()
        .executeTakeFirstOrThrow();
      return toEndpoint(row);
    },

    async getEndpoint(id) {
      const row = await byId(id).executeTakeFirst();
      return row && toEndpoint(row);
    },

    async listEndpoints(tenantId) {
      let query = db.selectFrom('webhook_endpoints').selectAll().orderBy('created_at').orderBy('id');
      if (tenantId !== undefined) query = query.where('tenant_id', '=', tenantId);
      return (await query.execute()).map(toEndpoint);
    },

    async setEndpointEnabled(id, enabled, reason) {
      const row = await db
        .updateTable('webhook_endpoints')
        .set(
          enabled
            ? // The head event starts its retries over: a person fixed the receiver.
              {
                enabled: 1,
                disabled_reason: null,
                attempts: 0,
                first_attempt_at: null,
                next_attempt_at: clock(),
              }
            : { enabled: 0, disabled_reason: reason ?? 'disabled by an operator' },
        )
        .set({ updated_at: clock() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row && toEndpoint(row);
    },

    async replaceEndpointSecret(id, sealedSecret) {
      const row = await db
        .updateTable('webhook_endpoints')
        .set((eb) => ({
          // The right-hand `secret` is the row's value before this update (SQL reads the old row).
          previous_secret: eb.ref('secret'),
          secret: sealedSecret,
          secret_rotated_at: clock(),
          updated_at: clock(),
        }))
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row && toEndpoint(row);
    },

    requestReplay(id, fromSeq, toSeq) {
      return writeTransaction(async (trx) => {
        const endpoint = await trx
          .selectFrom('webhook_endpoints')
          .select(['tenant_id', 'cursor_seq'])
          .where('id', '=', id)
          .executeTakeFirst();
        if (!endpoint) return undefined;
        const last = BigInt(String(endpoint.cursor_seq));
        const to = toSeq < last ? toSeq : last;
        if (fromSeq > to) return 0;
        const result = await trx
          .insertInto('webhook_replays')
          .columns(['endpoint_id', 'seq'])
          .expression((eb) =>
            eb
              .selectFrom('transaction_events')
              .select([eb.val(id).as('endpoint_id'), 'seq'])
              .where('tenant_id', '=', endpoint.tenant_id)
              .where('seq', '>=', String(fromSeq))
              .where('seq', '<=', String(to)),
          )
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        await trx
          .updateTable('webhook_endpoints')
          .set({ updated_at: clock() })
          .where('id', '=', id)
          .execute();
        return Number(result.numInsertedOrUpdatedRows ?? 0n);
      });
    },

    async claimDueEndpoints(limit, leaseMs) {
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_WEBHOOK_CLAIM) {
        throw new RangeError(`limit must be a whole number from 1 to ${MAX_WEBHOOK_CLAIM} (got ${limit})`);
      }
      const leaseUntil = clock(checkDelay('leaseMs', leaseMs));
      // A plain read first: an idle gateway asks several times a second, and SQLite's write transaction locks the
      // whole database.
      if ((await anyDue(db, backend, {})).length === 0) return [];
      return writeTransaction(async (trx) => {
        const due = dueIds(trx, limit);
        // SKIP LOCKED: an endpoint another instance is claiming right now is its, not a reason to wait.
        const ids = (await (rowLocks ? due.forUpdate().skipLocked() : due).execute()).map((r) => r.id);
        const claims: WebhookClaim[] = [];
        for (const id of ids) {
          const leaseToken = randomUUID();
          const row = await trx
            .updateTable('webhook_endpoints')
            .set({ lease_until: leaseUntil, lease_token: leaseToken })
            .where('id', '=', id)
            .returningAll()
            .executeTakeFirstOrThrow();
          claims.push({ endpoint: toEndpoint(row), leaseToken });
        }
        return claims;
      });
    },
    ...webhookDeliveryQueries(backend),
  };
}

export function toEndpoint(row: Selectable<WebhookEndpointsTable>): WebhookEndpointRecord {
  const classes: unknown = row.event_classes === null ? null : JSON.parse(row.event_classes);
  return {
    id: row.id,
    tenantId: row.tenant_id,
    url: row.url,
    sealedSecret: row.secret,
    previousSealedSecret: row.previous_secret,
    secretRotatedAt: row.secret_rotated_at,
    eventClasses: Array.isArray(classes) ? classes.map(String) : null,
    enabled: row.enabled === 1,
    disabledReason: row.disabled_reason,
    cursorSeq: BigInt(String(row.cursor_seq)),
    headSeq: row.head_seq === null ? null : BigInt(String(row.head_seq)),
    headReplay: row.head_replay === 1,
    attempts: row.attempts,
    firstAttemptAt: row.first_attempt_at,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
  };
}

type Guard = <A extends unknown[], R>(method: (...args: A) => Promise<R>) => (...args: A) => Promise<R>;

/** Each method through the store's `guard` (a lost database becomes `StoreUnavailableError`). */
export function guardAll(methods: WebhookStore, guard: Guard): WebhookStore {
  const guarded: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(methods)) {
    guarded[name] = guard(method as (...args: unknown[]) => Promise<unknown>);
  }
  return guarded as unknown as WebhookStore;
}
