/**
 * The peer's closest equivalents of scenario (a)'s one-country query, written against the names its OpenAPI
 * loader generated (compose.mjs), and the projection of both answers onto the facts they share.
 * Products are a union with no shared interface, so every selection repeats per product type.
 */
import { PRODUCT_TYPENAME } from '../floors/product-typename.js';

/** The peer's product types, in the order of PRODUCT_TYPENAME (ProductFixedValueRecharge, …). */
const PEER_PRODUCT_TYPES = Object.keys(PRODUCT_TYPENAME).map(
  (type) =>
    `Product${type
      .toLowerCase()
      .split('_')
      .map((w) => w[0]!.toUpperCase() + w.slice(1))
      .join('')}`,
);
const FIXED_PRICE_TYPES = ['ProductFixedValueRecharge', 'ProductFixedValuePinPurchase'];

const productFragment = (fields: string, prices: boolean) => /* GraphQL */ `
  fragment PeerProduct on Product {
    __typename
    ${PEER_PRODUCT_TYPES.map(
      (t) =>
        `... on ${t} { ${fields}${prices && FIXED_PRICE_TYPES.includes(t) ? ' prices { wholesale { amount fee } retail { amount fee } }' : ''} }`,
    ).join('\n    ')}
  }
`;
const PRODUCT_FIELDS = 'id name promotions { id title end_date }';

/** One request through the links added in compose.mjs: country → operators → products (+ inline promotions). */
export const peerLinkedQuery = (prices = false) => /* GraphQL */ `
  query PeerOneCountry($iso: X_ISO_3166_1_Alpha_3!) {
    getCountryByIsoCode(country_iso_code: $iso) {
      ... on Country {
        iso_code
        name
        operators {
          ... on query_getOperators_oneOf_0_items { id name products { ...PeerProduct } }
        }
      }
    }
  }
  ${productFragment(PRODUCT_FIELDS, prices)}
`;

/**
 * The "flat" variant: root fields filtered by country, joined by the client. The peer drops DVS's X-Total and
 * X-Total-Pages headers, so a client cannot know the page count: it asks for pages 1 and 2 of products at once
 * (the busy country has 106 products, per_page is at most 100) and would ask again if page 2 came back full.
 */
export const PEER_FLAT_QUERY = /* GraphQL */ `
  query PeerOneCountryFlat($iso: X_ISO_3166_1_Alpha_3!) {
    country: getCountryByIsoCode(country_iso_code: $iso) { ... on Country { iso_code name } }
    operators: getOperators(country_iso_code: $iso, per_page: 100) {
      ... on query_getOperators_oneOf_0_items { id name }
    }
    page1: getProducts(country_iso_code: $iso, per_page: 100, page: 1) { ...PeerProduct }
    page2: getProducts(country_iso_code: $iso, per_page: 100, page: 2) { ...PeerProduct }
  }
  ${productFragment(`${PRODUCT_FIELDS} operator { id }`, false)}
`;

interface PeerProduct {
  __typename: string;
  id: number;
  name: string;
  operator?: { id: number };
  promotions: { id: number; title: string; end_date: string }[] | null;
}
interface PeerOperator {
  id: number;
  name: string;
  products?: PeerProduct[] | null;
}
export interface PeerLinkedData {
  getCountryByIsoCode: { iso_code: string; name: string; operators: PeerOperator[] | null } | null;
}
export interface PeerFlatData {
  country: { iso_code: string; name: string } | null;
  operators: PeerOperator[] | null;
  page1: PeerProduct[] | null;
  page2: PeerProduct[] | null;
}

/** The facts both answers carry: ids, names, product types (in our names) and promotions, sorted by id. */
export interface SharedFacts {
  isoCode: string;
  name: string;
  operators: {
    id: number;
    name: string;
    products: { id: number; name: string; typename: string; promotions: string[] }[];
  }[];
}

const byId = <T extends { id: number }>(items: T[]) => [...items].sort((a, b) => a.id - b.id);
const OUR_TYPENAME = Object.fromEntries(
  PEER_PRODUCT_TYPES.map((peer, i) => [peer, Object.values(PRODUCT_TYPENAME)[i]!]),
);

