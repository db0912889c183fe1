import { Decimal } from 'decimal.js';
import type { Catalogue, Language, ProductEntry, ProductType } from '../catalogue/types.js';
import { SandboxError } from '../errors.js';
import { languageHeaders, pickLanguage } from '../http/language.js';
import { paginate, readPageParams } from '../http/paging.js';
import { ISO_3166_2, readId, readOptionalCountry, readOptionalId, readOptionalList } from '../http/params.js';
import type { Route } from '../http/types.js';

const PRODUCT_TYPES: readonly ProductType[] = [
  'FIXED_VALUE_RECHARGE',
  'RANGED_VALUE_RECHARGE',
  'FIXED_VALUE_PIN_PURCHASE',
  'RANGED_VALUE_PIN_PURCHASE',
  'RANGED_VALUE_PAYMENT',
];
const BENEFIT_TYPES = /^(TALKTIME|DATA|SMS|PAYMENT|CREDITS)$/;
const TAG = /^[A-Z0-9_]{4,16}$/;
const SORT_KEY = /^-?(id|name|amount)$/;

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
        const type = query.get('type');
        if (type !== null && !PRODUCT_TYPES.includes(type as ProductType)) {
          throw new SandboxError(1000400, 'type is invalid');
        }
        const serviceId = readOptionalId(query, 'service_id');
        const subserviceId = readOptionalId(query, 'subservice_id');
        const tags = readOptionalList(query, 'tags', TAG);
        const country = readOptionalCountry(query);
        const operatorId = readOptionalId(query, 'operator_id');
        const region = query.get('region');
        if (region !== null && !ISO_3166_2.test(region)) throw new SandboxError(1000400, 'region is invalid');
        const benefitTypes = readOptionalList(query, 'benefit_types', BENEFIT_TYPES);
        const sort = readOptionalList(query, 'sort', SORT_KEY) ?? ['id'];
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
