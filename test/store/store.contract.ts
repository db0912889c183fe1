import { describe, expect, it, vi } from 'vitest';
import { describeAccountContract } from './contract-accounts.js';
import { describeApiKeyContract } from './contract-api-keys.js';
import { describeEventContract } from './contract-events.js';
import { describeGroupCommitContract } from './contract-group-commit.js';
import { describeIntentContract } from './contract-intents.js';
import { describeListContract } from './contract-list.js';
import { describePinReadContract } from './contract-pin-reads.js';
import { describePollContract } from './contract-polls.js';
import { describeSpendCapContract } from './contract-spend-caps.js';
import { describeStatusContract } from './contract-status.js';
import { describeUpstreamContract } from './contract-upstream.js';
import { describeWebhookContract } from './contract-webhooks.js';
import { ISO_MS_UTC, type MakeFixture, newIntent, useStoreContext } from './fixture.js';

export type { MakeFixture, StoreFixture } from './fixture.js';

/** One behaviour for every backend: each backend's test file calls this with a way to make a fresh database. */
export function describeStoreContract(name: string, makeFixture: MakeFixture): void {
  describe(`${name} store`, () => {
    const ctx = useStoreContext(makeFixture);

    describe('migrations', () => {
      it('runs migrate a second time as a no-op, keeping every row', async () => {
        const { store } = ctx();
        const { record } = await store.insertIntent(newIntent());
        await store.migrate();
        expect(await store.getTransactionById(record.id)).toEqual(record);
      });

      it('lets several instances migrate one fresh database at the same time', async () => {
        const fixture = await ctx().freshFixture();
        const stores = await Promise.all([fixture.open(), fixture.open(), fixture.open()]);
        await Promise.all(stores.map((s) => s.migrate()));
        const { created } = await stores[2]!.insertIntent(newIntent());
        expect(created).toBe(true);
      });
    });

    describe('clock', () => {
      it('reads now() from the database clock, not the process clock', async () => {
        const { store } = ctx();
        vi.useFakeTimers({ toFake: ['Date'] });
        try {
          vi.setSystemTime(new Date('2001-02-03T04:05:06.789Z'));
          const now = await store.now();
          const { record } = await store.insertIntent(newIntent());
          expect(now).toMatch(ISO_MS_UTC);
          expect(now.startsWith('2001-')).toBe(false);
          expect(record.createdAt.startsWith('2001-')).toBe(false);
        } finally {
          vi.useRealTimers();
        }
      });

      it('writes ISO 8601 UTC timestamps with milliseconds, which sort as text in time order', async () => {
        const { store } = ctx();
        const first = await store.now();
        const { record } = await store.insertIntent(newIntent());
        const later = await store.now();
        for (const stamp of [first, record.createdAt, record.updatedAt, later])
          expect(stamp).toMatch(ISO_MS_UTC);
        expect([later, record.createdAt, first].sort()).toEqual([first, record.createdAt, later]);
        expect(Date.parse(later)).toBeGreaterThanOrEqual(Date.parse(first));
      });
    });

    describeIntentContract(ctx);
    describeListContract(ctx);
    describeStatusContract(ctx);
    describeEventContract(ctx);
    describeGroupCommitContract(ctx);
    describePollContract(ctx);
    describeApiKeyContract(ctx);
    describePinReadContract(ctx);
    describeSpendCapContract(ctx);
    describeUpstreamContract(ctx);
    describeAccountContract(ctx);
    describeWebhookContract(ctx);
  });
}
