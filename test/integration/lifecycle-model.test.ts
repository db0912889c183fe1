import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TransactionRecord } from '../../src/store/types.js';
import { isFinal } from '../../src/transactions/state.js';
import { startGateway, type TestGateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';

/**
 * Issue 13's invariant, driven by fast-check's model runs: random interleavings of creates (new keys and client
 * retries of old ones) under upstream faults (503, 429, a reset after DT One took the create, a hang past the
 * deadline) and reconciler passes, with every callback lost, so that only polls can settle anything. After every
 * step: every transaction that is not final and not failed has a poll scheduled. At the end, once polls have run:
 * every transaction DT One has is at DT One's status, and none was sent twice.
 */
const SEED = Number(process.env.MODEL_SEED ?? 20_261_205);
const RUNS = Number(process.env.MODEL_RUNS ?? 12);

type Fault = 'none' | '503' | '429' | 'reset' | 'hang';
interface Real {
  t: TestGateway;
  /** This run's idempotency keys (each run has its own, so runs never replay each other's). */
  keys: string[];
  productId: number;
}
type Model = Record<string, never>;

const CREATE = /* GraphQL */ `
  mutation ($input: CreateTransactionInput!) { createTransaction(input: $input) { __typename } }
`;

async function records(real: Real): Promise<TransactionRecord[]> {
  const mine = new Set(real.keys);
  const { items } = await real.t.gateway.store.listTransactions(
    { tenantId: 'acme' },
    { offset: 0, limit: 1_000 },
  );
  return items.filter((r) => mine.has(r.idempotencyKey));
}

async function assertEveryOpenTransactionHasAPoll(real: Real): Promise<void> {
  for (const record of await records(real)) {
    if (record.phase === 'FAILED' || isFinal(record.statusClass)) continue;
    expect(record.nextPollAt, `${record.id} ${record.phase} ${record.statusClass}`).not.toBeNull();
  }
}

class Create implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly key: number,
    readonly fault: Fault,
  ) {}
  check = () => true;
  async run(_model: Model, real: Real): Promise<void> {
    const faults = real.t.sandbox.control.faults;
    const route = 'POST /v1/async/transactions';
    if (this.fault === '503') faults.add({ route, status: 503, body: 'down' });
    if (this.fault === '429')
      faults.add({ route, status: 429, body: { errors: [{ code: 1000429, message: 'Too many requests' }] } });
    if (this.fault === 'reset') faults.add({ route, resetAfterBytes: 10 });
    if (this.fault === 'hang') faults.add({ route, hangMs: 2_000 });
    try {
      const res = await real.t.gql(CREATE, {
        input: {
          idempotencyKey: real.keys[this.key],
          productId: real.productId,
          creditParty: { mobileNumber: '+6591234100' },
          autoConfirm: true,
        },
      });
      expect(res.status).toBeLessThan(500);
    } finally {
      faults.clear();
    }
    await assertEveryOpenTransactionHasAPoll(real);
  }
  toString = () => `create(key ${this.key}, ${this.fault})`;
}

class Reconcile implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(_model: Model, real: Real): Promise<void> {
    await real.t.gateway.reconcileNow();
    await assertEveryOpenTransactionHasAPoll(real);
  }
  toString = () => 'reconcile';
}

describe('the intent lifecycle under random interleavings', () => {
  it('keeps a poll on every open transaction and ends at DT One’s status, never sending one twice', async () => {
    const t = await startGateway({
      env: {
        // Callbacks are lost; only polls settle. The first poll is due at once; the test runs every pass itself.
        PUBLIC_URL: 'http://127.0.0.1:9',
        RECONCILE_FIRST_POLL_MS: '1',
        RECONCILE_INTERVAL_MS: '3600000',
        DTONE_TIMEOUT_MS: '1000',
      },
    });
    const productId = t.sandbox.catalogue.products.find(
      (p) =>
        p.type === 'FIXED_VALUE_RECHARGE' &&
        JSON.stringify(p.json.en.required_credit_party_identifier_fields) === '[["mobile_number"]]',
    )!.id;
    let run = 0;
    const commands = fc.commands(
      [
        fc
          .tuple(
            fc.integer({ min: 0, max: 3 }),
            fc.constantFrom<Fault>('none', 'none', '503', '429', 'reset', 'hang'),
          )
          .map(([key, fault]) => new Create(key, fault)),
        fc.constant(new Reconcile()),
      ],
      { maxCommands: 12 },
    );
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        run++;
        const real: Real = { t, productId, keys: [0, 1, 2, 3].map((k) => `model-${run}-${k}`) };
        await fc.asyncModelRun(() => ({ model: {}, real }), cmds);
        // Settling: polls until every transaction DT One has is final there and here.
        const settled = await waitFor(
          'every transaction settled',
          async () => {
            await t.gateway.reconcileNow();
            return records(real);
          },
          (all) => all.every((r) => r.phase === 'FAILED' || isFinal(r.statusClass)),
          20_000,
        );
        const upstream = t.sandbox.control.engine.all() as unknown as {
          external_id: string;
          status: { class: { message: string } };
        }[];
        for (const record of settled) {
          expect(t.sandbox.control.engine.countByExternalId(record.externalId)).toBeLessThanOrEqual(1);
          const theirs = upstream.find((u) => u.external_id === record.externalId);
          if (theirs) expect(record.statusClass).toBe(theirs.status.class.message);
          else expect(record.phase).toBe('FAILED');
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }, 300_000);
});
