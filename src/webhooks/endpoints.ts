import { randomBytes } from 'node:crypto';
import type { Config } from '../config.js';
import type { KeyRing } from '../secrets/data-keys.js';
import type { Store } from '../store/types.js';
import type { WebhookEndpointRecord } from '../store/webhook-types.js';
import { StatusClass } from '../transactions/state.js';
import { newEndpointSecret } from './signing.js';
import { checkEndpointUrl, type EndpointPolicy } from './url-guard.js';
import { secretContext } from './worker.js';

/** The status classes an endpoint may filter on (DT One's, and PENDING for a creation). */
export const EVENT_CLASSES: readonly string[] = Object.values(StatusClass);

export class WebhookInputError extends Error {
  override readonly name = 'WebhookInputError';
}

/** An endpoint as an admin sees it: never its secret. */
export type EndpointView = Omit<WebhookEndpointRecord, 'sealedSecret' | 'previousSealedSecret'>;

export function endpointPolicy(config: Pick<Config, 'webhooks'>): EndpointPolicy {
  return { allowPrivate: config.webhooks.allowPrivateUrls, allowHttp: config.webhooks.allowHttp };
}

function view({
  sealedSecret: _secret,
  previousSealedSecret: _previous,
  ...endpoint
}: WebhookEndpointRecord): EndpointView {
  return endpoint;
}

function parseClasses(classes: readonly string[] | undefined): string[] | null {
  if (classes === undefined || classes.length === 0) return null;
  const wanted = [...new Set(classes.map((c) => c.trim().toUpperCase()).filter((c) => c !== ''))];
  for (const c of wanted) {
    if (!EVENT_CLASSES.includes(c)) {
      throw new WebhookInputError(
        `Unknown event class ${JSON.stringify(c)}: use ${EVENT_CLASSES.join(', ')}`,
      );
    }
  }
  return wanted.length === 0 ? null : wanted;
}

/**
 * What an admin does with a tenant's endpoints (the CLI and the GraphQL mutations both): each call that names an
 * endpoint names its tenant too, so a tenant's key manages only its own (another's answers as unknown). The secret is
 * returned once, on create and rotate, and stored sealed with the data key ring.
 */
export function createEndpointAdmin({
  store,
  keys,
  policy,
}: {
  store: Pick<Store, 'webhooks'>;
  keys: KeyRing;
  policy: EndpointPolicy;
}) {
  const owned = async (tenantId: string | undefined, id: string) => {
    const endpoint = await store.webhooks.getEndpoint(id);
    return endpoint && (tenantId === undefined || endpoint.tenantId === tenantId) ? endpoint : undefined;
  };
  return {
    async create(input: { tenantId: string; url: string; eventClasses?: readonly string[] }) {
      const url = checkEndpointUrl(input.url, policy).href;
      const eventClasses = parseClasses(input.eventClasses);
      const id = `we_${randomBytes(12).toString('base64url')}`;
      const secret = newEndpointSecret();
      const record = await store.webhooks.createEndpoint({
        id,
        tenantId: input.tenantId,
        url,
        sealedSecret: keys.seal(secret, secretContext(id)),
        eventClasses,
      });
      return { endpoint: view(record), secret };
    },
    async list(tenantId?: string): Promise<EndpointView[]> {
      return (await store.webhooks.listEndpoints(tenantId)).map(view);
    },
    async setEnabled(tenantId: string | undefined, id: string, enabled: boolean) {
      if (!(await owned(tenantId, id))) return undefined;
      const record = await store.webhooks.setEndpointEnabled(id, enabled, 'disabled by an operator');
      return record && view(record);
    },
    async rotateSecret(tenantId: string | undefined, id: string) {
      if (!(await owned(tenantId, id))) return undefined;
      const secret = newEndpointSecret();
      const record = await store.webhooks.replaceEndpointSecret(id, keys.seal(secret, secretContext(id)));
      return record && { endpoint: view(record), secret };
    },
    async replay(tenantId: string | undefined, id: string, fromSeq: bigint, toSeq: bigint = fromSeq) {
      if (fromSeq < 1n || toSeq < fromSeq) {
        throw new WebhookInputError('Replay needs 1 <= from <= to');
      }
      if (!(await owned(tenantId, id))) return undefined;
      return store.webhooks.requestReplay(id, fromSeq, toSeq);
    },
    async attempts(tenantId: string | undefined, id: string, limit = 50) {
      if (!(await owned(tenantId, id))) return undefined;
      return store.webhooks.listAttempts(id, limit);
    },
    /** One page of the endpoint's dead letters, oldest first, with how many there are in all. */
    async deadLetters(tenantId: string | undefined, id: string, page: { offset: number; limit: number }) {
      if (!(await owned(tenantId, id))) return undefined;
      return store.webhooks.listDeadLetters(id, page);
    },
  };
}

export type EndpointAdmin = ReturnType<typeof createEndpointAdmin>;
