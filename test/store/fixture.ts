import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach } from 'vitest';
import type { NewTransaction, Store } from '../../src/store/types.js';

/** A fresh, empty database. Each `open()` is another Store on it with its own pool or connection (not migrated). */
export interface StoreFixture {
  open(): Promise<Store>;
  dispose(): Promise<void>;
}
export type MakeFixture = () => Promise<StoreFixture>;

export interface ContractContext {
  /** Migrated, on this test's own database. */
  store: Store;
  /** Another instance on the same database, migrated, as a second process would have. */
  another(): Promise<Store>;
  /** A further fresh database, for tests that need one unmigrated. */
  freshFixture(): Promise<StoreFixture>;
}

/** Gives each test its own database; closes everything the test opened. */
export function useStoreContext(makeFixture: MakeFixture): () => ContractContext {
  let context: ContractContext | undefined;
  let cleanups: (() => Promise<void>)[] = [];
  const track = (fixture: StoreFixture): StoreFixture => {
    const stores: Store[] = [];
    cleanups.push(async () => {
      await Promise.all(stores.map((s) => s.close()));
      await fixture.dispose();
    });
    return {
      async open() {
        const store = await fixture.open();
        stores.push(store);
        return store;
      },
      dispose: fixture.dispose,
    };
  };

  beforeEach(async () => {
    const fixture = track(await makeFixture());
    const store = await fixture.open();
    await store.migrate();
    context = {
      store,
      async another() {
        const other = await fixture.open();
        await other.migrate();
        return other;
      },
      freshFixture: async () => track(await makeFixture()),
    };
  });
  afterEach(async () => {
    const pending = cleanups.reverse();
    cleanups = [];
    context = undefined;
    for (const cleanup of pending) await cleanup();
  });
  return () => {
    if (!context) throw new Error('The store context exists only inside a test');
    return context;
  };
}

/** A valid intent with unique id, key and external id; override what the test is about. */
export function newIntent(overrides: Partial<NewTransaction> = {}): NewTransaction {
  const unique = randomUUID();
  return {
    id: `tx-${unique}`,
    tenantId: 'acme',
    api: 'DVS',
    idempotencyKey: `key-${unique}`,
    fingerprint: `fp-${unique}`,
    externalId: `ext-${unique}`,
    productId: 7,
    productSnapshot: '{"id":7,"prices":{"retail":{"amount":"5.00","unit":"USD"}}}',
    request: '{"productId":7}',
    callbackTokenHash: `cb-${unique}`,
    ...overrides,
  };
}

export const ISO_MS_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
