import { describe, expect, it } from 'vitest';
import { startGateway } from '../helpers/gateway.js';

/** An amount too long to be exact is the caller's input to fix, never an internal error. */
describe('Decimal past 1,000 digits', () => {
  const huge = '9'.repeat(1_200);

  it('is refused as a variable, a literal or inside an input object, and BAD_USER_INPUT through arithmetic', async () => {
    const t = await startGateway();
    const product = t.sandbox.catalogue.products.find((p) => p.type === 'RANGED_VALUE_RECHARGE')!;
    const quote =
      'query ($a: Decimal!, $p: Int!) { quote(amount: $a, mode: SOURCE_AMOUNT, productId: $p) { __typename } }';
    const codes = async (query: string, variables: Record<string, unknown>) => {
      const res = await t.gql(query, variables);
      expect(res.status).toBeLessThan(500);
      return (res.errors ?? []).map((e) => e.extensions?.code ?? e.message);
    };
    // Refused while the request is read (variable coercion, validation): a 400 that says why.
    const outOfRange = expect.stringMatching(
      /Decimal is out of range: a decimal may have at most 1000 digits/,
    );
    expect(await codes(quote, { a: huge, p: product.id })).toEqual([outOfRange]);
    expect(
      await codes(
        `{ quote(amount: "${huge}", mode: SOURCE_AMOUNT, productId: ${product.id}) { __typename } }`,
        {},
      ),
    ).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const create = 'mutation ($i: CreateTransactionInput!) { createTransaction(input: $i) { __typename } }';
    expect(
      await codes(create, {
        i: {
          idempotencyKey: 'huge-1',
          productId: product.id,
          amount: huge,
          creditParty: { mobileNumber: '+6591234100' },
        },
      }),
    ).toEqual([outOfRange]);
    // 999 digits parse, but the quote's arithmetic runs past the limit.
    const nines = await codes(quote, { a: '9'.repeat(999), p: product.id });
    expect(nines).not.toContain('INTERNAL_SERVER_ERROR');
  });
});
