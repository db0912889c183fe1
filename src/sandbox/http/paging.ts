import { SandboxError } from '../errors.js';

export interface PageParams {
  page: number;
  perPage: number;
}

/** Reads `page` (≥ 1, default 1) and `per_page` (1..100, default 50) as the spec's shared parameters define them. */
export function readPageParams(source: { get(name: string): string | null | undefined }): PageParams {
  return {
    page: readInt(source.get('page'), 'page', 1, Number.MAX_SAFE_INTEGER, 1),
    perPage: readInt(source.get('per_page'), 'per_page', 1, 100, 50),
  };
}

/** Same limits for the look-ups that take `page`/`per_page` inside their JSON body. */
export function readBodyPageParams(body: Record<string, unknown>): PageParams {
  const get = (name: string) => {
    const v = body[name];
    return v === undefined || v === null ? undefined : String(v);
  };
  return readPageParams({ get });
}

function readInt(
  raw: string | null | undefined,
  name: string,
  min: number,
  max: number,
  fallback: number,
): number {
  if (raw === null || raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new SandboxError(1000400, `${name} must be an integer`);
  const n = Number(raw);
  if (n < min || n > max) throw new SandboxError(1000400, `${name} must be between ${min} and ${max}`);
  return n;
}

/** Slices one page and builds DT One's paging headers (`X-Next-Page`/`X-Prev-Page` only when such a page exists). */
export function paginate<T>(items: readonly T[], { page, perPage }: PageParams) {
  const total = items.length;
  const totalPages = Math.ceil(total / perPage);
  const start = (page - 1) * perPage;
  const headers: Record<string, string> = {
    'X-Total': String(total),
    'X-Total-Pages': String(totalPages),
    'X-Per-Page': String(perPage),
    'X-Page': String(page),
  };
  if (page < totalPages) headers['X-Next-Page'] = String(page + 1);
  if (page > 1 && totalPages > 0) headers['X-Prev-Page'] = String(Math.min(page - 1, totalPages));
  return { items: items.slice(start, start + perPage), headers };
}
