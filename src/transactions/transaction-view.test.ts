import { describe, expect, it, vi } from 'vitest';
import type { TransactionRecord } from '../store/types.js';
import { storedJson, transactionView } from './transaction-view.js';

const record = (upstream: object | null) =>
  ({
    productSnapshot: JSON.stringify({ id: 7, name: 'USD 5' }),
    request: JSON.stringify({ productId: 7 }),
    upstream: upstream && JSON.stringify(upstream),
  }) as unknown as TransactionRecord;

describe('transaction view', () => {
  it('reads the stored JSON once per record, however many fields ask', () => {
    const r = record({
      prices: { wholesale: { unit_type: 'CURRENCY', unit: 'USD', amount: '4.5', fee: '0.1' } },
      requested_values: { source: { unit_type: 'CURRENCY', unit: 'USD', amount: '5' } },
      operator_reference: 'op-1',
    });
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const view = transactionView(r);
      expect(transactionView(r)).toBe(view);
      expect(storedJson(r, 'upstream')).toBe(storedJson(r, 'upstream'));
      expect(parse).toHaveBeenCalledTimes(2);
      expect(view.wholesalePrice).toEqual({ amount: '4.5', unit: 'USD', unitType: 'CURRENCY' });
      expect(view.fee).toEqual({ amount: '0.1', unit: 'USD', unitType: 'CURRENCY' });
      expect(view.source).toEqual({ amount: '5', unit: 'USD', unitType: 'CURRENCY' });
      expect(view.operatorReference).toBe('op-1');
      expect(view.product).toMatchObject({ id: 7 });
    } finally {
      parse.mockRestore();
    }
  });

  it('answers null for what DT One has not told yet', () => {
    const view = transactionView(record(null));
    expect(view).toMatchObject({
      source: null,
      wholesalePrice: null,
      fee: null,
      confirmationExpiresAt: null,
    });
  });
});
