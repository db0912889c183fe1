import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startGateway } from '../helpers/gateway.js';

/** Finding: one request with 15 aliased createTransaction fields made 15 DT One transactions. */
describe('one money mutation per operation', () => {
  const creates = (n: number) =>
    `mutation { ${Array.from(
      { length: n },
      (_, i) =>
        `c${i}: createTransaction(input: { idempotencyKey: "${randomUUID()}", productId: 1, creditParty: { mobileNumber: "+2975600100" } }) { __typename }`,
    ).join(' ')} }`;

  it('refuses 15 aliased creates before anything is sent, and allows them with transactions:batch', async () => {
    const t = await startGateway();
    const writer = await t.createKey('acme', ['transactions:write']);
    const calls = t.sandbox.control.calls();
    const refused = await t.gql(creates(15), {}, { authorization: `Bearer ${writer}` });
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.extensions?.code).toBe('TOO_MANY_MONEY_MUTATIONS');
    expect(refused.errors?.[0]?.message).toContain('this one has 15');
    expect(t.sandbox.control.calls()).toBe(calls);

    // Through a fragment it counts the same.
    const viaFragment = `mutation { ...Two } fragment Two on Mutation { a: confirmTransaction(input: { id: "x" }) { __typename } b: cancelTransaction(input: { id: "y" }) { __typename } }`;
    expect(
      (await t.gql(viaFragment, {}, { authorization: `Bearer ${writer}` })).errors?.[0]?.extensions?.code,
    ).toBe('TOO_MANY_MONEY_MUTATIONS');

    const one = await t.gql(creates(1), {}, { authorization: `Bearer ${writer}` });
    expect(one.errors).toBeUndefined();

    const batcher = await t.createKey('acme', ['transactions:write', 'transactions:batch']);
    const batch = await t.gql(creates(3), {}, { authorization: `Bearer ${batcher}` });
    expect(batch.errors).toBeUndefined();
    expect(Object.keys(batch.data ?? {})).toHaveLength(3);
  });
});
