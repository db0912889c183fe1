import { describe, expect, it } from 'vitest';
import { DEFAULT_FIRST_POLL_AFTER_MS } from '../../src/store/index.js';
import { type ContractContext, ISO_MS_UTC, newIntent } from './fixture.js';

export function describeIntentContract(ctx: () => ContractContext): void {
  describe('insertIntent', () => {
    it('records a new intent as PENDING in phase INTENT, stamped by the database', async () => {
      const { store } = ctx();
      const input = newIntent();
      const { record, created } = await store.insertIntent(input);
      expect(created).toBe(true);
      const { pollAfterMs: _none, ...given } = input;
      expect(record).toEqual({
        ...given,
        upstreamId: null,
        upstream: null,
        phase: 'INTENT',
        status: 'PENDING',
        statusClass: 'PENDING',
        errorCode: null,
        needsReview: false,
        nextPollAt: expect.stringMatching(ISO_MS_UTC),
        pollAttempts: 0,
        createdAt: expect.stringMatching(ISO_MS_UTC),
        updatedAt: record.createdAt,
      });
      expect(await store.getTransactionById(input.id)).toEqual(record);
    });

    it('schedules the first poll pollAfterMs after creation, two minutes by default', async () => {
      const { store } = ctx();
      const byDefault = (await store.insertIntent(newIntent())).record;
      const now = (await store.insertIntent(newIntent({ pollAfterMs: 0 }))).record;
      const inASecond = (await store.insertIntent(newIntent({ pollAfterMs: 1_500 }))).record;
      const delay = (r: typeof now) => Date.parse(r.nextPollAt!) - Date.parse(r.createdAt);
      expect(delay(byDefault)).toBe(DEFAULT_FIRST_POLL_AFTER_MS);
      expect(delay(now)).toBe(0);
      expect(delay(inASecond)).toBe(1_500);
      await expect(store.insertIntent(newIntent({ pollAfterMs: -1 }))).rejects.toThrow(RangeError);
    });

    it('returns the existing record with created: false for the same tenant, API and idempotency key', async () => {
      const { store } = ctx();
      const first = await store.insertIntent(newIntent({ idempotencyKey: 'order-1' }));
      const replay = newIntent({ idempotencyKey: 'order-1', fingerprint: 'another input' });
      const second = await store.insertIntent(replay);
      expect(second).toEqual({ record: first.record, created: false });
      expect(await store.getTransactionById(replay.id)).toBeUndefined();
    });

    it('keeps one idempotency key apart per tenant and per API', async () => {
      const { store } = ctx();
      const results = await Promise.all([
        store.insertIntent(newIntent({ idempotencyKey: 'k', tenantId: 'acme', api: 'DVS' })),
        store.insertIntent(newIntent({ idempotencyKey: 'k', tenantId: 'globex', api: 'DVS' })),
        store.insertIntent(newIntent({ idempotencyKey: 'k', tenantId: 'acme', api: 'GS' })),
      ]);
      expect(results.map((r) => r.created)).toEqual([true, true, true]);
      expect(new Set(results.map((r) => r.record.id)).size).toBe(3);
    });

    it('refuses a second transaction with an external_id already taken, rather than returning another one', async () => {
      const { store } = ctx();
      await store.insertIntent(newIntent({ externalId: 'gw-same' }));
      const clash = newIntent({ externalId: 'gw-same' });
      await expect(store.insertIntent(clash)).rejects.toThrow();
      expect(
        await store.getByIdempotencyKey(clash.tenantId, clash.api, clash.idempotencyKey),
      ).toBeUndefined();
    });

    it('creates exactly one record when 50 calls race on one key, and all of them return it', async () => {
      const { store } = ctx();
      const results = await Promise.all(
        Array.from({ length: 50 }, () => store.insertIntent(newIntent({ idempotencyKey: 'race' }))),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const winner = results.find((r) => r.created)!.record;
      for (const { record } of results) expect(record).toEqual(winner);
    });

    it('creates exactly one record when two instances race on one key', async () => {
      const { store } = ctx();
      const other = await ctx().another();
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          (i % 2 ? store : other).insertIntent(newIntent({ idempotencyKey: 'two-instances' })),
        ),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.record.id)).size).toBe(1);
    });

    it('keeps decimal text exactly as given, digit for digit', async () => {
      const { store } = ctx();
      const amounts = '{"amount":"12345678901234567.89","fee":"0.30","rate":"0.000000010"}';
      const { record } = await store.insertIntent(newIntent({ request: amounts, productSnapshot: amounts }));
      await store.applyStatus(
        record.id,
        { status: 'CREATED', statusClass: 'CREATED', source: 'create', upstream: amounts },
        () => true,
      );
      const read = await store.getTransactionById(record.id);
      expect([read?.request, read?.productSnapshot, read?.upstream]).toEqual([amounts, amounts, amounts]);
    });
  });

  describe('reads', () => {
    it("finds a transaction by id within its tenant only; another tenant's id reads as unknown", async () => {
      const { store } = ctx();
      const { record } = await store.insertIntent(newIntent({ tenantId: 'acme' }));
      expect(await store.getTransaction('acme', record.id)).toEqual(record);
      expect(await store.getTransaction('globex', record.id)).toBeUndefined();
      expect(await store.getTransaction('acme', 'no-such-id')).toBeUndefined();
      expect(await store.getTransactionById(record.id)).toEqual(record);
      expect(await store.getTransactionById('no-such-id')).toBeUndefined();
    });

    it('finds a transaction by idempotency key within its tenant and API only', async () => {
      const { store } = ctx();
      const { record } = await store.insertIntent(
        newIntent({ tenantId: 'acme', api: 'GS', idempotencyKey: 'pay-9' }),
      );
      expect(await store.getByIdempotencyKey('acme', 'GS', 'pay-9')).toEqual(record);
      expect(await store.getByIdempotencyKey('acme', 'DVS', 'pay-9')).toBeUndefined();
      expect(await store.getByIdempotencyKey('globex', 'GS', 'pay-9')).toBeUndefined();
    });
  });
}
