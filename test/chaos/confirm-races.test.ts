import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';
import { ITERATIONS, reportRow } from './report.js';

/**
 * RELIABILITY.md §4 figure 5: many concurrent confirms of one transaction, and confirm against cancel. DT One confirms
 * each transaction at most once, and the gateway's status equals DT One's every time. CI size: 20 confirms × 5
 * transactions and 20 confirm-versus-cancel trials; CHAOS_ITERATIONS=5 is 100 × 20 (and 100 trials).
 */
const CONFIRMS = 20 * ITERATIONS;
const TRANSACTIONS = 5 * Math.min(ITERATIONS, 4);
const TRIALS = 20 * ITERATIONS;

const CREATE = /* GraphQL */ `
  mutation ($input: CreateTransactionInput!) {
    createTransaction(input: $input) { ... on CreateTransactionSuccess { transaction { id externalId } } }
  }
`;
const CONFIRM = /* GraphQL */ `mutation ($id: ID!) { confirmTransaction(input: { id: $id }) { __typename } }`;
const CANCEL = /* GraphQL */ `mutation ($id: ID!) { cancelTransaction(input: { id: $id }) { __typename } }`;
const READ = /* GraphQL */ `query ($id: ID!) { transaction(id: $id) { statusClass } }`;

async function created(t: TestGateway, productId: number) {
  const res = await t.gql<{ createTransaction: { transaction: { id: string; externalId: string } } }>(
    CREATE,
    {
      input: { idempotencyKey: randomUUID(), productId, creditParty: { mobileNumber: '+6591234100' } },
    },
  );
  return res.data!.createTransaction.transaction;
}

function upstreamOf(t: TestGateway, externalId: string) {
  const all = t.sandbox.control.engine.all() as unknown as {
    external_id: string;
    status: { class: { message: string } };
  }[];
  return all.filter((u) => u.external_id === externalId);
}

describe('confirm and cancel races', () => {
  it(`${CONFIRMS} concurrent confirms × ${TRANSACTIONS} transactions, and ${TRIALS} confirm-versus-cancel trials: never twice, always DT One's status`, async () => {
    const t = await startGateway({ env: { RECONCILE_FIRST_POLL_MS: '500', RECONCILE_INTERVAL_MS: '200' } });
    const productId = t.sandbox.catalogue.products.find(
      (p) =>
        p.type === 'FIXED_VALUE_RECHARGE' &&
        JSON.stringify(p.json.en.required_credit_party_identifier_fields) === '[["mobile_number"]]',
    )!.id;
    const confirmRoute = 'POST /v1/async/transactions/{transaction_id}/confirm';
    let successes = 0;
    const confirmCallsBefore = t.sandbox.control.calls(confirmRoute);
    for (let n = 0; n < TRANSACTIONS; n++) {
      const tx = await created(t, productId);
      const answers = await Promise.all(
        Array.from({ length: CONFIRMS }, () =>
          t.gql<{ confirmTransaction: { __typename: string } }>(CONFIRM, { id: tx.id }),
        ),
      );
      const won = answers.filter(
        (a) => a.data?.confirmTransaction.__typename === 'ConfirmTransactionSuccess',
      );
      for (const a of answers) expect(a.status).toBeLessThan(500);
      // DT One confirms once; every other answer is ALREADY_CONFIRMED.
      expect(won).toHaveLength(1);
      successes += won.length;
      expect(upstreamOf(t, tx.externalId)).toHaveLength(1);
    }

    const mismatches: string[] = [];
    for (let n = 0; n < TRIALS; n++) {
      const tx = await created(t, productId);
      await Promise.all([t.gql(CONFIRM, { id: tx.id }), t.gql(CANCEL, { id: tx.id })]);
      const theirs = upstreamOf(t, tx.externalId)[0]!.status.class.message;
      const ours = await waitFor(
        'the gateway to agree with DT One',
        async () =>
          (await t.gql<{ transaction: { statusClass: string } }>(READ, { id: tx.id })).data!.transaction,
        (mine) => mine.statusClass === upstreamOf(t, tx.externalId)[0]!.status.class.message,
        10_000,
      ).catch(() => undefined);
      if (!ours) mismatches.push(`${tx.id}: DT One ${theirs}`);
    }
    expect(mismatches).toEqual([]);
    reportRow(
      'confirm and cancel races',
      {
        confirms: CONFIRMS * TRANSACTIONS,
        confirmCallsToDtOne: t.sandbox.control.calls(confirmRoute) - confirmCallsBefore,
        confirmedTransactions: TRANSACTIONS,
        successAnswers: successes,
        raceTrials: TRIALS,
        statusMismatches: mismatches.length,
      },
      true,
    );
  }, 300_000);
});
