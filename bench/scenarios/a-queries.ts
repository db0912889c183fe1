/** Scenario (a): the depth-3 catalogue queries, as in test/integration/catalogue-graph.test.ts. */
export const ONE_COUNTRY = /* GraphQL */ `
  query OneCountry($iso: CountryCode!) {
    country(isoCode: $iso) {
      isoCode
      name
      operators(first: 20) {
        totalCount
        edges {
          node {
            operatorId
            name
            products(first: 50) {
              totalCount
              edges {
                node {
                  __typename
                  productId
                  name
                  promotions(first: 5) {
                    edges { node { promotionId title endDate } }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`;

export const CATALOGUE_PAGE = /* GraphQL */ `
  query CataloguePage {
    countries(first: 10) {
      totalCount
      edges {
        node {
          isoCode
          name
          operators(first: 10) {
            totalCount
            edges {
              node {
                operatorId
                name
                products(first: 10) {
                  totalCount
                  edges { node { __typename productId name } }
                }
              }
            }
          }
        }
      }
    }
  }
`;

/** The country of seed 1 with the most operators (PHL: 20 operators, 106 products, 4 promotions). */
export const BUSY_COUNTRY = 'PHL';
