import type { TenantAccounts } from './accounts/tenant-accounts.js';
import type { Authenticate } from './auth/api-keys.js';
import { type EntityCache, TTL, type TtlPolicy } from './datasources/cache.js';
import { type CatalogueReader, createCatalogueReader } from './datasources/catalogue-reader.js';
import type { DtOneClient } from './datasources/dtone/client.js';
import { type CatalogueLoaders, createCatalogueLoaders } from './datasources/loaders.js';
import { createLookupReader, type LookupReader } from './datasources/lookup-reader.js';
import { newRequestId } from './server/request-id.js';
import type { Scope } from './store/scopes.js';
import type { Store } from './store/types.js';
import type { PubSub } from './subscriptions/pubsub.js';
import type { TransactionService } from './transactions/service.js';
import type { EndpointAdmin } from './webhooks/endpoints.js';

/** Who is calling: the tenant of the API key (or the `sandbox` tenant in embedded mode) and its scopes. */
export interface Caller {
  tenantId: string | null;
  /** The id of the API key the request carried; null without one (anonymous, or embedded mode's sandbox tenant). */
  keyId: string | null;
  scopes: ReadonlySet<Scope>;
}

/** What every resolver gets: per-request loaders over the shared cache, and what the request asked for. */
export interface GatewayContext {
  requestId: string;
  /** The caller's `Accept-Language`, passed through to DT One for products and promotions. */
  language: string | undefined;
  reader: CatalogueReader;
  loaders: CatalogueLoaders;
  /** Mobile-number, statement and credit-party look-ups through the shared cache. */
  lookups: LookupReader;
  /** The DVS client of the caller's DT One account: its tenant's own, else the deployment's. */
  dtone: DtOneClient;
  caller: Caller;
  /** Tenants' own DT One accounts: which one each call uses, and the admin operations on them. */
  accounts: TenantAccounts;
  /** The money-moving core; absent only when the gateway runs without a store. */
  transactions: TransactionService;
  /** Wakes subscriptions up when a transaction changed. */
  pubsub: PubSub;
  /** The tenants' event logs, which the `transactionEvents` feed reads. */
  events: Pick<Store, 'listEvents'>;
  /** The caller's tenant's webhook endpoints (`webhooks:admin`). */
  webhooks: EndpointAdmin;
  /** What the answer read, for `extensions.stale` and for how long the whole answer may be kept. */
  meta: ReadMeta;
}

export interface ReadMeta {
  /** Some answer came from a stale copy because DT One failed; reported in `extensions.stale`, never kept. */
  stale: boolean;
  /** The earliest end of freshness of what was read (the entity cache's clock); Infinity when nothing was read. */
  freshUntil: number;
  /** Something read is not catalogue (a balance): the whole answer must not be kept. */
  uncacheable: boolean;
}

export type ContextParts = Pick<
  GatewayContext,
  'accounts' | 'transactions' | 'billPayments' | 'pubsub' | 'events' | 'webhooks'
> & {
  cache: EntityCache;
  authenticate: Authenticate;
};

/**
 * Builds each request's context: its caller, language, request id, and loaders over the shared cache under the
 * caller's DT One account (cache entries are per account: tenants on the deployment's account share them).
 * The catalogue reader, loaders and look-ups are built on first use: a subscription holds its context for its whole
 * life and `transactionUpdated` never reads the catalogue, so it must not pay ~10 KB for them.
 */
export function createContextFactory({ cache, authenticate, ...services }: ContextParts) {
  return async (request: Request): Promise<GatewayContext> => {
    const meta: ReadMeta = { stale: false, freshUntil: Number.POSITIVE_INFINITY, uncacheable: false };
    const caller = await authenticate(request.headers.get('authorization'));
    const { dvs } = await services.accounts.forRequest(caller.tenantId);
    const upstream: Upstream = { dtone: dvs.client, cache, account: dvs.id, meta, parts: undefined };
    const requestId = newRequestId(request.headers.get('x-request-id'));
    // A new id is a rope of ~20 concatenated pieces (~480 B, kept for a subscription's life): reading a character
    // flattens it in place to one string of ~60 B.
    requestId.charCodeAt(0);
    return {
      ...services,
      requestId,
      language: primaryLanguage(request.headers.get('accept-language')),
      reader: lazyPart(upstream, 'reader'),
      loaders: lazyPart(upstream, 'loaders'),
      lookups: lazyPart(upstream, 'lookups'),
      dtone: dvs.client,
      caller,
      meta,
    };
  };
}

/** The parts of a context that read DT One through the shared cache, reporting what they read to `meta`. */
interface CatalogueParts {
  reader: CatalogueReader;
  loaders: CatalogueLoaders;
  lookups: LookupReader;
}

/** What one request's catalogue parts are built from, and them once built. */
interface Upstream {
  dtone: DtOneClient;
  cache: EntityCache;
  account: string;
  meta: ReadMeta;
  parts: CatalogueParts | undefined;
}

function partsOf(upstream: Upstream): CatalogueParts {
  if (upstream.parts) return upstream.parts;
  const { dtone, cache, account, meta } = upstream;
  const onStale = () => {
    meta.stale = true;
  };
  const onRead = (policy: TtlPolicy, freshUntil: number) => {
    if (policy !== TTL.catalogue) meta.uncacheable = true;
    if (freshUntil < meta.freshUntil) meta.freshUntil = freshUntil;
  };
  const reader = createCatalogueReader({ dtone, cache, account, onStale, onRead });
  upstream.parts = {
    reader,
    loaders: createCatalogueLoaders(reader),
    lookups: createLookupReader({ dtone, cache, account, onStale }),
  };
  return upstream.parts;
}

/**
 * A stand-in for one catalogue part that builds all of them on its first use. A proxy rather than a getter on the
 * context: yoga and envelop copy the context's properties with `Object.assign`, which would call a getter at once.
 */
function lazyPart<K extends keyof CatalogueParts>(upstream: Upstream, key: K): CatalogueParts[K] {
  return new Proxy(upstream, PART_HANDLERS[key]) as unknown as CatalogueParts[K];
}

function partHandler(key: keyof CatalogueParts): ProxyHandler<Upstream> {
  const part = (upstream: Upstream): object => partsOf(upstream)[key];
  return {
    get: (upstream, property) => Reflect.get(part(upstream), property),
    set: (upstream, property, value) => Reflect.set(part(upstream), property, value),
    has: (upstream, property) => Reflect.has(part(upstream), property),
    ownKeys: (upstream) => Reflect.ownKeys(part(upstream)),
    getOwnPropertyDescriptor: (upstream, property) =>
      Reflect.getOwnPropertyDescriptor(part(upstream), property),
    getPrototypeOf: (upstream) => Reflect.getPrototypeOf(part(upstream)),
  };
}

/** One handler per part, shared by every request's proxies. */
const PART_HANDLERS: Readonly<Record<keyof CatalogueParts, ProxyHandler<Upstream>>> = {
  reader: partHandler('reader'),
  loaders: partHandler('loaders'),
  lookups: partHandler('lookups'),
};

/** `es-ES,es;q=0.9` → `es`: DT One localises by primary language, and caches key on it. */
export function primaryLanguage(header: string | null): string | undefined {
  if (!header) return undefined;
  const first = header.split(',')[0]?.split(';')[0]?.trim().toLowerCase().split('-')[0];
  return first && /^[a-z]{2,3}$/.test(first) ? first : undefined;
}
