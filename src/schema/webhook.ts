import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context.js';
import { ErrorCode } from '../errors.js';
import type { WebhookAttemptRecord, WebhookDeadLetterRecord } from '../store/webhook-types.js';
import { type EndpointView, WebhookInputError } from '../webhooks/endpoints.js';
import { previousSecretExpiry } from '../webhooks/signing.js';
import { EndpointUrlError } from '../webhooks/url-guard.js';
import { builder } from './builder.js';
import { windowConnection } from './connection.js';

/** A tenant's key with this scope manages that tenant's webhook endpoints, and only its own. */
export const WEBHOOKS_ADMIN = { 'webhooks:admin': true } as const;

const WebhookAttemptRef = builder.objectRef<WebhookAttemptRecord>('WebhookAttempt').implement({
  description: 'One attempt to deliver an event: what the receiver answered, or why nothing came back.',
  fields: (t) => ({
    seq: t.string({ description: "The event's number in the tenant's log.", resolve: (a) => String(a.seq) }),
    outcome: t.exposeString('outcome', { description: 'delivered, retry, dead or disabled.' }),
    statusCode: t.exposeInt('statusCode', { nullable: true }),
    error: t.exposeString('error', { nullable: true, description: 'e.g. timeout, ECONNREFUSED.' }),
    at: t.field({ type: 'DateTime', resolve: (a) => a.at }),
  }),
});

const WebhookDeadLetterRef = builder.objectRef<WebhookDeadLetterRecord>('WebhookDeadLetter').implement({
  description:
    'An event given up on after the retry horizon; `replayWebhookEvents` sends it again with the same webhook-id.',
  fields: (t) => ({
    seq: t.string({ description: "The event's number in the tenant's log.", resolve: (d) => String(d.seq) }),
    attempts: t.exposeInt('attempts', { description: 'Attempts made before giving up.' }),
    lastError: t.exposeString('lastError', {
      nullable: true,
      description: 'What the last attempt got: e.g. HTTP 503, timeout, ECONNREFUSED.',
    }),
    at: t.field({ type: 'DateTime', description: 'When it was given up on.', resolve: (d) => d.at }),
  }),
});

const WebhookEndpointRef = builder.objectRef<EndpointView>('WebhookEndpoint').implement({
  description:
    "Where the tenant's transaction events are POSTed, signed (Standard Webhooks). Never its secret.",
  authScopes: WEBHOOKS_ADMIN,
  fields: (t) => ({
    id: t.exposeString('id'),
    url: t.exposeString('url'),
    eventClasses: t.exposeStringList('eventClasses', {
      nullable: true,
      description: 'The status classes delivered; null for every event.',
    }),
    enabled: t.exposeBoolean('enabled'),
    disabledReason: t.exposeString('disabledReason', { nullable: true }),
    deliveredThrough: t.string({
      description:
        'The last event number the endpoint is done with (delivered, dead-lettered or filtered out).',
      resolve: (e) => String(e.cursorSeq),
    }),
    previousSecretExpiresAt: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        'After a rotation, until when deliveries are also signed with the previous secret (24 hours); null otherwise.',
      resolve: (e) => previousSecretExpiry(e.secretRotatedAt),
    }),
    attempts: t.field({
      type: [WebhookAttemptRef],
      description: 'The latest attempts, newest first.',
      resolve: async (e, _args, ctx) => (await ctx.webhooks.attempts(e.tenantId, e.id, 20)) ?? [],
    }),
  }),
});

const WebhookSecretRef = builder
  .objectRef<{ endpoint: EndpointView; secret: string }>('WebhookEndpointSecret')
  .implement({
    description: 'An endpoint with its signing secret: shown this once (it is stored sealed).',
    authScopes: WEBHOOKS_ADMIN,
    fields: (t) => ({
      endpoint: t.field({ type: WebhookEndpointRef, resolve: (r) => r.endpoint }),
      secret: t.exposeString('secret', { description: '`whsec_…`: verify each delivery with it.' }),
    }),
  });

function tenantOf(ctx: GatewayContext): string {
  // scope-auth ran first, so a key is present; a keyless caller has no endpoints.
  return ctx.caller.tenantId ?? '';
}

