/** Saved operations GraphiQL opens with: pick one in the run menu. */
export const EXAMPLE_OPERATIONS = /* GraphQL */ `# dtone-gateway: DT One's catalogue as one graph.
# Pick an operation with the run button's menu.

query CatalogueWalk {
  country(isoCode: "IDN") {
    name
    isoCode
    operators(first: 3) {
      totalCount
      edges {
        node {
          name
          products(first: 3) {
            totalCount
            edges {
              node {
                __typename
                name
                ... on FixedValueRechargeProduct {
                  destination { amount unit }
                  wholesalePrice { amount { amount unit } fee { amount unit } }
                }
                promotions(first: 2) { edges { node { title endDate } } }
              }
            }
          }
        }
      }
    }
  }
}
`;
