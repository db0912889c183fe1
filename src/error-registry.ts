/**
 * Every code a client can see, in `errors[].extensions.code` or as a result union member's `code`: what it means,
 * whether sending the same request again may succeed, the HTTP status when it is a top-level error that fails the
 * whole request, and the layer it comes from. The same condition has the same code on queries, mutations and
 * subscriptions; `docs/errors.md` is generated from this table (`npm run errors:docs`).
 */
export interface ErrorCodeEntry {
  meaning: string;
  /**
   * `yes`: the same request may succeed later (money mutations: with the same idempotency key);
   * `no`: it fails the same way until the request changes; `after-fix`: an operator must act first.
   */
  retry: 'yes' | 'no' | 'after-fix';
  /**
   * The HTTP status when this code refuses a whole request before GraphQL runs it (key check, rate limits, persisted
   * operations). Absent when the answer is a GraphQL result: 200 with whatever data resolved, except that a document
   * that fails validation answers 400 to a client accepting `application/graphql-response+json` (GraphQL over HTTP).
   */
  http?: number;
  layer: 'request' | 'access' | 'limits' | 'catalogue' | 'money' | 'upstream' | 'store' | 'gateway';
  /** Where a client meets it: a result union member, a top-level error, or a websocket subscription's error. */
  as: 'union member' | 'top-level' | 'both';
}

