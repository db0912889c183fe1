import { randomUUID } from 'node:crypto';

/**
 * Saved operations GraphiQL opens with: pick one in the run menu. Every id and number here exists in the
 * sandbox's catalogue for seed 1 (the default), and a test runs each operation against it. WatchTopUp finds the
 * top-up by TopUp's idempotency key, so the text needs no transaction id.
 */
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

# Which operators may serve a number: Telkomsel's prefix 834 identifies it directly.
query MobileNumberLookup {
  lookupMobileNumber(number: "+6283412345678") {
    identified
    operator { operatorId name country { name } }
  }
}

# Price 50,000 IDR of a ranged airtime top-up without buying it. Expected failures (amount out of range,
# calculation mode not accepted, ...) are typed results, not errors.
query Quote {
  quote(productId: 3722, amount: "50000", mode: DESTINATION_AMOUNT) {
    __typename
    ... on QuoteSuccess {
      quote {
        product { name }
        destination { amount unit }
        source { amount unit }
        wholesalePrice { amount unit }
        fee { amount unit }
        retailPrice { amount unit }
      }
    }
    ... on Error { code message }
  }
}

# Buy a top-up. Embedded mode buys it from the built-in sandbox,
# which completes numbers ending in 100 after 3 s; with a live key
# this is a real purchase. Running it again replays the first
# result: one idempotency key, one purchase (each page load of
# GraphiQL writes a fresh key here).
mutation TopUp {
  createTransaction(
    input: {
      idempotencyKey: "graphiql-top-up-1"
      productId: 1
      creditParty: { mobileNumber: "+2975600100" }
      autoConfirm: true
    }
  ) {
    __typename
    ... on CreateTransactionSuccess {
      transaction {
        id
        statusClass
        status
        wholesalePrice { amount unit }
        fee { amount unit }
      }
    }
    ... on Error { code message }
  }
}

# Run TopUp first, then this: the top-up's current state, then
# each status change as it happens; it completes once it settles.
subscription WatchTopUp {
  transactionUpdated(idempotencyKey: "graphiql-top-up-1") {
    statusClass
    status
    updatedAt
  }
}
`;

/**
 * What GraphiQL opens with in live mode: the read-only examples only, so nobody buys a real top-up by pressing
 * run on a saved example.
 */
export const LIVE_EXAMPLE_OPERATIONS = EXAMPLE_OPERATIONS.slice(
  0,
  EXAMPLE_OPERATIONS.indexOf('# Buy a top-up.'),
).trimEnd();

/** The idempotency key TopUp and WatchTopUp share in the text above. */
export const EXAMPLE_TOP_UP_KEY = 'graphiql-top-up-1';

/** The examples with a key of their own for TopUp and WatchTopUp: each GraphiQL page load buys its own top-up. */
export function withFreshTopUpKey(operations: string): string {
  return operations.replaceAll(EXAMPLE_TOP_UP_KEY, `graphiql-top-up-${randomUUID()}`);
}
