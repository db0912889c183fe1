import {
  type DvsCountry,
  type DvsOperator,
  type DvsProduct,
  type DvsPromotion,
  type DvsRest,
  PER_PAGE,
} from './dvs-rest.js';
import { groupBy, PRODUCT_TYPENAME } from './product-typename.js';

/**
 * The one-country answer composed by hand. Every list is filtered by country, so all four reads start at once;
 * only a list longer than one page adds a level (its later pages wait for `X-Total-Pages`).
 */
export async function composeOneCountry(dvs: DvsRest, iso: string) {
  const byCountry = { country_iso_code: iso };
  const [country, operators, products, promotions] = await Promise.all([
    dvs.get<DvsCountry>(`/countries/${encodeURIComponent(iso)}`),
    dvs.page<DvsOperator>('/operators', { ...byCountry, page: 1, per_page: PER_PAGE }),
    dvs.all<DvsProduct>('/products', byCountry),
    dvs.all<DvsPromotion>('/promotions', byCountry),
  ]);
  const productsByOperator = groupBy(products, (p) => p.operator.id);
  const promotionsOf = (productId: number) =>
    promotions.filter((promo) => promo.products.some((item) => item.id === productId)).slice(0, 5);
  return {
    country: {
      isoCode: country.body.iso_code,
      name: country.body.name,
      operators: {
        totalCount: operators.total,
        edges: operators.items.slice(0, 20).map((operator) => {
          const own = productsByOperator.get(operator.id) ?? [];
          return {
            node: {
              operatorId: operator.id,
              name: operator.name,
              products: {
                totalCount: own.length,
                edges: own.slice(0, 50).map((product) => ({
                  node: {
                    __typename: PRODUCT_TYPENAME[product.type],
                    productId: product.id,
                    name: product.name,
                    promotions: {
                      edges: promotionsOf(product.id).map((promo) => ({
                        node: { promotionId: promo.id, title: promo.title, endDate: promo.end_date },
                      })),
                    },
                  },
                })),
              },
            },
          };
        }),
      },
    },
  };
}
