import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { stringify } from 'lossless-json';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/sandbox/catalogue/types.js';
import { SandboxStateError } from '../../src/sandbox/persistence/sqlite.js';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/server.js';
import { callbackReceiver } from '../helpers/callback-receiver.js';
import { dvs } from '../helpers/sandbox.js';
import { waitFor } from '../helpers/wait.js';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const leftovers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(leftovers.splice(0).map((stop) => stop()));
});

function freshFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'sandbox-state-'));
  folders.push(folder);
  return folder;
}

/** A sandbox keeping its state in `dataDir`, stopped after the test unless the test stops it first. */
async function sandboxOn(dataDir: string, options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = await createSandbox({ ...options, dataDir });
  leftovers.push(() => sandbox.stop());
  return sandbox;
}

/** A fixed USD 1.07 airtime top-up of the seed-1 catalogue; the number's last three digits pick the outcome. */
function topUp(externalId: string, mobileNumber: string, extra: JsonObject = {}): JsonObject {
  return {
    external_id: externalId,
    product_id: 1,
    credit_party_identifier: { mobile_number: mobileNumber },
    ...extra,
  };
}

async function create(sandbox: Sandbox, body: JsonObject): Promise<JsonObject> {
  const res = await dvs(sandbox, '/async/transactions', { body });
  expect(res.status).toBe(201);
  return res.json as JsonObject;
}

const statusOf = (tx: JsonObject) => (tx.status as JsonObject).message as string;
const idOf = (tx: JsonObject) => tx.id as number;

/** Everything a client or a test can see of the sandbox's state, as exact JSON text. */
function stateOf(sandbox: Sandbox) {
  const { engine, ledger, gs } = sandbox.control;
  return {
    transactions: stringify(engine.all()),
    balances: stringify(ledger.list()),
    totals: ledger.totals('USD'),
    entries: JSON.stringify(ledger.entries()),
    payments: stringify(gs.all()),
  };
}

function gsPayment(sandbox: Sandbox, externalId: string) {
  const account = sandbox.catalogue.gsAccounts[0]!;
  return {
    body: {
      account_number: account.accountNumber,
      product_id: String(account.productId),
      external_id: externalId,
      simulation: '0',
      sender: { last_name: 'Delorm', first_name: 'John', mobile: '6012345678' },
      recipient: { last_name: 'Delorm', first_name: 'Lisa', mobile: '6012234345' },
    },
  };
}

async function failureCode(action: () => unknown): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return (error as { code?: unknown }).code;
  }
  throw new Error('expected the call to fail');
}

/** DVS status class → what must have become of the transaction's hold. */
const HOLD_BY_CLASS: Record<string, string> = {
  CREATED: 'held',
  CONFIRMED: 'held',
  SUBMITTED: 'held',
  COMPLETED: 'captured',
  DECLINED: 'voided',
  CANCELLED: 'voided',
};

const classOf = (tx: JsonObject) => ((tx.status as JsonObject).class as JsonObject).message as string;

/**
 * Checks that the ledger and the transactions tell the same story: each transaction's hold is where its status
 * says, and the USD balance is exactly the seed's 50,000 less what the held and captured holds amount to.
 */
function expectConsistent(sandbox: Sandbox): JsonObject[] {
  const { engine, ledger } = sandbox.control;
  const transactions = engine.all();
  let holding = new Decimal(0);
  let captured = new Decimal(0);
  transactions.forEach((tx, index) => {
    expect(idOf(tx)).toBe(1_000_000_001 + index);
    // Only creates authorize, one hold each, in order: the n-th transaction holds with `hold-n`.
    const hold = ledger.hold(`hold-${index + 1}`)!;
    expect([tx.external_id, hold.state]).toEqual([tx.external_id, HOLD_BY_CLASS[classOf(tx)]]);
    if (hold.state === 'held') holding = holding.plus(hold.amount);
    if (hold.state === 'captured') captured = captured.plus(hold.amount);
  });
  const totals = ledger.totals('USD');
  expect([totals.holding, totals.captured]).toEqual([holding.toFixed(), captured.toFixed()]);
  expect(new Decimal(totals.available).plus(holding).plus(captured).toFixed()).toBe('50000');
  expect(ledger.entries().at(-1)).toMatchObject({ available: totals.available, holding: totals.holding });
  return transactions;
}

