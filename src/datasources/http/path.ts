export type QueryValue = string | number | boolean | readonly (string | number)[] | null | undefined;

/**
 * Fills a route template (`/products/{product_id}`) with encoded parameters and appends the query. Absent
 * query values are left out; arrays become one comma-separated value (OpenAPI `style: form, explode: false`).
 */
export function buildPath(
  route: string,
  params: Readonly<Record<string, string | number>> | undefined,
  query: object | undefined,
): string {
  const path = route.replace(/\{([a-z_]+)\}/g, (_whole, name: string) => {
    const value = params?.[name];
    if (value === undefined || String(value) === '') throw new TypeError(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {}) as [string, QueryValue][]) {
    if (value === undefined || value === null) continue;
    search.append(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
}
