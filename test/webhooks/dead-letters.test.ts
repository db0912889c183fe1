import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inProcessCli } from '../helpers/cli.js';
import { startGateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';
import { webhookReceiver } from '../helpers/webhook-receiver.js';
import { newIntent } from '../store/fixture.js';

const DEAD_LETTERS = /* GraphQL */ `query($id: String!, $first: Int, $after: String) {
  webhookDeadLetters(endpointId: $id, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { seq attempts lastError at } }
  } }`;

interface DeadLetterPage {
  webhookDeadLetters: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { seq: string; attempts: number; lastError: string | null; at: string } }[];
  };
}

describe('webhook dead letters over GraphQL', () => {
  it("pages an endpoint's dead letters for its tenant's webhooks:admin key, as the CLI lists them", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dtgw-dead-'));
    // A one-second horizon on a millisecond schedule: a receiver failing every time is given up on within a second.
    const t = await startGateway({
      dataDir,
      env: {
        WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
        WEBHOOK_RETRY_SCALE: '0.001',
        WEBHOOK_RETRY_HORIZON_MS: '1000',
      },
    });
    const as = (key: string) => ({ authorization: `Bearer ${key}` });
    const acme = await t.createKey('acme', ['webhooks:admin']);
    const receiver = await webhookReceiver(() => 503);
    const created = await t.gql<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
      'mutation($url: String!) { createWebhookEndpoint(url: $url) { endpoint { id } } }',
      { url: receiver.url },
      as(acme),
    );
    const id = created.data!.createWebhookEndpoint.endpoint.id;
    await t.gateway.store.insertIntent(newIntent({ tenantId: 'acme' }));
    await t.gateway.store.insertIntent(newIntent({ tenantId: 'acme' }));

    const first = await waitFor(
      'two dead letters',
      () => t.gql<DeadLetterPage>(DEAD_LETTERS, { id, first: 1 }, as(acme)),
      (res) => res.data?.webhookDeadLetters.totalCount === 2,
    );
    const page1 = first.data!.webhookDeadLetters;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(page1.edges.map((e) => e.node)).toEqual([
      { seq: '1', attempts: expect.any(Number), lastError: 'HTTP 503', at: expect.any(String) },
    ]);
    const second = await t.gql<DeadLetterPage>(
      DEAD_LETTERS,
      { id, first: 1, after: page1.pageInfo.endCursor },
      as(acme),
    );
    const page2 = second.data!.webhookDeadLetters;
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect(page2.edges.map((e) => e.node.seq)).toEqual(['2']);

    // The CLI lists the same dead letters, from the same store query.
    const listed = await inProcessCli({ DATA_DIR: dataDir })('webhooks', 'dead-letters', '--endpoint', id);
    expect(listed.code).toBe(0);
    expect(listed.out).toEqual(
      [...page1.edges, ...page2.edges].map(
        ({ node: d }) => `#${d.seq}  ${d.at}  ${d.attempts} attempt(s)  ${d.lastError}`,
      ),
    );

    // Another tenant's admin key gets NOT_FOUND (as for a missing id), and a key without the scope FORBIDDEN.
    const globex = await t.createKey('globex', ['webhooks:admin']);
    const foreign = await t.gql(DEAD_LETTERS, { id }, as(globex));
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const missing = await t.gql(DEAD_LETTERS, { id: 'we_missing' }, as(acme));
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const reader = await t.createKey('acme', ['transactions:read']);
    const forbidden = await t.gql(DEAD_LETTERS, { id }, as(reader));
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
