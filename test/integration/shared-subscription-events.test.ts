import type { FormattedExecutionResult } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import { createTopUp } from '../helpers/event-feed.js';
import { startGateway, type TestGateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';
import { connectWs } from '../helpers/ws-client.js';

const TOKEN = 'a-metrics-token-for-the-shared-events-test';
const WATCH = /* GraphQL */ `subscription ($id: ID!) { transactionUpdated(id: $id) { id statusClass } }`;
const WATCH_MORE = /* GraphQL */ `subscription ($id: ID!) { transactionUpdated(id: $id) { statusClass status } }`;
const WATCH_PIN = /* GraphQL */ `subscription ($id: ID!) { transactionUpdated(id: $id) { statusClass pin { code } } }`;
const CONFIRM = /* GraphQL */ `mutation ($id: ID!) { confirmTransaction(input: { id: $id }) { __typename } }`;

type Result = FormattedExecutionResult<{ transactionUpdated: { statusClass: string } | null }, unknown>;

/** Every result of one subscription over its own socket, and whether the server completed it. */
function watch(t: TestGateway, key: string, query: string, id: string) {
  const results: Result[] = [];
  const state = { completed: false };
  const ws = connectWs(t.url, key);
  ws.client.subscribe(
    { query, variables: { id } },
    {
      next: (result) => void results.push(result as Result),
      error: () => undefined,
      complete: () => {
        state.completed = true;
      },
    },
  );
  return { results, state, classes: () => results.map((r) => r.data?.transactionUpdated?.statusClass) };
}

async function subscriptionEvents(t: TestGateway): Promise<{ own: number; shared: number }> {
  const text = await (
    await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })
  ).text();
  const count = (execution: string) =>
    Number(
      text.match(
        new RegExp(`dtone_gateway_subscription_events_total\\{execution="${execution}"\\} (\\d+)`),
      )?.[1] ?? 0,
    );
  return { own: count('own'), shared: count('shared') };
}

describe('subscription events shared between subscribers', () => {
  it('executes a change once for subscribers with the same document, variables and scopes; others run their own', async () => {
    const t = await startGateway({
      env: { METRICS_TOKEN: TOKEN, RECONCILE_FIRST_POLL_MS: '200', RECONCILE_INTERVAL_MS: '100' },
    });
    const reader = await t.createKey('acme', ['transactions:read']);
    const id = await createTopUp(t);
    const same = [1, 2, 3].map(() => watch(t, t.apiKey, WATCH, id));
    const otherScopes = watch(t, reader, WATCH, id);
    const otherDocument = watch(t, t.apiKey, WATCH_MORE, id);
    const all = [...same, otherScopes, otherDocument];
    await waitFor(
      'every first state',
      () => all.map((s) => s.results.length),
      (n) => n.every((c) => c === 1),
    );
    const before = await subscriptionEvents(t);

    expect((await t.gql(CONFIRM, { id })).status).toBe(200);
    await waitFor(
      'every subscription completed',
      () => all.map((s) => s.state.completed),
      (c) => c.every(Boolean),
    );

    const classes = same[0]!.classes();
    expect(classes[0]).toBe('CREATED');
    expect(classes.at(-1)).toBe('COMPLETED');
    for (const s of all) expect(s.classes()).toEqual(classes);
    for (const s of all) expect(s.results.every((r) => r.errors === undefined)).toBe(true);
    const changes = classes.length - 1;
    const after = await subscriptionEvents(t);
    const shared = after.shared - before.shared;
    // Each change is one object for every subscriber woken together: at most the two other `same` subscribers reuse
    // the first one's answer, never the subscriber with other scopes or another document.
    expect(shared).toBeGreaterThan(0);
    expect(shared).toBeLessThanOrEqual(2 * changes);
    expect(after.own - before.own + shared).toBe(all.length * changes);
    await t.stop();
  });

  it('never hands a subscriber without pins:read the answer of one with it', async () => {
    const t = await startGateway({ env: { RECONCILE_FIRST_POLL_MS: '200', RECONCILE_INTERVAL_MS: '100' } });
    const reader = await t.createKey('acme', ['transactions:read']);
    const id = await createTopUp(t);
    // The key with every scope subscribes first, so its answer to each change is the one ready to be reused.
    const full = watch(t, t.apiKey, WATCH_PIN, id);
    await waitFor(
      'the first state',
      () => full.results.length,
      (n) => n === 1,
    );
    const limited = watch(t, reader, WATCH_PIN, id);
    await waitFor(
      'the first state',
      () => limited.results.length,
      (n) => n === 1,
    );

    expect((await t.gql(CONFIRM, { id })).status).toBe(200);
    await waitFor(
      'both completed',
      () => [full.state.completed, limited.state.completed],
      (c) => c.every(Boolean),
    );
    expect(full.classes()).toEqual(limited.classes());
    expect(full.results.every((r) => r.errors === undefined)).toBe(true);
    for (const result of limited.results) {
      expect(result.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
        [['transactionUpdated', 'pin'], 'FORBIDDEN'],
      ]);
    }
    await t.stop();
  });
});
