import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { type ContractContext, newIntent } from './fixture.js';

const LEASE = 60_000;

async function endpoint(store: Store, tenantId = 'acme', eventClasses: string[] | null = null) {
  return store.webhooks.createEndpoint({
    id: `wh-${Math.random().toString(36).slice(2)}`,
    tenantId,
    url: 'https://receiver.example/hook',
    sealedSecret: 'enc:v1:test:sealed',
    eventClasses,
  });
}

export function describeWebhookContract(ctx: () => ContractContext): void {
  describe('webhook endpoints', () => {
    it("starts a new endpoint after the tenant's latest event and claims it once an event follows", async () => {
      const { store } = ctx();
      await store.insertIntent(newIntent());
      await store.insertIntent(newIntent({ tenantId: 'other' }));
      const created = await endpoint(store);
      expect(created.cursorSeq).toBe(1n);
      expect(created.enabled).toBe(true);
      expect(await store.webhooks.claimDueEndpoints(10, LEASE)).toEqual([]);
      await store.insertIntent(newIntent());
      const [claim, ...rest] = await store.webhooks.claimDueEndpoints(10, LEASE);
      expect(rest).toEqual([]);
      expect(claim?.endpoint.id).toBe(created.id);
      // Leased: not claimable again until it is given back.
      expect(await store.webhooks.claimDueEndpoints(10, LEASE)).toEqual([]);
      await store.webhooks.releaseEndpoint(claim!);
      expect(await store.webhooks.claimDueEndpoints(10, LEASE)).toHaveLength(1);
    });

    it('never hands one endpoint to two instances claiming at the same time', async () => {
      const { store } = ctx();
      const other = await ctx().another();
      const ids = [];
      for (let i = 0; i < 8; i++) ids.push((await endpoint(store)).id);
      await store.insertIntent(newIntent());
      const claims = await Promise.all(
        [store, other, store, other].map((s) => s.webhooks.claimDueEndpoints(8, LEASE)),
      );
      const claimed = claims.flat().map((c) => c.endpoint.id);
      expect(claimed.sort()).toEqual(ids.sort());
    });

    it('moves the cursor on delivery, keeps the head on a retry, dead-letters and replays', async () => {
      const { store } = ctx();
      const created = await endpoint(store);
      await store.insertIntent(newIntent());
      await store.insertIntent(newIntent());
      let [claim] = await store.webhooks.claimDueEndpoints(1, LEASE);
      expect(
        await store.webhooks.settleEvent(claim!, 1n, false, { kind: 'delivered', statusCode: 200 }, LEASE),
      ).toBe(true);
      expect(
        await store.webhooks.settleEvent(
          claim!,
          2n,
          false,
          { kind: 'retry', statusCode: 500, error: null, delayMs: 0 },
          LEASE,
        ),
      ).toBe(true);
      let state = await store.webhooks.getEndpoint(created.id);
      expect(state).toMatchObject({ cursorSeq: 1n, headSeq: 2n, attempts: 1 });
      expect(state?.firstAttemptAt).not.toBeNull();
      // The retry gave the lease back; a stale holder writes nothing.
      expect(await store.webhooks.settleEvent(claim!, 2n, false, { kind: 'skipped' }, LEASE)).toBe(false);
      [claim] = await store.webhooks.claimDueEndpoints(1, LEASE);
      expect(claim?.endpoint.headSeq).toBe(2n);
      await store.webhooks.settleEvent(
        claim!,
        2n,
        false,
        { kind: 'dead', statusCode: 500, error: null },
        LEASE,
      );
      state = await store.webhooks.getEndpoint(created.id);
      expect(state).toMatchObject({ cursorSeq: 2n, headSeq: null, attempts: 0 });
      expect(await store.webhooks.listDeadLetters(created.id, { offset: 0, limit: 10 })).toMatchObject({
        items: [{ seq: 2n, attempts: 2 }],
        total: 1,
      });
      expect(await store.webhooks.listDeadLetters(created.id, { offset: 1, limit: 10 })).toEqual({
        items: [],
        total: 1,
      });
      expect((await store.webhooks.listAttempts(created.id, 10)).map((a) => a.outcome)).toEqual([
        'dead',
        'retry',
        'delivered',
      ]);
      await store.webhooks.releaseEndpoint(claim!);

      // Only events the endpoint is done with are queued; later ones go out anyway.
      expect(await store.webhooks.requestReplay(created.id, 2n, 9n)).toBe(1);
      expect(await store.webhooks.requestReplay('no-such-endpoint', 1n, 2n)).toBeUndefined();
      [claim] = await store.webhooks.claimDueEndpoints(1, LEASE);
      expect(await store.webhooks.pendingReplays(created.id, 10)).toEqual([2n]);
      await store.webhooks.settleEvent(claim!, 2n, true, { kind: 'delivered', statusCode: 204 }, LEASE);
      expect(await store.webhooks.pendingReplays(created.id, 10)).toEqual([]);
      expect((await store.webhooks.getEndpoint(created.id))?.cursorSeq).toBe(2n);
    });

    it('settles a batch of events in one write: cursor, replays, dead letters, then a retry that ends the turn', async () => {
      const { store } = ctx();
      const created = await endpoint(store);
      for (let i = 0; i < 6; i++) await store.insertIntent(newIntent());
      let [claim] = await store.webhooks.claimDueEndpoints(1, LEASE);
      const delivered = { kind: 'delivered', statusCode: 200 } as const;
      // Delivered and passed over: the cursor moves, the lease stays this holder's.
      expect(
        await store.webhooks.settleEvents(
          claim!,
          [
            { seq: 1n, replay: false, outcome: delivered },
            { seq: 2n, replay: false, outcome: { kind: 'skipped' } },
          ],
          LEASE,
        ),
      ).toBe(true);
      expect(await store.webhooks.getEndpoint(created.id)).toMatchObject({ cursorSeq: 2n, headSeq: null });
      expect(await store.webhooks.claimDueEndpoints(1, LEASE)).toEqual([]);
      await expect(
        store.webhooks.settleEvents(
          claim!,
          [
            { seq: 3n, replay: false, outcome: { kind: 'retry', statusCode: 500, error: null, delayMs: 0 } },
            { seq: 4n, replay: false, outcome: delivered },
          ],
          LEASE,
        ),
      ).rejects.toThrow(RangeError);
      expect(
        await store.webhooks.settleEvents(
          claim!,
          [
            { seq: 3n, replay: false, outcome: { kind: 'dead', statusCode: 503, error: null } },
            { seq: 4n, replay: false, outcome: delivered },
            { seq: 5n, replay: false, outcome: { kind: 'retry', statusCode: 500, error: null, delayMs: 0 } },
          ],
          LEASE,
        ),
      ).toBe(true);
      const state = await store.webhooks.getEndpoint(created.id);
      expect(state).toMatchObject({ cursorSeq: 4n, headSeq: 5n, attempts: 1 });
      expect(state?.firstAttemptAt).not.toBeNull();
      expect(
        (await store.webhooks.listDeadLetters(created.id, { offset: 0, limit: 10 })).items,
      ).toMatchObject([{ seq: 3n, attempts: 1, lastError: 'HTTP 503' }]);
      const attempts = await store.webhooks.listAttempts(created.id, 10);
      expect(attempts.map((a) => [Number(a.seq), a.outcome]).sort()).toEqual([
        [1, 'delivered'],
        [3, 'dead'],
        [4, 'delivered'],
        [5, 'retry'],
      ]);
      // The retry gave the lease back: the old claim writes nothing more.
      expect(await store.webhooks.settleEvents(claim!, [], LEASE, true)).toBe(false);

      // The head, then a replay, then the next event; given back at the end of the turn.
      expect(await store.webhooks.requestReplay(created.id, 1n, 1n)).toBe(1);
      [claim] = await store.webhooks.claimDueEndpoints(1, LEASE);
      expect(claim?.endpoint.headSeq).toBe(5n);
      expect(
        await store.webhooks.settleEvents(
          claim!,
          [
            { seq: 5n, replay: false, outcome: delivered },
            { seq: 1n, replay: true, outcome: delivered },
            { seq: 6n, replay: false, outcome: delivered },
          ],
          LEASE,
          true,
        ),
      ).toBe(true);
      expect(await store.webhooks.getEndpoint(created.id)).toMatchObject({
        cursorSeq: 6n,
        headSeq: null,
        attempts: 0,
        firstAttemptAt: null,
      });
      expect(await store.webhooks.pendingReplays(created.id, 10)).toEqual([]);
      expect(await store.webhooks.countBacklog()).toBe(0);
      await store.insertIntent(newIntent());
      expect(await store.webhooks.claimDueEndpoints(1, LEASE)).toHaveLength(1);
    });

    it('keeps the secret a rotation replaced, with when, and only the latest one', async () => {
      const { store } = ctx();
      const created = await endpoint(store);
      expect(created).toMatchObject({ previousSealedSecret: null, secretRotatedAt: null });
      const before = await store.now();
      const rotated = await store.webhooks.replaceEndpointSecret(created.id, 'enc:v1:test:second');
      expect(rotated).toMatchObject({
        sealedSecret: 'enc:v1:test:second',
        previousSealedSecret: 'enc:v1:test:sealed',
      });
      expect(rotated!.secretRotatedAt! >= before).toBe(true);
      await store.webhooks.replaceEndpointSecret(created.id, 'enc:v1:test:third');
      expect(await store.webhooks.getEndpoint(created.id)).toMatchObject({
        sealedSecret: 'enc:v1:test:third',
        previousSealedSecret: 'enc:v1:test:second',
      });
      expect(await store.webhooks.replaceEndpointSecret('no-such-endpoint', 'x')).toBeUndefined();
    });

    it('counts the backlog of enabled endpoints: events after each cursor and queued replays', async () => {
      const { store } = ctx();
      expect(await store.webhooks.countBacklog()).toBe(0);
      const a = await endpoint(store);
      await endpoint(store, 'other');
      await store.insertIntent(newIntent());
      await store.insertIntent(newIntent());
      await store.insertIntent(newIntent({ tenantId: 'other' }));
      expect(await store.webhooks.countBacklog()).toBe(3);
      const [claim] = (await store.webhooks.claimDueEndpoints(10, LEASE)).filter(
        (c) => c.endpoint.id === a.id,
      );
      await store.webhooks.settleEvent(claim!, 1n, false, { kind: 'delivered', statusCode: 200 }, LEASE);
      expect(await store.webhooks.countBacklog()).toBe(2);
      expect(await store.webhooks.requestReplay(a.id, 1n, 1n)).toBe(1);
      expect(await store.webhooks.countBacklog()).toBe(3);
      await store.webhooks.setEndpointEnabled(a.id, false);
      expect(await store.webhooks.countBacklog()).toBe(1);
    });

    it('disables with the reason, is not claimed while disabled, and is due again when enabled', async () => {
      const { store } = ctx();
      const created = await endpoint(store, 'acme', ['COMPLETED']);
      expect(created.eventClasses).toEqual(['COMPLETED']);
      await store.insertIntent(newIntent());
      const [claim] = await store.webhooks.claimDueEndpoints(1, LEASE);
      await store.webhooks.settleEvent(
        claim!,
        1n,
        false,
        { kind: 'disabled', statusCode: 410, reason: 'the receiver answered 410 Gone' },
        LEASE,
      );
      expect(await store.webhooks.getEndpoint(created.id)).toMatchObject({
        enabled: false,
        disabledReason: 'the receiver answered 410 Gone',
        headSeq: 1n,
      });
      expect(await store.webhooks.claimDueEndpoints(1, LEASE)).toEqual([]);
      const enabled = await store.webhooks.setEndpointEnabled(created.id, true);
      expect(enabled).toMatchObject({ enabled: true, disabledReason: null, attempts: 0, headSeq: 1n });
      expect(await store.webhooks.claimDueEndpoints(1, LEASE)).toHaveLength(1);
      expect((await store.webhooks.listEndpoints('acme')).map((e) => e.id)).toEqual([created.id]);
      expect(await store.webhooks.listEndpoints('nobody')).toEqual([]);
    });
  });
}
