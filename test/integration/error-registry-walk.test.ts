import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode, type ErrorCodeEntry } from '../../src/error-registry.js';
import type { JsonObject } from '../../src/sandbox/catalogue/types.js';
import type { FaultRule } from '../../src/sandbox/control/faults.js';
import { type GraphQLResponse, startGateway, type TestGateway } from '../helpers/gateway.js';
import { freshSchema } from '../helpers/postgres.js';
import { mobileTopUp } from '../helpers/sandbox.js';
import { connectWs } from '../helpers/ws-client.js';
import { startFreezableProxy } from '../store/freezable-proxy.js';

/**
 * The registry walked end to end: every code in ERROR_CODES is provoked against real gateways (over HTTP, or a real
 * graphql-ws socket) and seen where the registry says a client meets it, with its HTTP status when it has one. A
 * code added to the registry without a provocation here fails tsc (PROVOKE is keyed by ErrorCode) and this file.
 */

/** What a client saw: where (a top-level error or a result union member), which codes, and the HTTP status. */
interface Seen {
  form: 'top-level' | 'union member';
  codes: unknown[];
  /** The HTTP status; absent over a websocket. */
  status?: number;
  /** The union member's __typename. */
  typename?: string;
}

interface Gateways {
  /** Defaults, except a 1 s DT One deadline (so a hang times out quickly) and one subscription per socket. */
  main: TestGateway;
  /** Persisted operations only (the example client's manifest) and a per-key bucket of one query. */
  restricted: TestGateway;
  /** PostgreSQL reached through a relay that can be cut. */
  outage: TestGateway & { cutStore: () => void; restoreStore: () => void };
}

const MANIFEST = join(
  import.meta.dirname,
  '../../examples/catalogue-client/src/gql/persisted-documents.json',
);
const COUNT = '{ countries(first: 1) { totalCount } }';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const persisted = (hash: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

const QUOTE = /* GraphQL */ `
  query ($productId: Int!, $amount: Decimal!, $mode: CalculationMode!) {
    quote(productId: $productId, amount: $amount, mode: $mode) { __typename ... on Error { code } }
  }
`;
const QUOTE_BILL = /* GraphQL */ `
  query ($productId: Int!, $accountNumber: String!) {
    quoteBillPayment(productId: $productId, accountNumber: $accountNumber) { __typename ... on Error { code } }
  }
`;
const PAY_BILL = /* GraphQL */ `
  mutation ($input: PayBillInput!) { payBill(input: $input) { __typename ... on Error { code } } }
`;
const CREATE = /* GraphQL */ `
  mutation ($input: CreateTransactionInput!) {
    createTransaction(input: $input) {
      __typename
      ... on Error { code }
      ... on CreateTransactionSuccess { transaction { id } }
    }
  }
`;
const CONFIRM = /* GraphQL */ `
  mutation ($id: ID!) { confirmTransaction(input: { id: $id }) { __typename ... on Error { code } } }
`;
const OPERATOR = /* GraphQL */ `query ($id: Int!) { operator(id: $id) { name } }`;
const WATCH = /* GraphQL */ `subscription ($id: ID!) { transactionUpdated(id: $id) { id statusClass } }`;

// ---------------------------------------------------------------------------------------------------------------
// What was seen

function topLevel(res: GraphQLResponse<unknown>): Seen {
  return { form: 'top-level', codes: (res.errors ?? []).map((e) => e.extensions?.code), status: res.status };
}

/** The union member a field answered; the request itself must carry no error. */
function member(res: GraphQLResponse<unknown>, field: string): Seen {
  expect(res.errors, res.text).toBeUndefined();
  const value = (res.data as Record<string, { __typename: string; code?: unknown }> | null)?.[field];
  return { form: 'union member', codes: [value?.code], status: res.status, typename: value?.__typename };
}

/** A raw GraphQL-over-HTTP POST (params as given, not only `query`), parsed as `gql` parses. */
async function post(
  t: TestGateway,
  params: Record<string, unknown> | string,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<unknown>> {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      authorization: `Bearer ${t.apiKey}`,
      ...headers,
    },
    body: typeof params === 'string' ? params : JSON.stringify(params),
  });
  const text = await res.text();
  return { status: res.status, text, ...(JSON.parse(text) as object) };
}

const as = (key: string) => ({ authorization: `Bearer ${key}` });

// ---------------------------------------------------------------------------------------------------------------
// The sandbox's catalogue, and upstream faults

