import { createHash } from 'node:crypto';
import type { CacheRead, EntityCache, TtlPolicy } from './cache.js';
import { TTL } from './cache.js';
import type { DtOneClient } from './dtone/client.js';
import { DtOneNotFoundError, DtOneProtocolError } from './dtone/errors.js';
import { MAX_PER_PAGE, type Page, totalPagesHeader } from './dtone/paging.js';
import type {
  Balance,
  BenefitType,
  Campaign,
  Country,
  Operator,
  Product,
  Promotion,
  Service,
} from './dtone/types.js';

/** The DVS lists the graph reads, with the item type each one returns. */
export interface ListItems {
  services: Service;
  countries: Country;
  operators: Operator;
  benefitTypes: BenefitType;
  promotions: Promotion;
  campaigns: Campaign;
  products: Product;
  balances: Balance;
}
export type ListResource = keyof ListItems;

/** A list and its filters, exactly as sent to DT One (query parameters), plus the language for localised lists. */
export interface ListSpec<R extends ListResource = ListResource> {
  resource: R;
  filters?: Readonly<Record<string, string | number | undefined>>;
  language?: string | undefined;
}

export interface Window<T> {
  items: T[];
  /** `X-Total`: the size of the whole list. */
  total: number;
}

export interface CatalogueReaderOptions {
  dtone: DtOneClient;
  cache: EntityCache;
  /** Identifies the DT One account in cache keys (a hash of the API key, never the key itself). */
  account: string;
  /** Called when an answer came from a stale copy because DT One failed. */
  onStale?: () => void;
  /** Told of every read: its TTL class and until when the copy used is fresh (what a whole answer may be kept for). */
  onRead?: (policy: TtlPolicy, freshUntil: number) => void;
}

type OnHeaders = (status: number, headers: Readonly<Record<string, string>>) => void;

/** The most pages one list may claim (100,000 items at 100 a page). */
const MAX_PAGES = 1000;

const LOCALISED: ReadonlySet<ListResource> = new Set(['products', 'promotions']);

/**
 * Reads DT One's catalogue through the shared cache, a page of 100 at a time: a window of a list costs the pages
 * it covers (fetched in parallel), a whole list costs page 1 then every other page in parallel, and every entity
 * a list page brings into the process is primed, as fresh as its page, so that a later by-id read costs nothing.
 */
