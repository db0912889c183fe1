import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { startGateway } from '../helpers/gateway.js';

const CREATE = /* GraphQL */ `
  mutation ($input: CreateTransactionInput!) {
    createTransaction(input: $input) {
      __typename
      ... on Error { code }
      ... on InvalidAmountError { field }
      ... on CreateTransactionSuccess {
        transaction {
          id statusClass final
          source { amount unit }
          destination { amount unit }
          wholesalePrice { amount unit }
          fee { amount unit }
          history { statusClass source }
        }
      }
    }
  }
`;
const QUOTE = /* GraphQL */ `
  query ($productId: Int!, $amount: Decimal!) {
    quote(productId: $productId, amount: $amount, mode: DESTINATION_AMOUNT) {
      ... on QuoteSuccess { quote { source { amount } destination { amount } wholesalePrice { amount } fee { amount } } }
    }
  }
`;

type Tx = {
  id: string;
  statusClass: string;
  final: boolean;
  source: { amount: string; unit: string };
  destination: { amount: string; unit: string };
  wholesalePrice: { amount: string; unit: string };
  fee: { amount: string; unit: string };
  history: { statusClass: string; source: string }[];
};

describe('money through createTransaction', () => {
  it.each([
    ['JPY (0 minor digits)', 4243, '1234'],
    ['BHD (3 minor digits)', 850, '12.340'],
    ['IDR (2 minor digits)', 3722, '50000.00'],
  ])(
    'keeps a %s amount exact from input to DT One and back, priced as the quote says',
    async (_name, productId, amount) => {
      const { sandbox, gql } = await startGateway();
      const quote = await gql<{ quote: { quote: Record<string, { amount: string }> } }>(QUOTE, {
        productId,
        amount,
      });
      const res = await gql<{ createTransaction: { __typename: string; transaction: Tx } }>(CREATE, {
        input: {
          idempotencyKey: randomUUID(),
          productId,
          creditParty: { mobileNumber: '+6591234100' },
          amount,
          calculationMode: 'DESTINATION_AMOUNT',
        },
      });
      const tx = res.data!.createTransaction.transaction;
      expect(tx.destination.amount).toBe(amount);
      expect(tx.source.amount).toBe(quote.data!.quote.quote.source!.amount);
      expect(tx.wholesalePrice.amount).toBe(quote.data!.quote.quote.wholesalePrice!.amount);
      expect(tx.fee.amount).toBe(quote.data!.quote.quote.fee!.amount);
      const upstream = sandbox.control.engine.all().at(-1) as unknown as {
        destination?: unknown;
        adjusted_values: { destination: { amount: { toString(): string } } };
      };
      expect(String(upstream.adjusted_values.destination.amount)).toBe(amount);
    },
  );

  it('refuses a mode the product does not accept and an amount more precise than its currency', async () => {
    const { gql } = await startGateway();
    const base = { creditParty: { mobileNumber: '+6591234100' } };
    const mode = await gql<{ createTransaction: { __typename: string } }>(CREATE, {
      input: {
        ...base,
        idempotencyKey: randomUUID(),
        productId: 865,
        amount: '5.000',
        calculationMode: 'SOURCE_AMOUNT',
      },
    });
    expect(mode.data!.createTransaction.__typename).toBe('CalculationModeNotAcceptedError');
    const precise = await gql<{ createTransaction: { __typename: string; field: string } }>(CREATE, {
      input: {
        ...base,
        idempotencyKey: randomUUID(),
        productId: 4243,
        amount: '1234.5',
        calculationMode: 'DESTINATION_AMOUNT',
      },
    });
    expect(precise.data!.createTransaction).toMatchObject({
      __typename: 'InvalidAmountError',
      field: 'amount',
    });
  });

  it('answers UpstreamUnavailableError when DT One is unavailable, and sends nothing twice on retry', async () => {
    const { sandbox, gql } = await startGateway();
    sandbox.control.faults.add({ route: 'POST /v1/async/transactions', status: 503, body: 'unavailable' });
    const input = {
      idempotencyKey: randomUUID(),
      productId: 4243,
      creditParty: { mobileNumber: '+6591234100' },
      amount: '500',
      calculationMode: 'DESTINATION_AMOUNT',
    };
    const first = await gql<{ createTransaction: { __typename: string } }>(CREATE, { input });
    expect(first.data!.createTransaction.__typename).toBe('UpstreamUnavailableError');
    const retry = await gql<{ createTransaction: { __typename: string } }>(CREATE, { input });
    expect(retry.data!.createTransaction.__typename).toBe('CreateTransactionSuccess');
    expect(sandbox.control.engine.all()).toHaveLength(1);
  });

  it('in SYNC mode waits for the final status, records its history, and the balance moves by exactly price + fee', async () => {
    let now = Date.now();
    const { sandbox, gql } = await startGateway({ gatewayOptions: { sharedCache: { now: () => now } } });
    const BALANCES = /* GraphQL */ `{ balances(unit: "USD") { available { amount } holding { amount } } }`;
    const before = await gql<{ balances: { available: { amount: string } }[] }>(BALANCES);
    const res = await gql<{ createTransaction: { __typename: string; transaction: Tx } }>(CREATE, {
      input: {
        idempotencyKey: randomUUID(),
        productId: 4243,
        creditParty: { mobileNumber: '+6591234100' },
        amount: '2000',
        calculationMode: 'DESTINATION_AMOUNT',
        autoConfirm: true,
        mode: 'SYNC',
      },
    });
    const tx = res.data!.createTransaction.transaction;
    expect(tx).toMatchObject({ statusClass: 'COMPLETED', final: true });
    expect(tx.history[0]!.source).toBe('create');
    expect(tx.history.at(-1)!.statusClass).toBe('COMPLETED');

    now += 10_000;
    const after = await gql<{ balances: { available: { amount: string }; holding: { amount: string } }[] }>(
      BALANCES,
    );
    const spent = new Decimal(before.data!.balances[0]!.available.amount).minus(
      after.data!.balances[0]!.available.amount,
    );
    expect(spent.toFixed(2)).toBe(new Decimal(tx.wholesalePrice.amount).plus(tx.fee.amount).toFixed(2));
    expect(sandbox.control.ledger.totals('USD').holding).toMatch(/^0(\.0+)?$/);

    const list = await gql<{ transactions: { totalCount: number; edges: { node: { id: string } }[] } }>(
      /* GraphQL */ `{ transactions(first: 10, filter: { statusClass: COMPLETED }) { totalCount edges { node { id } } } }`,
    );
    expect(list.data!.transactions.edges.map((e) => e.node.id)).toContain(tx.id);
  });

  it("answers node(id) for another tenant's transaction with null, as for a missing one", async () => {
    const t = await startGateway();
    const res = await t.gql<{ createTransaction: { transaction: Tx } }>(CREATE, {
      input: {
        idempotencyKey: randomUUID(),
        productId: 4243,
        creditParty: { mobileNumber: '+6591234100' },
        amount: '500',
        calculationMode: 'DESTINATION_AMOUNT',
      },
    });
    const id = res.data!.createTransaction.transaction.id;
    const other = await t.createKey('globex');
    const NODE = /* GraphQL */ `query ($id: ID!) { node(id: $id) { id } }`;
    expect((await t.gql(NODE, { id })).data).toEqual({ node: { id } });
    expect((await t.gql(NODE, { id }, { authorization: `Bearer ${other}` })).data).toEqual({ node: null });
  });
});