/** DT One operators no probe has read yet: a fault on a fresh id cannot be answered from the gateway's cache. */
let operatorsUsed = 0;
const freshOperatorId = (t: TestGateway) => {
  const operator = t.sandbox.catalogue.operators[operatorsUsed++];
  if (!operator) throw new Error('the sandbox catalogue ran out of operators');
  return operator.id;
};

/** Reads a fresh operator while DT One answers every try of it with `fault`. */
async function operatorUnder(t: TestGateway, fault: Omit<FaultRule, 'route'>): Promise<Seen> {
  const id = freshOperatorId(t);
  t.sandbox.control.faults.add({ route: 'GET /v1/operators/{operator_id}', times: 20, ...fault });
  try {
    const res = await t.gql(OPERATOR, { id });
    expect(res.data, res.text).toEqual({ operator: null });
    return topLevel(res);
  } finally {
    t.sandbox.control.faults.clear();
  }
}

const limitsOf = (json: JsonObject, side: 'source' | 'destination') => {
  const amount = (json[side] as JsonObject).amount as JsonObject;
  return { min: String(amount.min), max: String(amount.max) };
};

function rangedProduct(t: TestGateway, accepts: (modes: string[]) => boolean) {
  const product = t.sandbox.catalogue.products.find(
    (p) => p.type.startsWith('RANGED_') && accepts(p.json.en.accepted_calculation_modes as string[]),
  );
  if (!product) throw new Error('the sandbox catalogue has no such ranged product');
  return {
    id: product.id,
    modes: product.json.en.accepted_calculation_modes as string[],
    json: product.json.en,
  };
}

const quote = (t: TestGateway, productId: number, amount: string, mode: string) =>
  t.gql(QUOTE, { productId, amount, mode });

/** A G&S bill with something due, each handed out once. */
const billsUsed = new Set<string>();
function unpaidBill(t: TestGateway) {
  const account = t.sandbox.catalogue.gsAccounts.find(
    (a) => Number(a.amountDue) > 0 && !billsUsed.has(`${a.productId}/${a.accountNumber}`),
  );
  if (!account) throw new Error('the sandbox catalogue has no unpaid bill left');
  billsUsed.add(`${account.productId}/${account.accountNumber}`);
  const product = t.sandbox.catalogue.byId.gsProduct.get(account.productId)!;
  return { product, account };
}

const topUp = (t: TestGateway, extra: Record<string, unknown> = {}) => ({
  idempotencyKey: randomUUID(),
  productId: mobileTopUp(t.sandbox).id,
  creditParty: { mobileNumber: '+6591234100' },
  ...extra,
});

async function createTopUp(t: TestGateway, input = topUp(t)): Promise<string> {
  const res = await t.gql<{ createTransaction: { transaction?: { id: string } } }>(CREATE, { input });
  const id = res.data?.createTransaction.transaction?.id;
  if (!id) throw new Error(`the top-up was not created: ${res.text}`);
  return id;
}

// ---------------------------------------------------------------------------------------------------------------
// One provocation per code. For codes met `as: 'both'`, the comment says which form is provoked.

