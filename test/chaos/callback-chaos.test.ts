import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { CallbackFaults } from '../../src/sandbox/transactions/callback-faults.js';
import { isFinal, isForward } from '../../src/transactions/state.js';
import { startGateway, type TestGateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';
import { ITERATIONS, reportRow } from './report.js';

/**
 * RELIABILITY.md §4 figure 7: transactions whose callbacks are dropped (30 % of them), sent 3 extra times, sent
 * newest first, or held past the first poll, each fault alone (PER_MODE each) and then all at once, drawn per callback
 * (MIXED: 30 % dropped, 30 % duplicated ×3, 20 % reordered, 10 % delayed past the first poll). Every transaction
 * reaches DT One's final status, and its subscriber sees each status once, in forward order.
 * CI size: 40 per fault and 200 mixed; CHAOS_ITERATIONS=5: 200 per fault and 1,000 mixed.
 */
const PER_MODE = 40 * ITERATIONS;
const MIXED = 200 * ITERATIONS;
const MODES: [string, CallbackFaults, number][] = [
  ['drop 30%', { drop: 0.3 }, PER_MODE],
  ['duplicate ×3', { duplicate: 3 }, PER_MODE],
  ['reorder', { reorder: true }, PER_MODE],
  ['delay past the first poll', { delayMs: 1_500 }, PER_MODE],
  [
    'mixed: 30% dropped, 30% ×3, 20% reordered, 10% delayed',
    { mix: { drop: 0.3, duplicate: 0.3, reorder: 0.2, delay: 0.1 }, duplicate: 3, delayMs: 1_500 },
    MIXED,
  ],
];

const CREATE = /* GraphQL */ `
  mutation ($input: CreateTransactionInput!) {
    createTransaction(input: $input) { ... on CreateTransactionSuccess { transaction { id } } }
  }
`;
const WATCH = 'subscription ($id: ID!) { transactionUpdated(id: $id) { statusClass } }';

/** One socket, one subscription per transaction, every status each one delivered. */
async function watchAll(t: TestGateway, ids: string[]) {
  const ws = new WebSocket(`${t.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
  const seen = new Map<string, string[]>(ids.map((id) => [id, []]));
  let acked = false;
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as {
      type: string;
      id?: string;
      payload?: { data?: { transactionUpdated: { statusClass: string } } };
    };
    if (message.type === 'connection_ack') acked = true;
    const statusClass = message.payload?.data?.transactionUpdated.statusClass;
    if (message.type === 'next' && message.id && statusClass) seen.get(message.id)?.push(statusClass);
  });
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${t.apiKey}` } }));
  await waitFor(
    'ack',
    () => acked,
    (a) => a,
  );
  for (const id of ids)
    ws.send(JSON.stringify({ id, type: 'subscribe', payload: { query: WATCH, variables: { id } } }));
  return { seen, close: () => ws.close() };
}

describe('callback chaos', () => {
  it.each(MODES)(
    '%s: every transaction settles, each subscriber sees each status once, in order',
    async (mode, faults, size) => {
      const t = await startGateway({
        env: {
          RECONCILE_FIRST_POLL_MS: '1000',
          RECONCILE_INTERVAL_MS: '200',
          WS_MAX_SUBSCRIPTIONS_PER_SOCKET: String(size),
        },
      });
      const productId = t.sandbox.catalogue.products.find(
        (p) =>
          p.type === 'FIXED_VALUE_RECHARGE' &&
          JSON.stringify(p.json.en.required_credit_party_identifier_fields) === '[["mobile_number"]]',
      )!.id;
      t.sandbox.control.engine.setCallbackFaults(faults);
      const ids = await Promise.all(
        Array.from({ length: size }, async () => {
          const res = await t.gql<{ createTransaction: { transaction: { id: string } } }>(CREATE, {
            input: {
              idempotencyKey: randomUUID(),
              productId,
              creditParty: { mobileNumber: '+6591234100' },
              autoConfirm: true,
            },
          });
          return res.data!.createTransaction.transaction.id;
        }),
      );
      const watch = await watchAll(t, ids);
      try {
        await waitFor(
          'every transaction final for its subscriber',
          () => [...watch.seen.values()],
          (all) => all.every((statuses) => statuses.length > 0 && isFinal(statuses.at(-1)!)),
          60_000,
        );
        for (const [id, statuses] of watch.seen) {
          for (let i = 1; i < statuses.length; i++) {
            expect(isForward(statuses[i - 1]!, statuses[i]!), `${id}: ${statuses.join(' → ')}`).toBe(true);
          }
        }
        const upstream = t.sandbox.control.engine.all() as unknown as {
          status: { class: { message: string } };
        }[];
        expect(upstream.filter((u) => isFinal(u.status.class.message))).toHaveLength(size);
        reportRow(
          `callback chaos, ${mode}`,
          {
            transactions: size,
            final: [...watch.seen.values()].filter((s) => isFinal(s.at(-1)!)).length,
            events: [...watch.seen.values()].reduce((n, s) => n + s.length, 0),
            callbacksSent: t.sandbox.control.engine.deliveries().length,
          },
          true,
        );
      } finally {
        watch.close();
      }
    },
    120_000,
  );
});
