import { afterEach, describe, expect, it, vi } from 'vitest';
import { isFinal } from '../../src/transactions/state.js';
import { createTopUp } from '../helpers/event-feed.js';
import { startGateway, type TestGateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';
import { connectWs } from '../helpers/ws-client.js';

const CONFIRM = /* GraphQL */ `mutation ($id: ID!) { confirmTransaction(input: { id: $id }) { __typename } }`;
const STATUS = /* GraphQL */ `query ($id: ID!) { transaction(id: $id) { statusClass } }`;
const WATCH = /* GraphQL */ `subscription ($id: ID!) { transactionUpdated(id: $id) { statusClass } }`;

/** Every status a graphql-ws subscription delivers, and whether the server completed it. */
function watch(t: TestGateway, id: string) {
  const { client, dispose } = connectWs(t.url, t.apiKey);
  const seen = { classes: [] as string[], completed: false, error: undefined as unknown };
  client.subscribe<{ transactionUpdated: { statusClass: string } }>(
    { query: WATCH, variables: { id } },
    {
      next: (msg) => seen.classes.push(msg.data!.transactionUpdated.statusClass),
      error: (error) => {
        seen.error = error;
      },
      complete: () => {
        seen.completed = true;
      },
    },
  );
  return { seen, close: dispose };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a subscription that starts while its transaction changes', () => {
  it('streams every status the transaction went through, the ones that landed during its start included', async () => {
    const t = await startGateway();
    const id = await createTopUp(t);
    const store = t.gateway.store;
    const read = store.getTransaction.bind(store);
    // The subscription's first read answers, then the transaction settles before the subscription listens: as a
    // callback landing between the two would, on a busy gateway.
    let armed = true;
    vi.spyOn(store, 'getTransaction').mockImplementation(async (tenantId, localId) => {
      const record = await read(tenantId, localId);
      if (!armed) return record;
      armed = false;
      await t.gql(CONFIRM, { id });
      await waitFor(
        'the top-up settled',
        () => t.gql<{ transaction: { statusClass: string } }>(STATUS, { id }),
        (r) => isFinal(r.data?.transaction.statusClass ?? ''),
      );
      return record;
    });
    const subscription = watch(t, id);
    const { classes } = await waitFor(
      'the subscription completed',
      () => subscription.seen,
      (seen) => seen.completed || seen.error !== undefined,
      15_000,
    ).finally(() => subscription.close());
    expect(subscription.seen.error).toBeUndefined();
    expect(armed).toBe(false);
    const recorded = (await store.history(Buffer.from(id, 'base64').toString().split(':')[1]!)).map(
      (entry) => entry.statusClass,
    );
    expect(recorded.at(-1)).toBe('COMPLETED');
    // Its current state first (the last status recorded before it listened), then nothing missed or repeated.
    expect(classes.at(-1)).toBe('COMPLETED');
    expect(recorded.slice(recorded.length - classes.length)).toEqual(classes);
  }, 40_000);
});