function notFound(): GraphQLError {
  return new GraphQLError('No such webhook endpoint', { extensions: { code: ErrorCode.NOT_FOUND } });
}

/** The admin call, with a refused URL or filter turned into BAD_USER_INPUT and an unknown (or foreign) id NOT_FOUND. */
async function run<T>(work: () => Promise<T | undefined>): Promise<T> {
  try {
    const result = await work();
    if (result === undefined) throw notFound();
    return result;
  } catch (error) {
    if (error instanceof EndpointUrlError || error instanceof WebhookInputError) {
      throw new GraphQLError(error.message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
    }
    throw error;
  }
}

const scoped = { skipTypeScopes: true, authScopes: WEBHOOKS_ADMIN } as const;

builder.queryField('webhookEndpoints', (t) =>
  t.field({
    type: [WebhookEndpointRef],
    description: "The caller's tenant's webhook endpoints, oldest first.",
    ...scoped,
    resolve: (_root, _args, ctx) => ctx.webhooks.list(tenantOf(ctx)),
  }),
);

builder.queryField('webhookDeadLetters', (t) =>
  t.connection(
    {
      type: WebhookDeadLetterRef,
      description:
        "The events one of the caller's tenant's endpoints gave up on after the retry horizon, oldest first (what " +
        '`dtone-gateway webhooks dead-letters` lists).',
      args: { endpointId: t.arg.string({ required: true }) },
      ...scoped,
      resolve: (_root, args, ctx) =>
        windowConnection(args, (offset, limit) =>
          run(() => ctx.webhooks.deadLetters(tenantOf(ctx), args.endpointId, { offset, limit })),
        ),
    },
    { fields: (c) => ({ totalCount: c.int({ resolve: (conn) => conn.totalCount }) }) },
  ),
);

builder.mutationFields((t) => ({
  createWebhookEndpoint: t.field({
    type: WebhookSecretRef,
    description:
      "Registers an https endpoint for the caller's tenant; it gets the events recorded from now on (optionally " +
      'only some status classes). The secret is in this answer only.',
    args: {
      url: t.arg.string({ required: true }),
      eventClasses: t.arg.stringList({ description: 'e.g. ["COMPLETED", "DECLINED"]; all when absent.' }),
    },
    ...scoped,
    resolve: (_root, args, ctx) =>
      run(() =>
        ctx.webhooks.create({
          tenantId: tenantOf(ctx),
          url: args.url,
          ...(args.eventClasses && { eventClasses: args.eventClasses }),
        }),
      ),
  }),
  disableWebhookEndpoint: t.field({
    type: WebhookEndpointRef,
    args: { id: t.arg.string({ required: true }) },
    ...scoped,
    resolve: (_root, args, ctx) => run(() => ctx.webhooks.setEnabled(tenantOf(ctx), args.id, false)),
  }),
  enableWebhookEndpoint: t.field({
    type: WebhookEndpointRef,
    description: 'Delivers again, starting with the event that was waiting.',
    args: { id: t.arg.string({ required: true }) },
    ...scoped,
    resolve: (_root, args, ctx) => run(() => ctx.webhooks.setEnabled(tenantOf(ctx), args.id, true)),
  }),
  rotateWebhookEndpointSecret: t.field({
    type: WebhookSecretRef,
    description:
      'A new signing secret, in this answer only. Deliveries are signed with it from now on, and for 24 hours also ' +
      'with the previous one (two signatures in `webhook-signature`), so receivers can switch without a gap.',
    args: { id: t.arg.string({ required: true }) },
    ...scoped,
    resolve: (_root, args, ctx) => run(() => ctx.webhooks.rotateSecret(tenantOf(ctx), args.id)),
  }),
  replayWebhookEvents: t.int({
    description:
      'Sends events `from`..`to` (one when `to` is absent) again, with the same webhook-id as before; answers how many ' +
      'were queued (events not yet sent go out anyway).',
    args: {
      id: t.arg.string({ required: true }),
      from: t.arg.int({ required: true }),
      to: t.arg.int(),
    },
    ...scoped,
    resolve: (_root, args, ctx) =>
      run(() => ctx.webhooks.replay(tenantOf(ctx), args.id, BigInt(args.from), BigInt(args.to ?? args.from))),
  }),
}));
