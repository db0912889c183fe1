import { describe, expect, it } from 'vitest';
import { startGateway } from '../helpers/gateway.js';
import { startSandbox } from '../helpers/sandbox.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const QUERY = /* GraphQL */ `
  query ($iso: CountryCode!) {
    country(isoCode: $iso) {
      name
      operators(first: 10) { edges { node { name products(first: 5) { totalCount edges { node { productId } } } } } }
    }
  }
`;

describe('two gateways sharing Redis', () => {
  it('a query warmed on one costs zero upstream calls on the other', async () => {
    const sandbox = await startSandbox();
    const a = await startGateway({ sandbox, env: { REDIS_URL } });
    const b = await startGateway({ sandbox, env: { REDIS_URL } });
    const iso = 'IDN';

    sandbox.control.resetCalls();
    const onA = await a.gql(QUERY, { iso });
    expect(onA.errors).toBeUndefined();
    expect(sandbox.control.calls()).toBeGreaterThan(0);

    sandbox.control.resetCalls();
    const onB = await b.gql(QUERY, { iso });
    expect(onB.errors).toBeUndefined();
    expect(onB.data).toEqual(onA.data);
    expect(sandbox.control.calls()).toBe(0);
  });

  it('keeps answering from DT One when Redis cannot be reached', async () => {
    const sandbox = await startSandbox();
    const g = await startGateway({ sandbox, env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    const res = await g.gql(QUERY, { iso: 'IDN' });
    expect(res.errors).toBeUndefined();
    expect((res.data as { country: { name: string } }).country.name).toBe('Indonesia');
  });
});
