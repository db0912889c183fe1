import { Decimal } from 'decimal.js';
import type { Catalogue, Language, ProductEntry } from '../catalogue/types.js';
import { SandboxError } from '../errors.js';
import { languageHeaders, pickLanguage } from '../http/language.js';
import { paginate, readPageParams } from '../http/paging.js';
import { readId, readOptionalCountry, readOptionalId } from '../http/params.js';
import type { Route } from '../http/types.js';

/** `sort` fields the spec's description names ("id (default), name or amount"); its pattern allows any word. */
const SORT_FIELDS = new Set(['id', 'name', 'amount']);

/** `GET /v1/products` with every filter and `sort` of the spec, and `GET /v1/products/{product_id}`. */
export function productRoutes(catalogue: Catalogue): Route[] {
  const alpha2Of = new Map(catalogue.countries.map((c) => [c.isoCode, c.alpha2]));

  return [
    {
      method: 'GET',
      template: '/v1/products',
      api: 'dvs',
      handler: ({ query, headers }) => {
        const lang = pickLanguage(headers['accept-language']);
        // Types, patterns and uniqueness of every parameter were checked against the spec (spec/requests.ts).
        const type = query.get('type');
        const serviceId = readOptionalId(query, 'service_id');
        const subserviceId = readOptionalId(query, 'subservice_id');
        const tags = query.get('tags')?.split(',');
        const country = readOptionalCountry(query);
        const operatorId = readOptionalId(query, 'operator_id');
        const region = query.get('region');
        const benefitTypes = query.get('benefit_types')?.split(',');
        const sort = readSort(query.get('sort'));
        const paging = readPageParams(query);

        const covers = (p: ProductEntry, code: string) =>
          p.countryIsoCode === 'GXX' ||
          alpha2Of.get(p.countryIsoCode) === code ||
          p.countryIsoCode === code ||
          p.regionCodes.some((r) => r === code || r.startsWith(`${code}-`));

        const items = catalogue.products.filter(
          (p) =>
            (type === null || p.type === type) &&
            (serviceId === undefined || p.serviceId === serviceId) &&
            (subserviceId === undefined || p.subserviceId === subserviceId) &&
            (!tags || p.tags.some((t) => tags.includes(t))) &&
            (!country || p.countryIsoCode === country) &&
            (operatorId === undefined || p.operatorId === operatorId) &&
            (region === null || covers(p, region)) &&
            (!benefitTypes || p.benefitTypes.some((b) => benefitTypes.includes(b))),
        );
        const sorted = sortProducts(items, sort, lang);
        const page = paginate(sorted, paging);
        return {
          status: 200,
          body: page.items.map((p) => p.json[lang]),
          headers: { ...page.headers, ...languageHeaders(lang) },
        };
      },
    },
    {
      method: 'GET',
      template: '/v1/products/{product_id}',
      api: 'dvs',
      handler: ({ params, headers }) => {
        const lang = pickLanguage(headers['accept-language']);
        const product = catalogue.byId.product.get(readId(params.product_id, 'product_id'));
        if (!product) throw new SandboxError(1003001);
        return { status: 200, body: product.json[lang], headers: languageHeaders(lang) };
      },
    },
  ];
}

/** `name, -amount` → `['name', '-amount']`: the spec's pattern allows spaces around each comma. */
function readSort(raw: string | null): string[] {
  if (raw === null) return ['id'];
  const keys = raw.split(',').map((key) => key.trim());
  const unknown = keys.find((key) => !SORT_FIELDS.has(key.replace(/^-/, '')));
  if (unknown !== undefined) {
    throw new SandboxError(1000400, `sort: ${unknown} is not a sort field (id, name or amount)`);
  }
  return keys;
}

function sortProducts(items: ProductEntry[], keys: string[], lang: Language): ProductEntry[] {
  const comparators = keys.map((key) => {
    const desc = key.startsWith('-');
    const field = desc ? key.slice(1) : key;
    const sign = desc ? -1 : 1;
    if (field === 'name')
      return (a: ProductEntry, b: ProductEntry) => sign * a.name[lang].localeCompare(b.name[lang]);
    if (field === 'amount') {
      return (a: ProductEntry, b: ProductEntry) => sign * new Decimal(a.sortAmount).comparedTo(b.sortAmount);
    }
    return (a: ProductEntry, b: ProductEntry) => sign * (a.id - b.id);
  });
  return [...items].sort((a, b) => {
    for (const compare of comparators) {
      const c = compare(a, b);
      if (c !== 0) return c;
    }
    return a.id - b.id;
  });
}
