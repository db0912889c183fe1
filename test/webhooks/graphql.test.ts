import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { startGateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';
import { webhookReceiver } from '../helpers/webhook-receiver.js';
import { newIntent } from '../store/fixture.js';

const CREATE = `mutation($url: String!, $classes: [String!]) {
  createWebhookEndpoint(url: $url, eventClasses: $classes) { secret endpoint { id enabled eventClasses } } }`;

describe('webhook endpoints over GraphQL', () => {
  it("lets a tenant's webhooks:admin key manage its own endpoints only", async () => {
    const t = await startGateway({
      env: { WEBHOOK_ALLOW_PRIVATE_URLS: 'true', WEBHOOK_RETRY_SCALE: '0.001' },
    });
    const acme = await t.createKey('acme', ['webhooks:admin']);
    const globex = await t.createKey('globex', ['webhooks:admin']);
    const reader = await t.createKey('acme', ['catalogue:read']);
    const as = (key: string) => ({ authorization: `Bearer ${key}` });
    const receiver = await webhookReceiver();

    const created = await t.gql<{
      createWebhookEndpoint: { secret: string; endpoint: { id: string; enabled: boolean } };
    }>(CREATE, { url: receiver.url }, as(acme));
    expect(created.errors).toBeUndefined();
    const { secret, endpoint } = created.data!.createWebhookEndpoint;
    expect(secret).toMatch(/^whsec_/);

    await t.gateway.store.insertIntent(newIntent({ tenantId: 'acme' }));
    await waitFor(
      'the event',
      () => receiver.received.length,
      (n) => n >= 1,
    );
    const [first] = receiver.received;
    new Webhook(secret).verify(first!.text, first!.headers as Record<string, string>);

    const bad = await t.gql(CREATE, { url: receiver.url, classes: ['DONE'] }, as(acme));
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const forbidden = await t.gql(CREATE, { url: receiver.url }, as(reader));
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Another tenant sees none of acme's endpoints and cannot touch one.
    const disable = 'mutation($id: String!) { disableWebhookEndpoint(id: $id) { id enabled } }';
    const foreign = await t.gql(disable, { id: endpoint.id }, as(globex));
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const list = '{ webhookEndpoints { id enabled deliveredThrough attempts { outcome statusCode } } }';
    expect((await t.gql(list, {}, as(globex))).data).toEqual({ webhookEndpoints: [] });
    // The receiver has the request before the gateway records its answer: wait for the record.
    const own = await waitFor(
      'the delivery recorded',
      () => t.gql<{ webhookEndpoints: { deliveredThrough: string }[] }>(list, {}, as(acme)),
      (res) => res.data?.webhookEndpoints[0]?.deliveredThrough === '1',
    );
    expect(own.data?.webhookEndpoints).toEqual([
      {
        id: endpoint.id,
        enabled: true,
        deliveredThrough: '1',
        attempts: [{ outcome: 'delivered', statusCode: 204 }],
      },
    ]);

    const replay = 'mutation($id: String!) { replayWebhookEvents(id: $id, from: 1) }';
    expect((await t.gql(replay, { id: endpoint.id }, as(acme))).data).toEqual({ replayWebhookEvents: 1 });
    await waitFor(
      'the replay',
      () => receiver.received.length,
      (n) => n >= 2,
    );
    expect(receiver.ids()).toEqual(['evt_acme_1', 'evt_acme_1']);

    const rotate = 'mutation($id: String!) { rotateWebhookEndpointSecret(id: $id) { secret } }';
    const rotated = await t.gql<{ rotateWebhookEndpointSecret: { secret: string } }>(
      rotate,
      { id: endpoint.id },
      as(acme),
    );
    expect(rotated.data?.rotateWebhookEndpointSecret.secret).not.toBe(secret);
    expect((await t.gql(disable, { id: endpoint.id }, as(acme))).data).toEqual({
      disableWebhookEndpoint: { id: endpoint.id, enabled: false },
    });
  });
});