export function createCatalogueReader({ dtone, cache, account, onStale, onRead }: CatalogueReaderOptions) {
  const read = async <T>(key: string, policy: TtlPolicy, fetch: () => Promise<T>): Promise<CacheRead<T>> => {
    const result = await cache.read(`${account}:${key}`, policy, fetch);
    onRead?.(policy, result.freshUntil);
    if (result.stale) onStale?.();
    return result;
  };

  const languageOf = (spec: ListSpec) => (LOCALISED.has(spec.resource) ? (spec.language ?? '') : '');

  const listKey = (spec: ListSpec, page: number) => {
    const filters = Object.entries(spec.filters ?? {})
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    return `list:${spec.resource}:${languageOf(spec)}:${filters}:p${page}`;
  };

  const fetchPage = <R extends ListResource>(
    spec: ListSpec<R>,
    page: number,
    onHeaders: OnHeaders | undefined,
  ): Promise<Page<ListItems[R]>> => {
    const query = { ...spec.filters, page, per_page: MAX_PER_PAGE };
    const options = {
      ...(spec.language !== undefined && LOCALISED.has(spec.resource) && { acceptLanguage: spec.language }),
      ...(onHeaders && { onHeaders }),
    };
    switch (spec.resource) {
      case 'services':
        return dtone.listServices(query, options) as Promise<Page<ListItems[R]>>;
      case 'countries':
        return dtone.listCountries(query, options) as Promise<Page<ListItems[R]>>;
      case 'operators':
        return dtone.listOperators(query, options) as Promise<Page<ListItems[R]>>;
      case 'benefitTypes':
        return dtone.listBenefitTypes(query, options) as Promise<Page<ListItems[R]>>;
      case 'promotions':
        return dtone.listPromotions(query, options) as Promise<Page<ListItems[R]>>;
      case 'campaigns':
        return dtone.listCampaigns(query, options) as Promise<Page<ListItems[R]>>;
      case 'products':
        return dtone.listProducts(query, options) as Promise<Page<ListItems[R]>>;
      case 'balances':
        return dtone.listBalances(query, options) as Promise<Page<ListItems[R]>>;
    }
    throw new TypeError(`unknown list ${String(spec.resource)}`);
  };

  const policyOf = (spec: ListSpec) => (spec.resource === 'balances' ? TTL.balance : TTL.catalogue);

  /** One page through the cache; `onHeaders` sees the answer's headers when this call is the one sent. */
  const page = async <R extends ListResource>(
    spec: ListSpec<R>,
    pageNo: number,
    onHeaders?: OnHeaders,
  ): Promise<Page<ListItems[R]>> => {
    const result = await read(listKey(spec, pageNo), policyOf(spec), () =>
      fetchPage(spec, pageNo, onHeaders),
    );
    // Only a page new to this process (from DT One or Redis) brings its items. A page read from memory primed them
    // when it came; priming them again would cost every warm read and make them look fresher than their page.
    if (result.source !== 'memory') primeFrom(spec, result.value.items, result.freshUntil);
    return result.value;
  };

  /** Every entity of a page, by id, fresh until the page itself is no longer (`freshUntil`). */
  const primeFrom = (spec: ListSpec, items: readonly unknown[], freshUntil: number) => {
    const prime = (key: string, value: unknown) =>
      cache.prime(`${account}:${key}`, TTL.catalogue, value, freshUntil);
    const lang = languageOf(spec);
    for (const item of items) {
      switch (spec.resource) {
        case 'countries':
          prime(`country:${(item as Country).iso_code}`, item);
          break;
        case 'operators':
          prime(`operator:${(item as Operator).id}`, item);
          break;
        case 'services':
          prime(`service:${(item as Service).id}`, item);
          break;
        case 'products': {
          const product = item as Product;
          prime(`product:${lang}:${product.id}`, product);
          prime(`operator:${product.operator.id}`, product.operator);
          break;
        }
        case 'promotions':
          prime(`promotion:${lang}:${(item as Promotion).id}`, item);
          break;
        case 'campaigns':
          prime(`campaign:${(item as Campaign).id}`, item);
          break;
        default:
          break;
      }
    }
  };

  /** A by-id read; DT One's 404 becomes `null`. */
  const entity = async <T>(key: string, fetch: () => Promise<T>): Promise<T | null> => {
    try {
      return (await read(key, TTL.catalogue, fetch)).value;
    } catch (error) {
      if (error instanceof DtOneNotFoundError) {
        // A 404 is not cached here, so nothing built on it may be kept either: it is fresh until never.
        onRead?.(TTL.catalogue, Number.NEGATIVE_INFINITY);
        return null;
      }
      throw error;
    }
  };

  return {
    page,

    /** Whether page `pageNo` of a list is in flight or fresh in this process (reading it costs no call). */
    isWarm: (spec: ListSpec, pageNo = 1) => cache.has(`${account}:${listKey(spec, pageNo)}`),

    /** Items `[offset, offset + limit)` of a list, and its total; only the DVS pages that cover them are read. */
    async window<R extends ListResource>(
      spec: ListSpec<R>,
      offset: number,
      limit: number,
    ): Promise<Window<ListItems[R]>> {
      if (limit <= 0) {
        const first = await page(spec, 1);
        return { items: [], total: first.total };
      }
      const firstPage = Math.floor(offset / MAX_PER_PAGE) + 1;
      const lastPage = Math.floor((offset + limit - 1) / MAX_PER_PAGE) + 1;
      const pages = await Promise.all(
        Array.from({ length: lastPage - firstPage + 1 }, (_, i) => page(spec, firstPage + i)),
      );
      const start = offset - (firstPage - 1) * MAX_PER_PAGE;
      const items = pages.flatMap((p) => p.items).slice(start, start + limit);
      return { items, total: pages[0]?.total ?? 0 };
    },

    /**
     * The whole list: page 1, then every other page at once, started as soon as page 1's `X-Total-Pages` header is
     * in (its body is still being read and parsed), or once page 1 is read when the header is missing.
     */
    async all<R extends ListResource>(spec: ListSpec<R>): Promise<ListItems[R][]> {
      let rest: Promise<Page<ListItems[R]>>[] | undefined;
      const startRest = (totalPages: number) => {
        if (rest || totalPages > MAX_PAGES) return;
        rest = Array.from({ length: Math.max(0, totalPages - 1) }, (_, i) => page(spec, i + 2));
        // Awaited below; until then a failure of page 1 must not leave them as unhandled rejections.
        for (const p of rest) p.catch(() => undefined);
      };
      const first = await page(spec, 1, (status, headers) => {
        const totalPages = status >= 200 && status < 300 ? totalPagesHeader(headers) : undefined;
        if (totalPages !== undefined) startRest(totalPages);
      });
      // A broken `X-Total-Pages` must not fan out without end.
      if (first.totalPages > MAX_PAGES) throw new DtOneProtocolError('unexpected_shape', { status: 200 });
      startRest(first.totalPages);
      return [first, ...(await Promise.all(rest!))].flatMap((p) => p.items);
    },

    country: (iso: string) => entity(`country:${iso}`, () => dtone.getCountry(iso)),
    operator: (id: number) => entity(`operator:${id}`, () => dtone.getOperator(id)),
    service: (id: number) => entity(`service:${id}`, () => dtone.getService(id)),
    product: (id: number, language?: string) =>
      entity(`product:${language ?? ''}:${id}`, () =>
        dtone.getProduct(id, language === undefined ? {} : { acceptLanguage: language }),
      ),
    promotion: (id: number, language?: string) =>
      entity(`promotion:${language ?? ''}:${id}`, () =>
        dtone.getPromotion(id, language === undefined ? {} : { acceptLanguage: language }),
      ),
    campaign: (id: number) => entity(`campaign:${id}`, () => dtone.getCampaign(id)),
  };
}

export type CatalogueReader = ReturnType<typeof createCatalogueReader>;

/** A stable, non-reversible name for a DT One account, for cache keys. */
export function accountId(apiKey: string, baseUrl: string): string {
  return createHash('sha256').update(`${baseUrl}\n${apiKey}`).digest('base64url').slice(0, 16);
}
