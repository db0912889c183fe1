import { afterAll, describe, expect, it } from 'vitest';
import { type AccountClients, createAccountClients } from '../../src/datasources/account-clients.js';
import { createMemoryBudget } from '../../src/datasources/http/budget.js';
import { startSandbox } from '../helpers/sandbox.js';
import { waitFor } from '../helpers/wait.js';

/** Whether a client still answers: a retired one is closed and refuses every call. */
const answers = (client: { listBalances(): Promise<unknown> }) =>
  client.listBalances().then(
    () => true,
    () => false,
  );

const sandbox = await startSandbox();
const other = sandbox.control.accounts.add();
const opened: AccountClients[] = [];
afterAll(() => Promise.all(opened.map((c) => c.close())));

function open(retireAfterMs = 20) {
  const budgets: string[] = [];
  const clients = createAccountClients({
    dvs: { baseUrl: `${sandbox.url}/v1`, timeoutMs: 2_000, connections: 2 },
    gs: { baseUrl: `${sandbox.url}/v1.1`, timeoutMs: 2_000 },
    budgetFor: (account) => {
      budgets.push(account);
      return createMemoryBudget();
    },
    onAttempt: () => undefined,
    retireAfterMs,
  });
  opened.push(clients);
  return { clients, budgets };
}

describe('the clients of DT One accounts', () => {
  it('opens one client per key pair, reused; an account is named by a hash, never its key', async () => {
    const { clients } = open();
    const first = clients.dvs(other.credentials.dvs);
    expect(clients.dvs({ ...other.credentials.dvs })).toBe(first);
    expect(first.id).not.toContain(other.credentials.dvs.apiKey);
    expect(clients.dvs(sandbox.credentials.dvs).id).not.toBe(first.id);
    expect(clients.findDvs(first.id)).toBe(first);
    expect((await first.client.listBalances()).items).toHaveLength(2);
  });

  it("replaces an account's client when its secret rotates, and closes the old one once its calls are done", async () => {
    const { clients, budgets } = open();
    const before = clients.dvs(other.credentials.dvs);
    const rotated = clients.dvs({ apiKey: other.credentials.dvs.apiKey, apiSecret: 'rotated-secret' });
    expect(rotated).not.toBe(before);
    expect(rotated.id).toBe(before.id);
    expect(clients.findDvs(before.id)).toBe(rotated);
    // One budget per account, kept across the rotation.
    expect(budgets).toEqual([before.id, before.id]);
    await waitFor(
      'the old client closed',
      () => answers(before.client),
      (open) => !open,
    );
  });

  it("never replaces the deployment's own client, whatever secret a tenant holds for its key", async () => {
    const { clients } = open();
    const deployment = clients.dvs(sandbox.credentials.dvs, true);
    const wrong = clients.dvs({ apiKey: sandbox.credentials.dvs.apiKey, apiSecret: 'not-the-secret' });
    expect(wrong.isDefault).toBe(false);
    // Barrier: a rotation made after this one has retired its old client, so any retirement due by now happened.
    const probe = clients.dvs(other.credentials.dvs);
    clients.dvs({ apiKey: other.credentials.dvs.apiKey, apiSecret: 'rotated-probe' });
    await waitFor(
      'the probe retired',
      () => answers(probe.client),
      (open) => !open,
    );
    expect((await deployment.client.listBalances()).items).toHaveLength(2);
    expect(clients.dvs(sandbox.credentials.dvs)).toBe(deployment);
  });
});
