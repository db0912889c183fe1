import { afterEach, expect } from 'vitest';
import { createSpecValidator } from '../../../test/helpers/spec-validator.js';
import type { JsonObject } from '../catalogue/types.js';
import { createClock } from '../clock.js';
import { GsSandboxError, SandboxError } from '../errors.js';
import { createLedger } from '../ledger.js';
import { createTransactionEngine, type TransactionEngineOptions } from './engine.js';
import { testCatalogue } from './test-catalogue.js';

const leftovers: Array<() => void> = [];
afterEach(() => {
  for (const dispose of leftovers.splice(0)) dispose();
});

/** A transaction engine over the test catalogue on its own clock, disposed after the test. */
export function engineUnderTest(options: Partial<TransactionEngineOptions> = {}) {
  const catalogue = options.catalogue ?? testCatalogue();
  const clock = options.clock ?? createClock();
  const ledger = options.ledger ?? createLedger(catalogue.balances);
  const engine = createTransactionEngine({ ...options, catalogue, clock, ledger });
  leftovers.push(() => {
    engine.dispose();
    clock.dispose();
  });
  return { catalogue, clock, ledger, engine };
}

/** The error `action` fails with (it must fail with a sandbox error). */
export async function failure(action: () => unknown): Promise<SandboxError | GsSandboxError> {
  try {
    await action();
  } catch (error) {
    if (error instanceof SandboxError || error instanceof GsSandboxError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** A create body for the fixed SGD 6.50 airtime product. */
export function airtime(
  externalId: string,
  mobileNumber = '+6595123100',
  extra: JsonObject = {},
): JsonObject {
  return {
    external_id: externalId,
    product_id: 1,
    credit_party_identifier: { mobile_number: mobileNumber },
    ...extra,
  };
}

export function statusOf(transaction: JsonObject): string {
  return (transaction.status as JsonObject).message as string;
}

/** Asserts `body` is a valid spec `transaction` as `GET /transactions/{id}` answers it. */
export function expectSpecTransaction(body: JsonObject): void {
  const validator = createSpecValidator();
  expect(validator.validateSchema('transaction', body)).toEqual([]);
  expect(validator.validateResponse('GET', '/transactions/{transaction_id}', 200, body)).toEqual([]);
}