export const ERROR_CODES = {
  GRAPHQL_PARSE_FAILED: {
    meaning: 'The document is not valid GraphQL, or nests deeper than the gateway allows.',
    retry: 'no',
    http: 400,
    layer: 'request',
    as: 'top-level',
  },
  GRAPHQL_VALIDATION_FAILED: {
    meaning: 'The operation does not fit the schema (unknown field, wrong argument type, missing variable).',
    retry: 'no',
    layer: 'request',
    as: 'top-level',
  },
  BAD_REQUEST: {
    meaning: 'The HTTP request carries no operation the gateway can run.',
    retry: 'no',
    http: 400,
    layer: 'request',
    as: 'top-level',
  },
  BAD_USER_INPUT: {
    meaning:
      'An argument is malformed or too large to compute with exactly, or DT One refused a read as invalid.',
    retry: 'no',
    layer: 'request',
    as: 'top-level',
  },
  CSRF_PREFLIGHT_REQUIRED: {
    meaning: 'A browser-style request without a JSON content type or the CSRF header; nothing ran.',
    retry: 'no',
    http: 403,
    layer: 'request',
    as: 'top-level',
  },
  PERSISTED_QUERY_NOT_FOUND: {
    meaning: 'The hash names no stored operation: send the operation text with it once (APQ).',
    retry: 'no',
    http: 400,
    layer: 'request',
    as: 'top-level',
  },
  PERSISTED_QUERY_NOT_IN_LIST: {
    meaning: "The hash is not in the deployment's persisted operations.",
    retry: 'no',
    http: 400,
    layer: 'request',
    as: 'top-level',
  },
  PERSISTED_QUERY_HASH_MISMATCH: {
    meaning: 'The operation text does not hash to the hash sent with it.',
    retry: 'no',
    http: 400,
    layer: 'request',
    as: 'top-level',
  },
  PERSISTED_OPERATIONS_ONLY: {
    meaning: 'This deployment runs persisted operations only; arbitrary operation text is refused.',
    retry: 'no',
    http: 400,
    layer: 'request',
    as: 'top-level',
  },
  UNAUTHENTICATED: {
    meaning:
      'An API key that is unknown, revoked or expired (the whole request is refused, 401); or no key at all outside embedded mode, where each field that needs one answers this code.',
    retry: 'no',
    http: 401,
    layer: 'access',
    as: 'top-level',
  },
  FORBIDDEN: {
    meaning: 'The API key lacks a scope the field or operation needs; nothing ran for that field.',
    retry: 'no',
    layer: 'access',
    as: 'top-level',
  },
  RATE_LIMITED: {
    meaning:
      'Too many requests, from this API key or to DT One for the account: retry after `retryAfterSeconds` (money: with the same idempotency key).',
    retry: 'yes',
    http: 429,
    layer: 'limits',
    as: 'both',
  },
  OPERATION_TOO_EXPENSIVE: {
    meaning: 'The operation would cost more than the gateway allows in one request (`cost`, `maxCost`).',
    retry: 'no',
    layer: 'limits',
    as: 'top-level',
  },
  TOO_MANY_MONEY_MUTATIONS: {
    meaning: 'More than one money-moving mutation in one operation.',
    retry: 'no',
    http: 400,
    layer: 'limits',
    as: 'top-level',
  },
  TOO_MANY_SUBSCRIPTIONS: {
    meaning: 'The websocket already carries as many subscriptions as one socket may; the socket stays open.',
    retry: 'yes',
    layer: 'limits',
    as: 'top-level',
  },
  SPEND_LIMIT_EXCEEDED: {
    meaning:
      "The payment would take the tenant's spend today past its daily cap in that currency; nothing was sent.",
    retry: 'after-fix',
    layer: 'limits',
    as: 'union member',
  },
  NOT_FOUND: {
    meaning:
      "No such country, operator, service, promotion or campaign; or no such webhook endpoint among the caller's tenant's own (another tenant's id answers the same).",
    retry: 'no',
    layer: 'catalogue',
    as: 'top-level',
  },
  PRODUCT_UNAVAILABLE: {
    meaning: 'DT One (or Goods & Services) does not offer this product to the account, or it does not exist.',
    retry: 'no',
    layer: 'catalogue',
    as: 'both',
  },
  PRODUCT_NOT_RANGED: {
    meaning: 'The product has fixed amounts: there is nothing to quote.',
    retry: 'no',
    layer: 'catalogue',
    as: 'union member',
  },
  CALCULATION_MODE_NOT_ACCEPTED: {
    meaning: 'The product does not let the caller fix this side of the purchase.',
    retry: 'no',
    layer: 'catalogue',
    as: 'union member',
  },
  AMOUNT_OUT_OF_RANGE: {
    meaning: "The amount is outside the product's range, or off its increment.",
    retry: 'no',
    layer: 'money',
    as: 'union member',
  },
  INVALID_AMOUNT: {
    meaning: 'The amount cannot be used as given (e.g. more fraction digits than its currency has).',
    retry: 'no',
    layer: 'money',
    as: 'union member',
  },
  INVALID_INPUT: {
    meaning: 'A money mutation input is refused (`field` names it); nothing was sent.',
    retry: 'no',
    layer: 'money',
    as: 'union member',
  },
  IDEMPOTENCY_CONFLICT: {
    meaning: 'The idempotency key was already used with a different input; nothing was sent.',
    retry: 'no',
    layer: 'money',
    as: 'union member',
  },
  INSUFFICIENT_BALANCE: {
    meaning: 'The DT One account balance is too low for the payment.',
    retry: 'after-fix',
    layer: 'money',
    as: 'union member',
  },
  TRANSACTION_NOT_FOUND: {
    meaning:
      "No such transaction or bill payment among the caller's own (another tenant's id answers the same).",
    retry: 'no',
    layer: 'money',
    as: 'both',
  },
  INVALID_STATE: {
    meaning: 'The transaction cannot do that now (`reason`: already confirmed, cancelled, expired, …).',
    retry: 'no',
    layer: 'money',
    as: 'union member',
  },
  ACCOUNT_NUMBER_INVALID: {
    meaning: 'The biller does not know the bill account number.',
    retry: 'no',
    layer: 'money',
    as: 'union member',
  },
  BILL_ALREADY_PAID: {
    meaning: 'The bill account has nothing due.',
    retry: 'no',
    layer: 'money',
    as: 'union member',
  },
  UPSTREAM_UNAVAILABLE: {
    meaning: 'DT One (or Goods & Services) could not take the request; nothing was done there.',
    retry: 'yes',
    layer: 'upstream',
    as: 'both',
  },
  UPSTREAM_TIMEOUT: {
    meaning: 'DT One did not answer a read in time.',
    retry: 'yes',
    layer: 'upstream',
    as: 'top-level',
  },
  UPSTREAM_AUTH_ERROR: {
    meaning: "DT One refused the gateway's credentials: an operator must fix them; nothing was sent.",
    retry: 'after-fix',
    layer: 'upstream',
    as: 'top-level',
  },
  UPSTREAM_PROTOCOL_ERROR: {
    meaning: 'DT One sent an answer the gateway could not read.',
    retry: 'yes',
    layer: 'upstream',
    as: 'top-level',
  },
  UPSTREAM_ERROR: {
    meaning: 'DT One failed to answer a read for another reason.',
    retry: 'yes',
    layer: 'upstream',
    as: 'top-level',
  },
  STORE_UNAVAILABLE: {
    meaning: "The gateway's database did not answer; money mutations fail closed (nothing was sent).",
    retry: 'yes',
    http: 503,
    layer: 'store',
    as: 'top-level',
  },
  INTERNAL_SERVER_ERROR: {
    meaning: 'A fault in the gateway; the error carries no detail, only the masked message.',
    retry: 'yes',
    layer: 'gateway',
    as: 'top-level',
  },
} as const satisfies Record<string, ErrorCodeEntry>;

export type ErrorCode = keyof typeof ERROR_CODES;
export const ErrorCode = Object.fromEntries(Object.keys(ERROR_CODES).map((code) => [code, code])) as {
  readonly [C in ErrorCode]: C;
};

/**
 * The one base of every failure a client branches on as data (a member of a result union): plain classes, so the
 * services know no GraphQL; the schema registers each as an implementation of the `Error` interface.
 */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
}
