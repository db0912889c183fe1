import { Pool } from 'undici';

/** The slice of DVS JSON the floors read (field names as DT One sends them). */
export interface DvsCountry {
  iso_code: string;
  name: string;
}
export interface DvsOperator {
  id: number;
  name: string;
  country: DvsCountry;
}
export interface DvsProduct {
  id: number;
  name: string;
  type: string;
  operator: { id: number };
}
export interface DvsPromotion {
  id: number;
  title: string;
  end_date: string;
  products: { id: number }[];
}

export interface DvsPage<T> {
  items: T[];
  total: number;
  totalPages: number;
}

export const PER_PAGE = 100;

/**
 * What a user writes instead of the gateway: an undici Pool, HTTP Basic, `JSON.parse` of each body, no cache.
 * The money fields of the bodies are never read, so plain JSON numbers are harmless here.
 */
export function dvsRest(baseUrl: string, apiKey: string, apiSecret: string, connections = 32) {
  const origin = new URL(baseUrl);
  const prefix = origin.pathname.replace(/\/+$/, '');
  const pool = new Pool(origin.origin, { connections });
  const headers = {
    authorization: `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}`,
    accept: 'application/json',
  };

  const get = async <T>(path: string): Promise<{ body: T; headers: Record<string, unknown> }> => {
    const res = await pool.request({ method: 'GET', path: `${prefix}${path}`, headers });
    if (res.statusCode !== 200) {
      const text = await res.body.text();
      throw new Error(`GET ${path} answered ${res.statusCode}: ${text.slice(0, 200)}`);
    }
    return { body: (await res.body.json()) as T, headers: res.headers };
  };

  const page = async <T>(path: string, query: Record<string, string | number>): Promise<DvsPage<T>> => {
    const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
    const res = await get<T[]>(`${path}?${search}`);
    return {
      items: res.body,
      total: Number(res.headers['x-total']),
      totalPages: Number(res.headers['x-total-pages']),
    };
  };

  return {
    get,
    page,
    /** Every item of a list: page 1, then the other pages in parallel (one more dependency level if any). */
    async all<T>(path: string, query: Record<string, string | number>): Promise<T[]> {
      const first = await page<T>(path, { ...query, page: 1, per_page: PER_PAGE });
      const rest = await Promise.all(
        Array.from({ length: Math.max(0, first.totalPages - 1) }, (_, i) =>
          page<T>(path, { ...query, page: i + 2, per_page: PER_PAGE }),
        ),
      );
      return [first, ...rest].flatMap((p) => p.items);
    },
    close: () => pool.close(),
  };
}

export type DvsRest = ReturnType<typeof dvsRest>;
