import { describe, expect, it } from 'vitest';
import { MAX_CONFLICT_RETRIES, retryOnConflict } from '../../src/store/retry.js';

const pgError = (code: string) => Object.assign(new Error(`SQLSTATE ${code}`), { code });

/** A transaction body that fails with the given errors, in order, then succeeds. */
function failingWith(...errors: Error[]) {
  let calls = 0;
  return {
    run: async () => {
      const error = errors[calls];
      calls += 1;
      if (error) throw error;
      return 'committed';
    },
    calls: () => calls,
  };
}

describe('retryOnConflict', () => {
  it('re-runs a transaction that hit a serialization failure or a deadlock', async () => {
    const body = failingWith(pgError('40001'), pgError('40P01'));
    expect(await retryOnConflict(body.run)).toBe('committed');
    expect(body.calls()).toBe(3);
  });

  it(`gives up after ${MAX_CONFLICT_RETRIES} retries with the last conflict`, async () => {
    const body = failingWith(...Array.from({ length: MAX_CONFLICT_RETRIES + 1 }, () => pgError('40001')));
    await expect(retryOnConflict(body.run)).rejects.toMatchObject({ code: '40001' });
    expect(body.calls()).toBe(MAX_CONFLICT_RETRIES + 1);
  });

  it('never re-runs on any other error', async () => {
    const body = failingWith(pgError('23505'));
    await expect(retryOnConflict(body.run)).rejects.toMatchObject({ code: '23505' });
    expect(body.calls()).toBe(1);
  });
});