const PROVOKE: { [C in ErrorCode]: (g: Gateways) => Promise<Seen> } = {
  // An unclosed selection set.
  GRAPHQL_PARSE_FAILED: async ({ main }) => topLevel(await main.gql('{')),

  // A field the schema does not have.
  GRAPHQL_VALIDATION_FAILED: async ({ main }) => topLevel(await main.gql('{ nope }')),

  // A JSON body with no operation in it.
  BAD_REQUEST: async ({ main }) => topLevel(await post(main, '{}')),

  // A page size over 100.
  BAD_USER_INPUT: async ({ main }) =>
    topLevel(await main.gql('{ products(first: 1000) { edges { node { id } } } }')),

  // A form post, as a cross-site browser page could send without a preflight.
  CSRF_PREFLIGHT_REQUIRED: async ({ main }) => {
    const res = await fetch(`${main.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: `query=${encodeURIComponent('{ __typename }')}`,
    });
    const text = await res.text();
    return topLevel({ status: res.status, text, ...(JSON.parse(text) as object) });
  },

  // APQ: a hash alone that nobody registered yet.
  PERSISTED_QUERY_NOT_FOUND: async ({ main }) =>
    topLevel(await post(main, persisted(sha256(`{ a${randomUUID().slice(0, 8)}: __typename }`)))),

  // Allow-list mode: the sha256 of an operation the manifest does not hold.
  PERSISTED_QUERY_NOT_IN_LIST: async ({ restricted }) => {
    const reader = await restricted.createKey('acme', ['catalogue:read']);
    return topLevel(await post(restricted, persisted(sha256(COUNT)), as(reader)));
  },

  // APQ: operation text sent with a hash that is not its sha256.
  PERSISTED_QUERY_HASH_MISMATCH: async ({ main }) =>
    topLevel(await post(main, { query: COUNT, ...persisted(sha256('{ __typename }')) })),

  // Allow-list mode: operation text from a key without operations:arbitrary.
  PERSISTED_OPERATIONS_ONLY: async ({ restricted }) => {
    const reader = await restricted.createKey('acme', ['catalogue:read']);
    return topLevel(await post(restricted, { query: COUNT }, as(reader)));
  },

  // A well-formed key the gateway never issued.
  UNAUTHENTICATED: async ({ main }) =>
    topLevel(await main.gql('{ __typename }', {}, as('dtgw_nobody_xxxxxxxxxxxxxxxxxxxx'))),

  // A catalogue-only key creating a top-up.
  FORBIDDEN: async ({ main }) => {
    const reader = await main.createKey('acme', ['catalogue:read']);
    return topLevel(await main.gql(CREATE, { input: topUp(main) }, as(reader)));
  },

  // Both: the top-level form, the key's own bucket (one query) spent by the query before.
  RATE_LIMITED: async ({ restricted }) => {
    const key = await restricted.createKey('acme');
    expect((await restricted.gql('{ __typename }', {}, as(key))).status).toBe(200);
    const refused = await restricted.gql('{ __typename }', {}, as(key));
    expect(refused.errors?.[0]?.extensions?.retryAfterSeconds).toEqual(expect.any(Number));
    return topLevel(refused);
  },

  // About three million fields by the cost estimate (the limit is 50,000).
  OPERATION_TOO_EXPENSIVE: async ({ main }) =>
    topLevel(
      await main.gql(
        '{ countries(first: 100) { edges { node { operators(first: 100) { edges { node { products(first: 100) { edges { node { name } } } } } } } } } }',
      ),
    ),

  // Two aliased creates in one operation from a key without transactions:batch.
  TOO_MANY_MONEY_MUTATIONS: async ({ main }) => {
    const writer = await main.createKey('acme', ['transactions:write']);
    const create = (alias: string) =>
      `${alias}: createTransaction(input: { idempotencyKey: "${randomUUID()}", productId: 1, creditParty: { mobileNumber: "+6591234100" } }) { __typename }`;
    return topLevel(await main.gql(`mutation { ${create('a')} ${create('b')} }`, {}, as(writer)));
  },

  // Over graphql-ws: a second subscription on a socket that may carry one.
  TOO_MANY_SUBSCRIPTIONS: async ({ main }) => {
    const id = await createTopUp(main);
    const ws = connectWs(main.url, main.apiKey);
    try {
      const open = ws.subscribe(WATCH, { id });
      expect((await open.first).type).toBe('next');
      const second = await ws.subscribe(WATCH, { id }).first;
      if (second.type !== 'error')
        throw new Error(`the second subscription was not refused: ${JSON.stringify(second)}`);
      open.stop();
      return { form: 'top-level', codes: second.errors.map((e) => e.extensions?.code) };
    } finally {
      await ws.dispose();
    }
  },

  // A tenant whose USD cap is one millionth creating a USD-priced top-up.
  SPEND_LIMIT_EXCEEDED: async ({ main }) => {
    const product = main.sandbox.catalogue.products.find(
      (p) =>
        p.type === 'FIXED_VALUE_RECHARGE' &&
        JSON.stringify(p.json.en.required_credit_party_identifier_fields) === '[["mobile_number"]]' &&
        (p.json.en.prices as { wholesale: { unit: string } }).wholesale.unit === 'USD',
    );
    if (!product) throw new Error('the sandbox catalogue has no USD top-up');
    const tenantId = `capped-${randomUUID().slice(0, 8)}`;
    await main.gateway.store.setSpendCap({ tenantId, unit: 'USD', daily: '0.000001', dailyMicros: 1n });
    const key = await main.createKey(tenantId);
    return member(
      await main.gql(CREATE, { input: topUp(main, { productId: product.id }) }, as(key)),
      'createTransaction',
    );
  },

  // An operator id DT One does not have.
  NOT_FOUND: async ({ main }) => topLevel(await main.gql(OPERATOR, { id: 999_999_999 })),

  // Both: the union member, quoting a product DT One does not have.
  PRODUCT_UNAVAILABLE: async ({ main }) =>
    member(await quote(main, 2_000_000_000, '10', 'DESTINATION_AMOUNT'), 'quote'),

  // Quoting a fixed-value product.
  PRODUCT_NOT_RANGED: async ({ main }) => {
    const fixed = main.sandbox.catalogue.products.find((p) => p.type.startsWith('FIXED_'))!;
    return member(await quote(main, fixed.id, '10', 'DESTINATION_AMOUNT'), 'quote');
  },

  // Quoting a ranged product in the one mode it does not accept.
  CALCULATION_MODE_NOT_ACCEPTED: async ({ main }) => {
    const r = rangedProduct(main, (modes) => modes.length === 1);
    const refused = r.modes[0] === 'SOURCE_AMOUNT' ? 'DESTINATION_AMOUNT' : 'SOURCE_AMOUNT';
    return member(await quote(main, r.id, '10', refused), 'quote');
  },

  // Quoting ten times a ranged product's maximum.
  AMOUNT_OUT_OF_RANGE: async ({ main }) => {
    const r = rangedProduct(main, (modes) => modes.includes('SOURCE_AMOUNT'));
    const { max } = limitsOf(r.json, 'source');
    return member(await quote(main, r.id, String(Math.ceil(Number(max)) * 10), 'SOURCE_AMOUNT'), 'quote');
  },

  // Quoting a ranged product's minimum with more fraction digits than any currency has.
  INVALID_AMOUNT: async ({ main }) => {
    const r = rangedProduct(main, (modes) => modes.includes('SOURCE_AMOUNT'));
    const { min } = limitsOf(r.json, 'source');
    return member(
      await quote(main, r.id, min.includes('.') ? `${min}0001` : `${min}.0001`, 'SOURCE_AMOUNT'),
      'quote',
    );
  },

  // A top-up with no credit party.
  INVALID_INPUT: async ({ main }) =>
    member(await main.gql(CREATE, { input: topUp(main, { creditParty: null }) }), 'createTransaction'),

  // A create, then the same idempotency key with another mobile number.
  IDEMPOTENCY_CONFLICT: async ({ main }) => {
    const input = topUp(main);
    await createTopUp(main, input);
    const again = { ...input, creditParty: { mobileNumber: '+6591234200' } };
    return member(await main.gql(CREATE, { input: again }), 'createTransaction');
  },

  // A real bill payment while the paying account holds 0.01 (the balance is put back after).
  INSUFFICIENT_BALANCE: async ({ main }) => {
    const { product, account } = unpaidBill(main);
    const ledger = main.sandbox.control.ledger;
    const available = ledger.totals(product.accountCurrency).available;
    ledger.set(product.accountCurrency, '0.01');
    try {
      const input = {
        idempotencyKey: randomUUID(),
        productId: product.productId,
        accountNumber: account.accountNumber,
        senderMobile: '+6012345678',
        recipientMobile: '+6012234345',
        simulation: false,
      };
      return member(await main.gql(PAY_BILL, { input }), 'payBill');
    } finally {
      ledger.set(product.accountCurrency, available);
    }
  },

  // Both: the top-level form, reading a transaction id that was never issued.
  TRANSACTION_NOT_FOUND: async ({ main }) => {
    const missing = Buffer.from(`Transaction:${randomUUID()}`).toString('base64');
    return topLevel(await main.gql('query ($id: ID!) { transaction(id: $id) { id } }', { id: missing }));
  },

  // Confirming a top-up twice.
  INVALID_STATE: async ({ main }) => {
    const id = await createTopUp(main);
    const first = await main.gql<{ confirmTransaction: { __typename: string } }>(CONFIRM, { id });
    expect(first.data?.confirmTransaction.__typename, first.text).toBe('ConfirmTransactionSuccess');
    return member(await main.gql(CONFIRM, { id }), 'confirmTransaction');
  },

  // Quoting a bill for an account number the biller does not know.
  ACCOUNT_NUMBER_INVALID: async ({ main }) => {
    const { product } = unpaidBill(main);
    return member(
      await main.gql(QUOTE_BILL, { productId: product.productId, accountNumber: '999999999999999' }),
      'quoteBillPayment',
    );
  },

  // Quoting a bill for an account with nothing due (the sandbox's numbers ending in 000).
  BILL_ALREADY_PAID: async ({ main }) => {
    const paid = main.sandbox.catalogue.gsAccounts.find((a) => a.accountNumber.endsWith('000'))!;
    return member(
      await main.gql(QUOTE_BILL, { productId: paid.productId, accountNumber: paid.accountNumber }),
      'quoteBillPayment',
    );
  },

  // Both: the top-level form, DT One answering 503 to every try of a catalogue read.
  UPSTREAM_UNAVAILABLE: async ({ main }) => operatorUnder(main, { status: 503, body: 'down' }),

  // DT One holding a catalogue read past the gateway's 1 s deadline.
  UPSTREAM_TIMEOUT: async ({ main }) => operatorUnder(main, { hangMs: 5_000 }),

  // DT One answering 401 to the gateway's credentials.
  UPSTREAM_AUTH_ERROR: async ({ main }) => operatorUnder(main, { status: 401, body: { errors: [] } }),

  // DT One answering 200 with a body that is not JSON.
  UPSTREAM_PROTOCOL_ERROR: async ({ main }) => operatorUnder(main, { malformedJson: true }),

  // DT One answering 500 to every try of a catalogue read.
  UPSTREAM_ERROR: async ({ main }) => operatorUnder(main, { status: 500, body: 'boom' }),

  // PostgreSQL gone (every connection cut, new ones refused) while a key the gateway has not seen yet is checked.
  STORE_UNAVAILABLE: async ({ outage }) => {
    const unseen = await outage.createKey('globex');
    outage.cutStore();
    try {
      return topLevel(await outage.gql('{ __typename }', {}, as(unseen)));
    } finally {
      outage.restoreStore();
    }
  },

  // DT One answering an operator without the name the schema promises (the client checks only the id): the
  // resolver's null for a non-null field is a fault in the gateway, masked.
  INTERNAL_SERVER_ERROR: async ({ main }) => {
    const id = freshOperatorId(main);
    main.sandbox.control.faults.add({
      route: 'GET /v1/operators/{operator_id}',
      status: 200,
      body: { id },
      times: 20,
    });
    try {
      const res = await main.gql(OPERATOR, { id });
      expect(res.errors?.map((e) => e.message)).toEqual(['Unexpected error.']);
      return topLevel(res);
    } finally {
      main.sandbox.control.faults.clear();
    }
  },
};

// ---------------------------------------------------------------------------------------------------------------

/** `SPEND_LIMIT_EXCEEDED` → `SpendLimitExceededError`: the union member every code's member is named after. */
const memberName = (code: string) =>
  `${code
    .toLowerCase()
    .split('_')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('')}Error`;

const gateways = {} as Gateways;
const disposers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  const storeFixture = await freshSchema();
  disposers.push(storeFixture.dispose);
  const databaseUrl = new URL(storeFixture.url);
  const proxy = await startFreezableProxy({
    host: databaseUrl.hostname,
    port: Number(databaseUrl.port || 5432),
  });
  disposers.push(() => proxy.close());
  databaseUrl.host = `127.0.0.1:${proxy.port}`;

  const main = await startGateway({
    env: { DTONE_TIMEOUT_MS: '1000', WS_MAX_SUBSCRIPTIONS_PER_SOCKET: '1' },
  });
  const [restricted, outage] = await Promise.all([
    startGateway({
      sandbox: main.sandbox,
      env: {
        PERSISTED_OPERATIONS: MANIFEST,
        ARBITRARY_OPERATIONS: 'deny',
        RATE_LIMIT_QUERIES_PER_SECOND: '0.01',
        RATE_LIMIT_QUERIES_BURST: '1',
      },
    }),
    startGateway({ sandbox: main.sandbox, env: { DATABASE_URL: databaseUrl.toString() } }),
  ]);
  disposers.push(outage.stop);
  Object.assign(gateways, {
    main,
    restricted,
    outage: Object.assign(outage, { cutStore: () => proxy.cut(), restoreStore: () => proxy.restore() }),
  });
}, 30_000);

afterAll(async () => {
  // The gateway on PostgreSQL first, then its relay, then its schema.
  for (const dispose of disposers.reverse()) await dispose();
});

describe('every code in the error registry, provoked against real gateways', () => {
  const codes = Object.keys(ERROR_CODES) as ErrorCode[];

  it('has one provocation for each registry code, and none for a code the registry lacks', () => {
    expect(Object.keys(PROVOKE).sort()).toEqual([...codes].sort());
  });

  it.each(codes)('%s', async (code) => {
    const entry: ErrorCodeEntry = ERROR_CODES[code];
    const provoke = PROVOKE[code];
    expect(provoke, `no provocation for ${code}`).toBeTypeOf('function');
    const seen = await provoke(gateways);
    expect(seen.codes, `${code} seen as ${JSON.stringify(seen)}`).toEqual([code]);
    if (entry.as !== 'both') expect(seen.form).toBe(entry.as);
    if (entry.http !== undefined) expect(seen.status, `${code}'s HTTP status`).toBe(entry.http);
    if (seen.form === 'union member') {
      expect(seen.status).toBe(200);
      expect(seen.typename).toBe(memberName(code));
    }
  });
});
