import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { postEventStream, startGateway, type TestGateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';

/**
 * Scope bypasses (issue 12, item 3): each reached data its key's scopes do not cover. Every refusal must be
 * FORBIDDEN at the field that would have answered it, whatever path led there.
 */
let t: TestGateway;
let full: string;
const auth = (key: string) => ({ authorization: `Bearer ${key}` });
const forbiddenAt = (
  errors: { path?: (string | number)[]; extensions?: Record<string, unknown> }[] | undefined,
) => (errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => (e.path ?? []).join('.'));

const CREATE = /* GraphQL */ `
  mutation ($input: CreateTransactionInput!) {
    createTransaction(input: $input) {
      __typename
      ... on Error { code }
      ... on CreateTransactionSuccess {
        transaction { id statusClass retailPrice { amount } product { __typename name operator { name } } pin { code serial } }
      }
    }
  }
`;

function pinProduct() {
  return t.sandbox.catalogue.products.find(
    (p) =>
      p.type === 'FIXED_VALUE_PIN_PURCHASE' &&
      p.json.en.required_credit_party_identifier_fields === null &&
      (p.json.en.prices as { wholesale: { unit: string } }).wholesale.unit === 'USD',
  )!;
}

beforeAll(async () => {
  t = await startGateway();
  full = t.apiKey;
});

describe('catalogue:read on every path', () => {
  it('refuses node(id:) on a Country and an Operator to a key without catalogue:read', async () => {
    const ids = await t.gql<{ country: { id: string; operators: { edges: { node: { id: string } }[] } } }>(
      '{ country(isoCode: "IDN") { id operators(first: 1) { edges { node { id } } } } }',
    );
    const reader = await t.createKey('acme', ['transactions:read']);
    for (const id of [ids.data!.country.id, ids.data!.country.operators.edges[0]!.node.id]) {
      const res = await t.gql<{ node: unknown }>(
        'query ($id: ID!) { node(id: $id) { id ... on Country { name } ... on Operator { name } } }',
        { id },
        auth(reader),
      );
      expect(res.data?.node ?? null).toBeNull();
      expect(forbiddenAt(res.errors)).toEqual(['node']);
    }
  });

  it('refuses the catalogue behind a transaction and behind a mutation result', async () => {
    const input = { idempotencyKey: randomUUID(), productId: pinProduct().id, autoConfirm: true };
    const created = await t.gql<{ createTransaction: { transaction: { id: string } } }>(CREATE, { input });
    expect(created.errors).toBeUndefined();
    const id = created.data!.createTransaction.transaction.id;

    const reader = await t.createKey('acme', ['transactions:read', 'pins:read']);
    const viaTx = await t.gql<{ transaction: { id: string; product: unknown } }>(
      `query ($id: ID!) { transaction(id: $id) { id product { name operator { country { operators(first: 5) { edges { node { name } } } } } } } }`,
      { id },
      auth(reader),
    );
    expect(viaTx.data?.transaction?.id).toBe(id);
    expect(forbiddenAt(viaTx.errors)).toEqual(['transaction.product']);

    const writer = await t.createKey('acme', ['transactions:write']);
    const viaMutation = await t.gql<{
      createTransaction: { transaction: { id: string; statusClass: string } };
    }>(CREATE, { input: { ...input, idempotencyKey: randomUUID() } }, auth(writer));
    const tx = viaMutation.data?.createTransaction?.transaction;
    expect(tx?.id).toMatch(/./);
    expect(tx?.statusClass).toMatch(/./);
    expect(forbiddenAt(viaMutation.errors), viaMutation.text).toEqual([
      'createTransaction.transaction.product',
      'createTransaction.transaction.pin',
    ]);
  });
});

describe('pins:read', () => {
  it('keeps the PIN from a write-only key replaying a create with the same idempotency key', async () => {
    const input = { idempotencyKey: randomUUID(), productId: pinProduct().id, autoConfirm: true };
    const first = await t.gql<{ createTransaction: { transaction: { id: string } } }>(CREATE, { input });
    const id = first.data!.createTransaction.transaction.id;
    await waitFor(
      'the PIN',
      async () =>
        (
          await t.gql<{ transaction: { pin: { code: string } | null } }>(
            'query ($id: ID!) { transaction(id: $id) { pin { code } } }',
            { id },
            auth(full),
          )
        ).data?.transaction?.pin?.code,
      (code) => typeof code === 'string' && code.length > 0,
    );

    const writer = await t.createKey('acme', ['transactions:write']);
    const replay = await t.gql<{
      createTransaction: { transaction: { id: string; pin: unknown; retailPrice: unknown } };
    }>(
      `mutation ($input: CreateTransactionInput!) {
        createTransaction(input: $input) { ... on CreateTransactionSuccess { transaction { id statusClass pin { code serial } } } }
      }`,
      { input },
      auth(writer),
    );
    expect(replay.data?.createTransaction?.transaction?.id).toBe(id);
    expect(replay.data?.createTransaction?.transaction?.pin ?? null).toBeNull();
    expect(replay.text).not.toMatch(/"code":"\d{16}"/);
    expect(forbiddenAt(replay.errors)).toEqual(['createTransaction.transaction.pin']);

    const reader = await t.createKey('acme', ['transactions:read']);
    const read = await t.gql(
      'query ($id: ID!) { transaction(id: $id) { id pin { code } } }',
      { id },
      auth(reader),
    );
    expect(forbiddenAt(read.errors)).toEqual(['transaction.pin']);
  });
});

describe('transactionUpdated', () => {
  /** The first event of a server-sent-events subscription. */
  async function firstEvent(key: string, id: string) {
    const res = await postEventStream(
      t.url,
      key,
      'subscription ($id: ID!) { transactionUpdated(id: $id) { id statusClass product { name } pin { code } } }',
      { id },
    );
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended without an event: ${buffer}`);
      buffer += decoder.decode(value, { stream: true });
      const line = buffer.split('\n').find((l) => l.startsWith('data: ') && l.endsWith('}'));
      if (line) {
        await reader.cancel();
        return JSON.parse(line.slice(6)) as {
          data?: { transactionUpdated: { id: string } } | null;
          errors?: { path?: (string | number)[]; extensions?: Record<string, unknown> }[];
        };
      }
    }
  }

  it('needs transactions:read to subscribe, and catalogue:read and pins:read for what the event carries', async () => {
    const input = { idempotencyKey: randomUUID(), productId: pinProduct().id, autoConfirm: true };
    const created = await t.gql<{ createTransaction: { transaction: { id: string } } }>(CREATE, { input });
    const id = created.data!.createTransaction.transaction.id;

    const writer = await firstEvent(await t.createKey('acme', ['transactions:write']), id);
    expect(writer.data?.transactionUpdated ?? null).toBeNull();
    expect(forbiddenAt(writer.errors)).toEqual(['transactionUpdated']);

    const reader = await firstEvent(await t.createKey('acme', ['transactions:read']), id);
    expect(reader.data?.transactionUpdated?.id).toBe(id);
    expect(forbiddenAt(reader.errors).sort()).toEqual([
      'transactionUpdated.pin',
      'transactionUpdated.product',
    ]);

    const all = await firstEvent(full, id);
    expect(all.errors).toBeUndefined();
    expect(all.data?.transactionUpdated?.id).toBe(id);
  });
});
