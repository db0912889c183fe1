import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { SECRET_OVERLAP_MS } from '../../src/webhooks/signing.js';
import { startGateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';
import { webhookReceiver } from '../helpers/webhook-receiver.js';
import { newIntent } from '../store/fixture.js';

interface Rotated {
  rotateWebhookEndpointSecret: { secret: string; endpoint: { previousSecretExpiresAt: string | null } };
}

describe('webhook secret rotation', () => {
  it('signs with the new and the previous secret for 24 hours after a rotation, then with the new one only', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dtgw-rotate-'));
    const t = await startGateway({ dataDir, env: { WEBHOOK_ALLOW_PRIVATE_URLS: 'true' } });
    const as = { authorization: `Bearer ${await t.createKey('acme', ['webhooks:admin'])}` };
    const receiver = await webhookReceiver();
    const created = await t.gql<{ createWebhookEndpoint: { secret: string; endpoint: { id: string } } }>(
      'mutation($url: String!) { createWebhookEndpoint(url: $url) { secret endpoint { id } } }',
      { url: receiver.url },
      as,
    );
    const { secret: old, endpoint } = created.data!.createWebhookEndpoint;
    const deliver = async (n: number) => {
      await t.gateway.store.insertIntent(newIntent({ tenantId: 'acme' }));
      await waitFor(
        `delivery ${n}`,
        () => receiver.received.length,
        (count) => count === n,
      );
      const last = receiver.received.at(-1)!;
      return {
        last,
        verify: (secret: string) =>
          new Webhook(secret).verify(last.text, last.headers as Record<string, string>),
      };
    };
    const db = new BetterSqlite3(join(dataDir, 'gateway.db'));
    const row = () =>
      db.prepare('select cursor_seq, lease_token from webhook_endpoints where id = ?').get(endpoint.id) as {
        cursor_seq: number;
        lease_token: string | null;
      };
    // A turn signs with the endpoint as it was claimed: each step below waits for the worker to give it back.
    const givenBack = (seq: number) =>
      waitFor('the endpoint given back', row, (r) => r.cursor_seq === seq && r.lease_token === null);
    const before = await deliver(1);
    expect(before.last.headers['webhook-signature']).toMatch(/^v1,\S+$/);
    await givenBack(1);

    const rotated = await t.gql<Rotated>(
      /* GraphQL */ `mutation($id: String!) {
        rotateWebhookEndpointSecret(id: $id) { secret endpoint { previousSecretExpiresAt } } }`,
      { id: endpoint.id },
      as,
    );
    const { secret: fresh, endpoint: after } = rotated.data!.rotateWebhookEndpointSecret;
    const expires = Date.parse(after.previousSecretExpiresAt!);
    expect(Math.abs(expires - SECRET_OVERLAP_MS - Date.now())).toBeLessThan(60_000);

    // Within the overlap: two signatures, and a receiver holding either secret accepts.
    const during = await deliver(2);
    expect(during.last.headers['webhook-signature']).toMatch(/^v1,\S+ v1,\S+$/);
    expect(during.verify(old)).toMatchObject({ seq: 2 });
    expect(during.verify(fresh)).toMatchObject({ seq: 2 });

    // The rotation a day and a minute ago (written as an operator's clock would have it): the old secret is done.
    await givenBack(2);
    const longAgo = new Date(Date.now() - SECRET_OVERLAP_MS - 60_000).toISOString();
    db.prepare('update webhook_endpoints set secret_rotated_at = ? where id = ?').run(longAgo, endpoint.id);
    db.close();
    const later = await deliver(3);
    expect(later.last.headers['webhook-signature']).toMatch(/^v1,\S+$/);
    expect(later.verify(fresh)).toMatchObject({ seq: 3 });
    expect(() => later.verify(old)).toThrow();
    const listed = await t.gql<{ webhookEndpoints: { previousSecretExpiresAt: string | null }[] }>(
      '{ webhookEndpoints { previousSecretExpiresAt } }',
      {},
      as,
    );
    expect(listed.data?.webhookEndpoints).toEqual([{ previousSecretExpiresAt: null }]);
  });
});
