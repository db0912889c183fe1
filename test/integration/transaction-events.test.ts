import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { estimateCost } from '../../src/plugins/use-cost-limit.js';
import { schema } from '../../src/schema/index.js';
import {
  createTopUp,
  EVENT_FIELDS,
  type FeedEvent,
  followSse,
  followWs,
  readFeed,
} from '../helpers/event-feed.js';
import { startGateway, type TestGateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';

const CONFIRM = /* GraphQL */ `mutation ($id: ID!) { confirmTransaction(input: { id: $id }) { __typename } }`;
const FINAL = /* GraphQL */ `query ($id: ID!) { transaction(id: $id) { final history { statusClass source } } }`;

const FAST = { RECONCILE_FIRST_POLL_MS: '200', RECONCILE_INTERVAL_MS: '100' };

const finalOf = async (t: TestGateway, id: string, key = t.apiKey) =>
  (
    await t.gql<{ transaction: { final: boolean; history: { statusClass: string; source: string }[] } }>(
      FINAL,
      { id },
      { authorization: `Bearer ${key}` },
    )
  ).data!.transaction;

const of = (id: string) => (events: FeedEvent[]) => events.filter((e) => e.transactionId === id);

describe('transactionEvents', () => {
  it("shows a top-up's whole life in order, live and in pages: create, confirm, callbacks to COMPLETED", async () => {
    const t = await startGateway({ env: FAST });
    const live = followWs(t.url, t.apiKey);
    const id = await createTopUp(t);
    await t.gql(CONFIRM, { id });
    const seen = of(id)(
      await live.until('COMPLETED', (events) => events.some((e) => e.statusClass === 'COMPLETED')),
    );
    const { history } = await finalOf(t, id);
    expect(seen.map(({ statusClass, source }) => ({ statusClass, source }))).toEqual([
      { statusClass: 'PENDING', source: 'create' },
      ...history,
    ]);
    expect(seen.map((e) => e.statusClass).slice(0, 3)).toEqual(['PENDING', 'CREATED', 'CONFIRMED']);
    expect(seen.every((e) => e.api === 'DVS')).toBe(true);
    const times = seen.map((e) => e.at);
    expect(times).toEqual([...times].sort());
    // The catch-up query pages the same events with the same cursors, also three at a time.
    expect(await readFeed(t.url, t.apiKey)).toEqual(live.events);
    expect(await readFeed(t.url, t.apiKey, 3)).toEqual(live.events);
    await live.close();
  });

  it('misses nothing and repeats nothing when a client reconnects with its last cursor while changes go on', async () => {
    const t = await startGateway({ env: FAST });
    const ids: string[] = [];
    let writing = true;
    const writer = (async () => {
      for (let i = 0; i < 10; i++) ids.push(await createTopUp(t, { autoConfirm: true }));
    })().finally(() => {
      writing = false;
    });

    const received: FeedEvent[] = [];
    let droppedWhileWriting = 0;
    for (let round = 0; writing || round < 2; round++) {
      const after = received.at(-1)?.cursor;
      const feed = (round % 2 ? followWs : followSse)(t.url, t.apiKey, after);
      await feed.until(`round ${round}: three more events`, (events) => events.length >= 3 || !writing);
      if (writing) droppedWhileWriting += 1;
      await feed.close();
      received.push(...feed.events);
    }
    await writer;
    expect(droppedWhileWriting).toBeGreaterThanOrEqual(2);
    await waitFor(
      'every top-up final',
      () => Promise.all(ids.map(async (id) => (await finalOf(t, id)).final)),
      (finals) => finals.every(Boolean),
    );
    const all = await readFeed(t.url, t.apiKey);
    const last = followSse(t.url, t.apiKey, received.at(-1)?.cursor);
    await last.until('the rest', (events) => received.length + events.length >= all.length);
    await last.close();
    received.push(...last.events);

    expect(received.map((e) => e.cursor)).toEqual(all.map((e) => e.cursor));
    expect(received).toEqual(all);
    expect(new Set(all.map((e) => e.transactionId))).toEqual(new Set(ids));
    for (const id of ids) expect(of(id)(all).at(-1)?.statusClass).toBe('COMPLETED');
  });

  it("never shows one tenant's events to another, on the query or the subscription, whatever the cursor", async () => {
    const t = await startGateway({ env: FAST });
    const globex = await t.createKey('globex');
    const acmeFeed = followSse(t.url, t.apiKey);
    const globexFeed = followWs(t.url, globex);
    const acmeIds = [
      await createTopUp(t, { autoConfirm: true }),
      await createTopUp(t, { autoConfirm: true }),
    ];
    const globexId = await createTopUp(t, { key: globex, autoConfirm: true });
    const completed = (id: string) => (events: FeedEvent[]) =>
      events.some((e) => e.transactionId === id && e.statusClass === 'COMPLETED');
    await globexFeed.until('globex COMPLETED', completed(globexId));
    for (const id of acmeIds) await acmeFeed.until(`acme ${id} COMPLETED`, completed(id));

    expect(new Set(globexFeed.events.map((e) => e.transactionId))).toEqual(new Set([globexId]));
    expect(acmeFeed.events.some((e) => e.transactionId === globexId)).toBe(false);
    const acmeAll = await readFeed(t.url, t.apiKey);
    const globexAll = await readFeed(t.url, globex);
    expect(globexAll.every((e) => e.transactionId === globexId)).toBe(true);
    expect(acmeAll.some((e) => e.transactionId === globexId)).toBe(false);
    // acme's cursors are positions in acme's feed only: globex passing one reads on in its own.
    const cursor = acmeAll[1]!.cursor;
    const res = await t.gql<{ transactionEvents: { edges: { node: FeedEvent }[] } }>(
      `query ($after: String) { transactionEvents(after: $after) { edges { node { ${EVENT_FIELDS} } } } }`,
      { after: cursor },
      { authorization: `Bearer ${globex}` },
    );
    expect(res.data!.transactionEvents.edges.map((e) => e.node)).toEqual(globexAll.slice(2));
    const replay = followWs(t.url, globex, cursor);
    await replay.until('globex after the cursor', (events) => events.length >= globexAll.length - 2);
    expect(replay.events).toEqual(globexAll.slice(2));
    await Promise.all([acmeFeed.close(), globexFeed.close(), replay.close()]);
  });

  it('answers a malformed cursor or page size with BAD_USER_INPUT, and a key without transactions:read with FORBIDDEN', async () => {
    const t = await startGateway();
    const forged = (text: string) => Buffer.from(text).toString('base64url');
    const malformed = [
      'nope',
      '',
      forged('TransactionEvent:-1'),
      forged('TransactionEvent:01'),
      forged('OffsetConnection:3'),
      forged('TransactionEvent:99999999999999999999'),
      `${forged('TransactionEvent:3')}!`,
    ];
    const query =
      'query ($after: String, $first: Int) { transactionEvents(after: $after, first: $first) { edges { cursor } } }';
    for (const after of malformed) {
      const res = await t.gql(query, { after });
      expect(
        res.errors?.map((e) => e.extensions?.code),
        `after ${JSON.stringify(after)}`,
      ).toEqual(['BAD_USER_INPUT']);
    }
    for (const first of [-1, 101]) {
      const res = await t.gql(query, { first });
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    }
    for (const follow of [followSse, followWs]) {
      const feed = follow(t.url, t.apiKey, 'nope');
      await waitFor(
        `${follow.name} refusal`,
        () => feed.errors,
        (errors) => errors.length > 0,
      );
      expect(feed.errors.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(feed.events).toEqual([]);
      await feed.close();
    }
    const catalogueOnly = await t.createKey('acme', ['catalogue:read']);
    const refused = await t.gql(query, {}, { authorization: `Bearer ${catalogueOnly}` });
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const feed = followSse(t.url, catalogueOnly);
    await waitFor(
      'the refusal',
      () => feed.errors,
      (errors) => errors.length > 0,
    );
    expect(feed.errors.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    await feed.close();
  });

  it('costs what a connection costs: its page size (20 by default) times what each event selects', () => {
    const cost = (query: string) =>
      estimateCost(schema, parse(query), undefined, {}, { defaultPageSize: 20, listSize: 10 });
    expect(cost('{ transactionEvents(first: 100) { edges { cursor node { status at } } } }')).toBe(
      1 + 100 * 5,
    );
    expect(cost('{ transactionEvents { pageInfo { endCursor } edges { node { status } } } }')).toBe(
      1 + 20 * 5,
    );
    expect(cost('subscription { transactionEvents { cursor status statusClass } }')).toBe(1 + 3);
  });
});
