import type { CountriesQueryVariables, CountryCatalogueQuery, ProductQuery } from './gql/graphql.js';
import { graphql } from './gql/index.js';
import { request } from './request.js';

graphql(`
  fragment FixedPrice on Price {
    amount { amount unit }
    fee { amount unit }
  }
`);

graphql(`
  fragment RangedPrice on PriceRange {
    amount { min max increment unit }
    fee { amount unit }
  }
`);

graphql(`
  fragment AmountRange on MoneyRange {
    min
    max
    increment
    unit
    unitType
  }
`);

const countriesQuery = graphql(`
  query Countries($first: Int!, $after: String) {
    countries(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { isoCode name } }
    }
  }
`);

// Fixed and ranged products name their amounts alike but type them differently (Money vs MoneyRange). Aliasing
// the ranged ones lets `'destinationRange' in product` tell the shapes apart, and no min reads as an amount.
const countryCatalogueQuery = graphql(`
  query CountryCatalogue($isoCode: CountryCode!, $operators: Int!, $products: Int!) {
    country(isoCode: $isoCode) {
      isoCode
      name
      operators(first: $operators) {
        totalCount
        edges {
          node {
            operatorId
            name
            products(first: $products) {
              totalCount
              edges {
                node {
                  __typename
                  productId
                  type
                  name
                  ... on FixedValueRechargeProduct {
                    destination { amount unit unitType }
                    wholesalePrice { ...FixedPrice }
                    retailPrice { ...FixedPrice }
                  }
                  ... on FixedValuePinPurchaseProduct {
                    destination { amount unit unitType }
                    wholesalePrice { ...FixedPrice }
                    retailPrice { ...FixedPrice }
                  }
                  ... on RangedValueRechargeProduct {
                    destinationRange: destination { ...AmountRange }
                    wholesalePriceRange: wholesalePrice { ...RangedPrice }
                    retailPriceRange: retailPrice { ...RangedPrice }
                  }
                  ... on RangedValuePinPurchaseProduct {
                    destinationRange: destination { ...AmountRange }
                    wholesalePriceRange: wholesalePrice { ...RangedPrice }
                    retailPriceRange: retailPrice { ...RangedPrice }
                  }
                  ... on RangedValuePaymentProduct {
                    destinationRange: destination { ...AmountRange }
                    wholesalePriceRange: wholesalePrice { ...RangedPrice }
                    retailPriceRange: retailPrice { ...RangedPrice }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`);

const productQuery = graphql(`
  query Product($id: Int!) {
    product(id: $id) {
      __typename
      productId
      type
      name
      description
      operator {
        operatorId
        name
        country { isoCode name }
      }
      validity { unit quantity unlimited }
      benefits {
        type
        unitType
        unit
        unlimited
        base { min max }
        promotionBonus { min max }
        totalIncludingTax { min max }
        additionalInformation
      }
      ... on FixedValueRechargeProduct {
        destination { amount unit unitType }
        wholesalePrice { ...FixedPrice }
      }
      ... on FixedValuePinPurchaseProduct {
        destination { amount unit unitType }
        wholesalePrice { ...FixedPrice }
      }
      ... on RangedValueRechargeProduct {
        destinationRange: destination { ...AmountRange }
        wholesalePriceRange: wholesalePrice { ...RangedPrice }
      }
      ... on RangedValuePinPurchaseProduct {
        destinationRange: destination { ...AmountRange }
        wholesalePriceRange: wholesalePrice { ...RangedPrice }
      }
      ... on RangedValuePaymentProduct {
        destinationRange: destination { ...AmountRange }
        wholesalePriceRange: wholesalePrice { ...RangedPrice }
      }
    }
  }
`);

type Country = NonNullable<CountryCatalogueQuery['country']>;
type OperatorNode = Country['operators']['edges'][number]['node'];
export type CatalogueProduct = OperatorNode['products']['edges'][number]['node'];
export type CatalogueOperator = Omit<OperatorNode, 'products'> & {
  /** How many products the operator has in all, of which `products` holds the first ones. */
  productCount: number;
  products: CatalogueProduct[];
};
export interface CountryCatalogue {
  isoCode: string;
  name: string;
  operatorCount: number;
  operators: CatalogueOperator[];
}
export type ProductDetails = NonNullable<ProductQuery['product']>;

const nodes = <T>(connection: { edges: ReadonlyArray<{ node: T }> }): T[] =>
  connection.edges.map((e) => e.node);

/** One page of the countries the account has products in, in DT One's order. */
export async function listCountries(url: string, page: CountriesQueryVariables) {
  const { countries } = await request(url, countriesQuery, page);
  return {
    totalCount: countries.totalCount,
    countries: nodes(countries),
    nextPage: countries.pageInfo.hasNextPage ? (countries.pageInfo.endCursor ?? undefined) : undefined,
  };
}

/**
 * A country's first operators and, for each, its first products with their amounts and prices. An unknown
 * country rejects with a `GraphQLRequestError` whose code is `NOT_FOUND`.
 */
export async function browseCountry(
  url: string,
  isoCode: string,
  limits: { operators?: number; products?: number } = {},
): Promise<CountryCatalogue> {
  const { country } = await request(url, countryCatalogueQuery, {
    isoCode,
    operators: limits.operators ?? 20,
    products: limits.products ?? 20,
  });
  if (!country) throw new Error(`The gateway answered no country for ${isoCode}`);
  return {
    isoCode: country.isoCode,
    name: country.name,
    operatorCount: country.operators.totalCount,
    operators: nodes(country.operators).map(({ products, ...operator }) => ({
      ...operator,
      productCount: products.totalCount,
      products: nodes(products),
    })),
  };
}

/**
 * One product with its operator, benefits and wholesale price. An unknown id rejects with `PRODUCT_UNAVAILABLE`, as
 * the mutations and `quote` answer it.
 */
export async function productById(url: string, id: number): Promise<ProductDetails> {
  const { product } = await request(url, productQuery, { id });
  if (!product) throw new Error(`The gateway answered no product for id ${id}`);
  return product;
}
