import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { FaultRule } from '../../src/sandbox/control/faults.js';
import { startGateway, type TestGateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';
import { ITERATIONS, reportRow } from './report.js';

/**
 * RELIABILITY.md §4 figure 3: 12 upstream fault kinds × 4 call kinds (catalogue GET, create, confirm, status GET),
 * repeated CHAOS_ITERATIONS times. Every answer is a typed one (no 5xx, no INTERNAL_SERVER_ERROR), no create reaches DT
 * One twice, and once the faults stop every transaction whose outcome was unknown is reconciled.
 */
const FAULTS: Record<string, Omit<FaultRule, 'route'>> = {
  '500': { status: 500, body: 'boom' },
  '502': { status: 502, body: 'bad gateway' },
  '503': { status: 503, body: 'down' },
  '504': { status: 504, body: 'gateway timeout' },
  'reset before body': { resetAfterBytes: 0 },
  'reset mid-body': { resetAfterBytes: 10 },
  truncated: { truncateAt: 10 },
  'malformed JSON': { malformedJson: true },
  'HTML page': { status: 200, body: '<html>maintenance</html>', contentType: 'text/html' },
  hang: { hangMs: 3_000 },
  drip: { drip: { bytes: 1, intervalMs: 100 } },
  // Last: DT One's 429 holds the account's budget for a while.
  '429': { status: 429, body: { errors: [{ code: 1000429, message: 'Too many requests' }] } },
};

const EXPECTED_CODES = new Set([
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_TIMEOUT',
  'RATE_LIMITED',
  'UPSTREAM_PROTOCOL_ERROR',
  'UPSTREAM_ERROR',
  'NOT_FOUND',
]);

const CREATE = /* GraphQL */ `
  mutation ($input: CreateTransactionInput!) {
    createTransaction(input: $input) { __typename ... on CreateTransactionSuccess { transaction { id } } }
  }
`;
const CONFIRM = /* GraphQL */ `
  mutation ($id: ID!) { confirmTransaction(input: { id: $id }) { __typename } }
`;

type CallKind = 'catalogue GET' | 'create' | 'confirm' | 'status GET';
const ROUTES: Record<CallKind, string> = {
  'catalogue GET': 'GET /v1/products/{product_id}',
  create: 'POST /v1/async/transactions',
  confirm: 'POST /v1/async/transactions/{transaction_id}/confirm',
  'status GET': 'GET /v1/transactions/{transaction_id}',
};

function mobileProducts(t: TestGateway) {
  return t.sandbox.catalogue.products.filter(
    (p) =>
      p.type === 'FIXED_VALUE_RECHARGE' &&
      JSON.stringify(p.json.en.required_credit_party_identifier_fields) === '[["mobile_number"]]',
  );
}

/** Every error an answer carries is one a client can act on. */
function expectTyped(answer: { status: number; errors?: { extensions?: Record<string, unknown> }[] }) {
  expect(answer.status).toBeLessThan(500);
  for (const error of answer.errors ?? []) expect(EXPECTED_CODES).toContain(error.extensions?.code);
}

describe.each(Object.keys(ROUTES) as CallKind[])('upstream fault matrix: %s', (kind) => {
  it(`answers each of ${Object.keys(FAULTS).length} faults × ${ITERATIONS} with a typed result, sends nothing twice, and reconciles`, async () => {
    const t = await startGateway({
      env: { DTONE_TIMEOUT_MS: '1000', RECONCILE_FIRST_POLL_MS: '1', RECONCILE_INTERVAL_MS: '3600000' },
    });
    const products = mobileProducts(t);
    let trials = 0;
    let product = 0;
    const create = async () => {
      const res = await t.gql<{ createTransaction: { __typename: string; transaction?: { id: string } } }>(
        CREATE,
        {
          input: {
            idempotencyKey: randomUUID(),
            productId: products[0]!.id,
            creditParty: { mobileNumber: '+6591234100' },
          },
        },
      );
      expectTyped(res);
      return res.data?.createTransaction;
    };
    for (let round = 0; round < ITERATIONS; round++) {
      for (const [name, rule] of Object.entries(FAULTS)) {
        trials++;
        // A call that is not under test goes through before the fault is armed.
        const created = kind === 'confirm' || kind === 'status GET' ? await create() : undefined;
        if (created && created.__typename !== 'CreateTransactionSuccess') continue;
        t.sandbox.control.faults.add({ route: ROUTES[kind], ...rule });
        try {
          if (kind === 'catalogue GET') {
            expectTyped(await t.gql(`{ product(id: ${products[++product]!.id}) { id name } }`));
          } else if (kind === 'create') {
            await create();
          } else if (kind === 'confirm') {
            expectTyped(await t.gql(CONFIRM, { id: created!.transaction!.id }));
          } else {
            await t.gateway.reconcileNow();
          }
        } catch (error) {
          throw new Error(`${kind} under ${name}: ${String(error)}`);
        } finally {
          t.sandbox.control.faults.clear();
        }
      }
    }
    const { items } = await t.gateway.store.listTransactions(
      { tenantId: 'acme' },
      { offset: 0, limit: 1_000 },
    );
    const settled = await waitFor(
      'every unknown outcome reconciled',
      async () => {
        await t.gateway.reconcileNow();
        return (await t.gateway.store.listTransactions({ tenantId: 'acme' }, { offset: 0, limit: 1_000 }))
          .items;
      },
      (all) => all.every((r) => r.phase === 'SENT' || r.phase === 'FAILED'),
      30_000,
    );
    const duplicates = settled.filter((r) => t.sandbox.control.engine.countByExternalId(r.externalId) > 1);
    expect(duplicates).toHaveLength(0);
    expect(await (await fetch(`${t.url}/healthz`)).text()).toBe('ok');
    reportRow(
      `fault matrix, ${kind}`,
      {
        faults: trials,
        transactions: items.length,
        unknownBeforeReconcile: items.filter((r) => r.phase === 'OUTCOME_UNKNOWN' || r.phase === 'INTENT')
          .length,
        unknownAfter: settled.filter((r) => r.phase === 'OUTCOME_UNKNOWN' || r.phase === 'INTENT').length,
        atDtOne: settled.filter((r) => r.phase === 'SENT').length,
        notSent: settled.filter((r) => r.phase === 'FAILED').length,
        duplicates: duplicates.length,
      },
      true,
    );
  }, 300_000);
});
