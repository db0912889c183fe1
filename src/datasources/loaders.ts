import DataLoader from 'dataloader';
import type { CatalogueReader } from './catalogue-reader.js';
import type { Product, Promotion } from './dtone/types.js';

/** Filters of a product list, exactly as DT One's `GET /products` query parameters. */
export type ProductFilters = Readonly<Record<string, string | number | undefined>>;

export interface OperatorChildKey {
  operatorId: number;
  countryIso: string;
  language: string | undefined;
  filters?: ProductFilters;
}

export interface ProductChildKey {
  productId: number;
  countryIso: string;
  language: string | undefined;
}

export interface ProductKey {
  productId: number;
  language: string | undefined;
  /** The operator the product is known to belong to: lets a batch read the operator's list once. */
  operatorId?: number | undefined;
}

const filtersKey = (f: ProductFilters | undefined) =>
  JSON.stringify(
    Object.entries(f ?? {})
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b)),
  );

/** Groups items by a key function, keeping first-seen order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * Per-request DataLoaders. DVS has no fetch-by-many-ids endpoint, so a batch of children is read through the
 * parents' common filter: the products of several operators of one country are one `/products?country_iso_code=`
 * list grouped by operator; a single operator's products are its own `/products?operator_id=` list. The upstream
 * cost of a query is then bounded by the distinct lists it needs, not by the size of its result.
 */
export function createCatalogueLoaders(reader: CatalogueReader) {
  const newOperatorProducts = () =>
    new DataLoader<OperatorChildKey, Product[], string>(
      async (keys) => {
        const results = new Map<string, Product[]>();
        const groups = groupBy(keys, (k) => `${k.countryIso}|${k.language ?? ''}|${filtersKey(k.filters)}`);
        await Promise.all(
          [...groups.values()].map(async (group) => {
            const first = group[0]!;
            const byCountry = { ...first.filters, country_iso_code: first.countryIso };
            const operatorIds = new Set(group.map((k) => k.operatorId));
            // The country's list when it serves several operators, or when it is already being read anyway.
            const filters =
              operatorIds.size > 1 ||
              (await reader.isWarm({ resource: 'products', filters: byCountry, language: first.language }))
                ? byCountry
                : { ...first.filters, operator_id: first.operatorId };
            const products = await reader.all({ resource: 'products', filters, language: first.language });
            const byOperator = groupBy(products, (p) => String(p.operator.id));
            for (const k of group)
              results.set(operatorChildKey(k), byOperator.get(String(k.operatorId)) ?? []);
          }),
        );
        return keys.map((k) => results.get(operatorChildKey(k)) ?? []);
      },
      { cacheKeyFn: operatorChildKey },
    );

  const newOperatorPromotions = () =>
    new DataLoader<OperatorChildKey, Promotion[], string>(
      async (keys) => {
        const results = new Map<string, Promotion[]>();
        const groups = groupBy(keys, (k) => `${k.countryIso}|${k.language ?? ''}`);
        await Promise.all(
          [...groups.values()].map(async (group) => {
            const first = group[0]!;
            const filters =
              new Set(group.map((k) => k.operatorId)).size > 1
                ? { country_iso_code: first.countryIso }
                : { operator_id: first.operatorId };
            const promotions = await reader.all({
              resource: 'promotions',
              filters,
              language: first.language,
            });
            const byOperator = groupBy(promotions, (p) => String(p.operator.id));
            for (const k of group)
              results.set(operatorChildKey(k), byOperator.get(String(k.operatorId)) ?? []);
          }),
        );
        return keys.map((k) => results.get(operatorChildKey(k)) ?? []);
      },
      { cacheKeyFn: operatorChildKey },
    );

  const newProductPromotions = () =>
    new DataLoader<ProductChildKey, Promotion[], string>(
      async (keys) => {
        const results = new Map<string, Promotion[]>();
        const groups = groupBy(keys, (k) => `${k.countryIso}|${k.language ?? ''}`);
        await Promise.all(
          [...groups.values()].map(async (group) => {
            const first = group[0]!;
            const byCountry = { country_iso_code: first.countryIso };
            const filters =
              new Set(group.map((k) => k.productId)).size > 1 ||
              (await reader.isWarm({ resource: 'promotions', filters: byCountry, language: first.language }))
                ? byCountry
                : { product_id: first.productId };
            const promotions = await reader.all({
              resource: 'promotions',
              filters,
              language: first.language,
            });
            for (const k of group) {
              results.set(
                productChildKey(k),
                promotions.filter((p) => p.products.some((item) => item.id === k.productId)),
              );
            }
          }),
        );
        return keys.map((k) => results.get(productChildKey(k)) ?? []);
      },
      { cacheKeyFn: productChildKey },
    );

  const newProduct = () =>
    new DataLoader<ProductKey, Product | null, string>(
      async (keys) => {
        const found = new Map<string, Product | null>();
        const hinted = keys.filter((k) => k.operatorId !== undefined);
        const groups = groupBy(hinted, (k) => `${k.operatorId}|${k.language ?? ''}`);
        await Promise.all(
          [...groups.values()]
            .filter((group) => new Set(group.map((k) => k.productId)).size > 1)
            .map(async (group) => {
              const first = group[0]!;
              const products = await reader.all({
                resource: 'products',
                filters: { operator_id: first.operatorId },
                language: first.language,
              });
              const byId = new Map(products.map((p) => [p.id, p]));
              for (const k of group)
                if (byId.has(k.productId)) found.set(productKey(k), byId.get(k.productId)!);
            }),
        );
        return Promise.all(
          keys.map((k) =>
            found.has(productKey(k)) ? found.get(productKey(k))! : reader.product(k.productId, k.language),
          ),
        );
      },
      { cacheKeyFn: productKey },
    );

  // Each loader is made on first use: most requests need one or two of them, and a subscription's context (which
  // holds these for its whole life) needs none.
  let operatorProducts: ReturnType<typeof newOperatorProducts> | undefined;
  let operatorPromotions: ReturnType<typeof newOperatorPromotions> | undefined;
  let productPromotions: ReturnType<typeof newProductPromotions> | undefined;
  let product: ReturnType<typeof newProduct> | undefined;
  return {
    get operatorProducts() {
      operatorProducts ??= newOperatorProducts();
      return operatorProducts;
    },
    get operatorPromotions() {
      operatorPromotions ??= newOperatorPromotions();
      return operatorPromotions;
    },
    get productPromotions() {
      productPromotions ??= newProductPromotions();
      return productPromotions;
    },
    get product() {
      product ??= newProduct();
      return product;
    },
  };
}

export type CatalogueLoaders = ReturnType<typeof createCatalogueLoaders>;

function operatorChildKey(k: OperatorChildKey): string {
  return `${k.operatorId}|${k.countryIso}|${k.language ?? ''}|${filtersKey(k.filters)}`;
}

function productChildKey(k: ProductChildKey): string {
  return `${k.productId}|${k.countryIso}|${k.language ?? ''}`;
}

function productKey(k: ProductKey): string {
  return `${k.productId}|${k.language ?? ''}`;
}