const moving = (transactions: JsonObject[]) =>
  transactions.filter((tx) => ['CONFIRMED', 'SUBMITTED'].includes(classOf(tx)));

describe('a sandbox with a data folder', () => {
  it('comes back consistent after a SIGKILL in the middle of a stream of changes', async () => {
    const folder = freshFolder();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/sandbox/fixtures/busy-sandbox.ts', folder],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    leftovers.push(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const made = () => Number(output.trim().split('\n').at(-1));
    await waitFor('the busy sandbox to make 300 top-ups', made, (n) => n >= 300, 60_000);
    child.kill('SIGKILL');
    await exited;

    const restarted = await sandboxOn(folder, { timeScale: 0.001 });
    const kept = expectConsistent(restarted);
    // Every create it reported is there; the one it was making when killed may be too (committed whole, or not at all).
    expect(kept.length).toBeGreaterThanOrEqual(made());
    expect(moving(kept).length).toBeGreaterThan(0);
    restarted.control.clock.advance(300_000);
    expect(moving(expectConsistent(restarted))).toEqual([]);
  });

  it('keeps transactions in every state, bill payments, balances and movements across a restart', async () => {
    const folder = freshFolder();
    const first = await sandboxOn(folder);
    const created = await create(first, topUp('keep-created', '+6591234100'));
    const cancelled = await create(first, topUp('keep-cancelled', '+6591234100'));
    expect((await dvs(first, `/transactions/${idOf(cancelled)}/cancel`, { method: 'POST' })).status).toBe(
      202,
    );
    const completed = await create(first, topUp('keep-completed', '+6591234101', { auto_confirm: true }));
    const declined = await create(first, topUp('keep-declined', '+6591234102', { auto_confirm: true }));
    const moving = await create(first, topUp('keep-moving', '+6591234300', { auto_confirm: true }));
    first.control.clock.advance(3_000);
    const { body } = gsPayment(first, '1001');
    first.control.gs.pay(body);
    const statuses = (sandbox: Sandbox) =>
      [created, cancelled, completed, declined, moving].map((tx) =>
        statusOf(sandbox.control.engine.get(idOf(tx))),
      );
    expect(statuses(first)).toEqual([
      'CREATED',
      'CANCELLED',
      'COMPLETED',
      'DECLINED-INVALID-CREDIT-PARTY',
      'SUBMITTED',
    ]);
    const before = stateOf(first);
    const clockBefore = first.control.clock.now();
    await first.stop();

    const second = await sandboxOn(folder);
    expect(stateOf(second)).toEqual(before);
    expect(second.control.clock.now()).toBeGreaterThanOrEqual(clockBefore);
    // The PIN and reference drawn at completion come back as they were, not drawn again.
    expect(second.control.engine.get(idOf(completed)).pin).toEqual(
      first.control.engine.get(idOf(completed)).pin,
    );

    // Ids, holds and external ids carry on from where the first run stopped.
    const next = await create(second, topUp('keep-next', '+6591234100'));
    expect(idOf(next)).toBe(idOf(moving) + 1);
    expect(second.control.ledger.entries().at(-1)).toMatchObject({ kind: 'authorize', holdId: 'hold-6' });
    const again = await dvs(second, '/async/transactions', { body: topUp('keep-created', '+6591234100') });
    expect(again.json).toMatchObject({ errors: [{ code: 1007001 }] });
    expect(await failureCode(() => second.control.gs.pay(body))).toBe(1000990);
    const samebill = gsPayment(second, '1002').body;
    expect(await failureCode(() => second.control.gs.pay(samebill))).toBe(1000212);

    // The transaction still on its way completes at its own due time; the CREATED one can still be confirmed.
    second.control.clock.advance(300_000);
    expect(statusOf(second.control.engine.get(idOf(moving)))).toBe('COMPLETED');
    const confirmed = await dvs(second, `/async/transactions/${idOf(created)}/confirm`, { method: 'POST' });
    expect(statusOf(confirmed.json as JsonObject)).toBe('CONFIRMED');
    // 1.07 USD captured for each of the two completed top-ups, held for the confirmed and the new one.
    const gsDebit = first.control.ledger.entries().find((e) => e.kind === 'debit')!.amount;
    const totals = second.control.ledger.totals('USD');
    expect(totals.holding).toBe('2.14');
    expect(totals.captured).toBe(new Decimal('2.14').plus(gsDebit).toFixed());
  });

  it('makes a transition that fell due while it was down happen after the restart, and calls back once', async () => {
    const folder = freshFolder();
    const callbacks = await callbackReceiver();
    const timeScale = 0.025; // the …200 outcome lands 20 s × 0.025 = 500 ms after confirmation
    const first = await sandboxOn(folder, { timeScale });
    const tx = await create(
      first,
      topUp('down-1', '+6591234200', { auto_confirm: true, callback_url: callbacks.url }),
    );
    await first.stop();
    const atStop = first.control.engine.get(idOf(tx));
    expect(['CONFIRMED', 'SUBMITTED']).toContain(statusOf(atStop));
    const due = Date.parse(atStop.confirmation_date as string) + 20_000 * timeScale;
    await waitFor(
      'the outcome to fall due while the sandbox is down',
      () => Date.now(),
      (now) => now > due,
    );

    const second = await sandboxOn(folder, { timeScale });
    const done = await waitFor(
      'the restored transaction to complete',
      () => second.control.engine.get(idOf(tx)),
      (current) => statusOf(current) === 'COMPLETED',
      5_000,
    );
    await waitFor(
      'its callback',
      () => callbacks.received.length,
      (n) => n > 0,
    );
    await second.control.engine.callbacksIdle();
    expect(callbacks.received.map((r) => r.status)).toEqual(['COMPLETED']);
    expect(callbacks.received[0]?.text).toBe(stringify(done));
    expect(second.control.ledger.entries().filter((e) => e.kind === 'capture')).toHaveLength(1);
    expect(second.control.ledger.totals('USD')).toMatchObject({ holding: '0', captured: '1.07' });
  });

  it('sends a callback still pending at the stop again after the restart, once released, and then forgets it', async () => {
    const folder = freshFolder();
    let answer = 500;
    const callbacks = await callbackReceiver(() => answer);
    const first = await sandboxOn(folder);
    const tx = await create(
      first,
      topUp('retry-1', '+6591234100', { auto_confirm: true, callback_url: callbacks.url }),
    );
    first.control.clock.advance(3_000);
    await waitFor(
      'the first attempt to fail',
      () => first.control.engine.deliveries(),
      (d) => d[0]?.httpStatus === 500,
    );
    await first.stop();

    answer = 204;
    const second = await sandboxOn(folder, { holdCallbacks: true });
    second.control.clock.advance(1_000); // the retry falls due, but callbacks are held
    expect(second.control.engine.deliveries()).toEqual([]);
    second.releaseCallbacks();
    await second.control.engine.callbacksIdle();
    expect(second.control.engine.deliveries()).toEqual([
      { transactionId: idOf(tx), status: 'COMPLETED', attempt: 2, httpStatus: 204, at: expect.any(Number) },
    ]);
    expect(callbacks.received.map((r) => r.status)).toEqual(['COMPLETED', 'COMPLETED']);
    await second.stop();

    const third = await sandboxOn(folder);
    await third.control.engine.callbacksIdle();
    expect(third.control.engine.deliveries()).toEqual([]);
  });

  it('refuses a folder kept for another seed, naming the seed it was made with', async () => {
    const folder = freshFolder();
    await (await sandboxOn(folder, { seed: 7 })).stop();
    const refused = createSandbox({ dataDir: folder, seed: 8 });
    await expect(refused).rejects.toThrow(SandboxStateError);
    await expect(refused).rejects.toThrow(/seed 7.*SANDBOX_SEED=7/);
    await (await sandboxOn(folder, { seed: 7 })).stop();
  });

  it('refuses a second sandbox on a folder in use, and opens it once the first has stopped', async () => {
    const folder = freshFolder();
    const first = await sandboxOn(folder);
    await expect(createSandbox({ dataDir: folder })).rejects.toThrow(/in use by another sandbox/);
    await first.stop();
    const second = await sandboxOn(folder);
    expect(second.databasePath).toBe(join(folder, 'sandbox.db'));
  });
});
