import { DtOneNotFoundError, DtOneProtocolError } from './errors.js';

export interface RateLimitInfo {
  /** `X-RateLimit-Limit`: calls allowed per period, when DT One sends it. */
  limit: number | null;
  /** `X-RateLimit-Remaining`: calls left in the period, when DT One sends it. */
  remaining: number | null;
}

/** One page of a DVS list, with DT One's paging headers read into numbers. */
export interface Page<T> {
  items: T[];
  page: number;
  perPage: number;
  total: number;
  totalPages: number;
  nextPage: number | null;
  prevPage: number | null;
  rateLimit: RateLimitInfo;
}

export interface PageRequest {
  page?: number | undefined;
  per_page?: number | undefined;
}

/** The largest page DT One serves (`per_page` ≤ 100): the `all*()` helpers use it to make the fewest calls. */
export const MAX_PER_PAGE = 100;

/**
 * Reads `X-Page`, `X-Per-Page`, `X-Total`, `X-Total-Pages`, `X-Next-Page` and `X-Prev-Page`. The spec sends them on
 * every paginated answer; when one is missing or garbled, it is derived from the others and the request, so a
 * page is never refused over a header.
 */
export function readPage<T>(items: T[], headers: Record<string, string>, requested: PageRequest): Page<T> {
  const page = positiveInt(headers['x-page']) ?? requested.page ?? 1;
  const perPage = positiveInt(headers['x-per-page']) ?? requested.per_page ?? Math.max(items.length, 1);
  const total = nonNegativeInt(headers['x-total']) ?? (page - 1) * perPage + items.length;
  const totalPages = nonNegativeInt(headers['x-total-pages']) ?? Math.ceil(total / perPage);
  return {
    items,
    page,
    perPage,
    total,
    totalPages,
    nextPage: positiveInt(headers['x-next-page']) ?? (page < totalPages ? page + 1 : null),
    prevPage:
      positiveInt(headers['x-prev-page']) ??
      (page > 1 && totalPages > 0 ? Math.min(page - 1, totalPages) : null),
    rateLimit: readRateLimit(headers),
  };
}

/** `X-Total-Pages` alone, as soon as the headers are in (before the body is read); undefined when absent. */
export function totalPagesHeader(headers: Readonly<Record<string, string>>): number | undefined {
  return nonNegativeInt(headers['x-total-pages']);
}

export function readRateLimit(headers: Record<string, string>): RateLimitInfo {
  return {
    limit: nonNegativeInt(headers['x-ratelimit-limit']) ?? null,
    remaining: nonNegativeInt(headers['x-ratelimit-remaining']) ?? null,
  };
}

export function emptyPage<T>(requested: PageRequest, headers: Record<string, string> = {}): Page<T> {
  return {
    items: [],
    page: requested.page ?? 1,
    perPage: requested.per_page ?? MAX_PER_PAGE,
    total: 0,
    totalPages: 0,
    nextPage: null,
    prevPage: null,
    rateLimit: readRateLimit(headers),
  };
}

/**
 * DT One sometimes answers a list with nothing to show with 404 and the entity's "not found" code instead of
 * `[]` (its own integration tests accept that). `1000404` is kept as an error: it means an unknown path, i.e.
 * a misconfigured base URL, which an empty list would hide.
 */
export function isEmptyListAnswer(error: unknown): boolean {
  if (!(error instanceof DtOneNotFoundError)) return false;
  if (error.upstreamCode !== undefined) return error.upstreamCode !== 1000404;
  return (error.rawBody ?? '').trim() === '';
}

export interface CollectOptions {
  /** Refuse a list that claims more pages than this (a broken `X-Total-Pages` must not fan out forever). */
  maxPages?: number;
}

/**
 * Fetches page 1, then every remaining page at once: `X-Total-Pages` from the first answer says how many there
 * are, so there is no reason to walk them one by one.
 */
export async function collectAllPages<T>(
  fetchPage: (page: number) => Promise<Page<T>>,
  { maxPages = 1000 }: CollectOptions = {},
): Promise<T[]> {
  const first = await fetchPage(1);
  if (first.totalPages > maxPages) {
    throw new DtOneProtocolError('unexpected_shape', { status: 200 });
  }
  const rest = await Promise.all(
    Array.from({ length: Math.max(0, first.totalPages - 1) }, (_, i) => fetchPage(i + 2)),
  );
  return [first, ...rest].flatMap((p) => p.items);
}

function nonNegativeInt(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*\d{1,15}\s*$/.test(text)) return undefined;
  return Number(text);
}

function positiveInt(text: string | undefined): number | undefined {
  const n = nonNegativeInt(text);
  return n === undefined || n === 0 ? undefined : n;
}
