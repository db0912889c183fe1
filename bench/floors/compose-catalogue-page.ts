import type { DvsCountry, DvsOperator, DvsProduct, DvsRest } from './dvs-rest.js';
import { groupBy, PRODUCT_TYPENAME } from './product-typename.js';

/**
 * The catalogue page composed by hand: the first 10 countries, then each country's operators and products (one
 * country-filtered list each, in parallel), products grouped by operator.
 */
export async function composeCataloguePage(dvs: DvsRest) {
  const countries = await dvs.page<DvsCountry>('/countries', { page: 1, per_page: 10 });
  const nodes = await Promise.all(
    countries.items.slice(0, 10).map(async (country) => {
      const byCountry = { country_iso_code: country.iso_code };
      const [operators, products] = await Promise.all([
        dvs.page<DvsOperator>('/operators', { ...byCountry, page: 1, per_page: 10 }),
        dvs.all<DvsProduct>('/products', byCountry),
      ]);
      const productsByOperator = groupBy(products, (p) => p.operator.id);
      return {
        node: {
          isoCode: country.iso_code,
          name: country.name,
          operators: {
            totalCount: operators.total,
            edges: operators.items.slice(0, 10).map((operator) => {
              const own = productsByOperator.get(operator.id) ?? [];
              return {
                node: {
                  operatorId: operator.id,
                  name: operator.name,
                  products: {
                    totalCount: own.length,
                    edges: own.slice(0, 10).map((product) => ({
                      node: {
                        __typename: PRODUCT_TYPENAME[product.type],
                        productId: product.id,
                        name: product.name,
                      },
                    })),
                  },
                },
              };
            }),
          },
        },
      };
    }),
  );
  return { countries: { totalCount: countries.total, edges: nodes } };
}