function peerFacts(iso: string, name: string, operators: PeerOperator[]): SharedFacts {
  return {
    isoCode: iso,
    name,
    operators: byId(operators).map((o) => ({
      id: o.id,
      name: o.name,
      products: byId(o.products ?? []).map((p) => ({
        id: p.id,
        name: p.name,
        typename: OUR_TYPENAME[p.__typename] ?? p.__typename,
        promotions: byId(p.promotions ?? []).map((promo) => `${promo.id} ${promo.title} ${promo.end_date}`),
      })),
    })),
  };
}

export function linkedFacts(data: PeerLinkedData): SharedFacts {
  const country = data.getCountryByIsoCode;
  if (!country) throw new Error('peer answered no country');
  return peerFacts(country.iso_code, country.name, country.operators ?? []);
}

/** The client-side join of the flat variant. */
export function flatFacts(data: PeerFlatData): SharedFacts {
  if (!data.country) throw new Error('peer answered no country');
  const products = [...(data.page1 ?? []), ...(data.page2 ?? [])];
  const operators = (data.operators ?? []).map((o) => ({
    ...o,
    products: products.filter((p) => p.operator?.id === o.id),
  }));
  return peerFacts(data.country.iso_code, data.country.name, operators);
}

interface F3Connection<T> {
  totalCount?: number;
  edges: { node: T }[];
}
export interface F3OneCountry {
  country: {
    isoCode: string;
    name: string;
    operators: F3Connection<{
      operatorId: number;
      name: string;
      products: F3Connection<{
        __typename: string;
        productId: number;
        name: string;
        promotions: F3Connection<{ promotionId: number; title: string; endDate: string }>;
      }>;
    }>;
  };
}

export function f3Facts(data: F3OneCountry): SharedFacts {
  const { country } = data;
  return {
    isoCode: country.isoCode,
    name: country.name,
    operators: byId(
      country.operators.edges.map(({ node: o }) => ({
        id: o.operatorId,
        name: o.name,
        products: byId(
          o.products.edges.map(({ node: p }) => ({
            id: p.productId,
            name: p.name,
            typename: p.__typename,
            promotions: byId(p.promotions.edges.map(({ node: x }) => ({ ...x, id: x.promotionId }))).map(
              (x) => `${x.id} ${x.title} ${x.endDate}`,
            ),
          })),
        ),
      })),
    ),
  };
}

/** Where two projections differ first (for a check's detail), or undefined when equal. */
export function firstDifference(peer: SharedFacts, f3: SharedFacts): string | undefined {
  if (peer.isoCode !== f3.isoCode || peer.name !== f3.name) return `country ${peer.name} vs ${f3.name}`;
  const ids = (list: { id: number }[]) => list.map((x) => x.id).join(',');
  if (ids(peer.operators) !== ids(f3.operators))
    return `operator ids: peer ${peer.operators.length}, F3 ${f3.operators.length}`;
  for (const [i, o] of peer.operators.entries()) {
    const other = f3.operators[i]!;
    if (o.name !== other.name) return `operator ${o.id} name`;
    if (ids(o.products) !== ids(other.products))
      return `operator ${o.id} product ids: peer ${o.products.length}, F3 ${other.products.length}`;
    for (const [j, p] of o.products.entries()) {
      const q = other.products[j]!;
      if (p.name !== q.name || p.typename !== q.typename)
        return `product ${p.id}: ${p.typename} vs ${q.typename}`;
      if (p.promotions.join('|') !== q.promotions.join('|'))
        return `product ${p.id} promotions: peer [${p.promotions.join('; ')}], F3 [${q.promotions.join('; ')}]`;
    }
  }
  return undefined;
}

/**
 * Retail prices of the ranged products. DVS sends `retail.unit_type` and `retail.amount` null when a product has no
 * retail price; the loader typed both non-null (unit_type even became an object type around the enum).
 */
export const PEER_RANGED_PRICES_QUERY = /* GraphQL */ `
  query PeerRangedPrices($iso: X_ISO_3166_1_Alpha_3!) {
    page1: getProducts(country_iso_code: $iso, per_page: 100, page: 1) { ...RangedPrices }
    page2: getProducts(country_iso_code: $iso, per_page: 100, page: 2) { ...RangedPrices }
  }
  fragment RangedPrices on Product {
    ${PEER_PRODUCT_TYPES.filter((t) => t.startsWith('ProductRanged'))
      .map((t) => `... on ${t} { id prices { retail { unit_type { UnitTypes } amount { min max } fee } } }`)
      .join('\n    ')}
  }
`;
