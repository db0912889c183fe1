import { randomUUID } from 'node:crypto';
import {
  type GraphQLField,
  type GraphQLInterfaceType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLUnionType,
  getNamedType,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  isUnionType,
} from 'graphql';
import { isPossiblePhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { SCOPES, type Scope } from '../../src/store/scopes.js';
import { startGateway, type TestGateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';

/**
 * What each part of the graph needs. `own`: `transactions:read`, or being the record a money mutation of the
 * caller returns. `null`: no scope of its own (what led to it decided). `admin` holds every scope.
 * Every object, interface and union type has an entry, every root field too, and every other field with scopes of
 * its own; the first test fails on a missing or stale entry, or one that differs from the schema's `authScopes`.
 */
type Need = Scope | 'own' | null;

const TYPES: Record<string, Need> = {
  // The catalogue and look-ups.
  Service: 'catalogue:read',
  Subservice: 'catalogue:read',
  Country: 'catalogue:read',
  Region: 'catalogue:read',
  Operator: 'catalogue:read',
  Product: 'catalogue:read',
  FixedValueRechargeProduct: 'catalogue:read',
  FixedValuePinPurchaseProduct: 'catalogue:read',
  RangedValueRechargeProduct: 'catalogue:read',
  RangedValuePinPurchaseProduct: 'catalogue:read',
  RangedValuePaymentProduct: 'catalogue:read',
  UnknownProduct: 'catalogue:read',
  Validity: 'catalogue:read',
  RequiredFields: 'catalogue:read',
  Rates: 'catalogue:read',
  PinInfo: 'catalogue:read',
  PaymentInfo: 'catalogue:read',
  Promotion: 'catalogue:read',
  Campaign: 'catalogue:read',
  Benefit: 'catalogue:read',
  BenefitType: 'catalogue:read',
  MobileOperatorMatch: 'catalogue:read',
  Statement: 'catalogue:read',
  CreditPartyBenefit: 'catalogue:read',
  CreditPartyStatus: 'catalogue:read',
  Quote: 'catalogue:read',
  BillQuote: 'catalogue:read',
  // The caller's records.
  Transaction: 'own',
  BillPayment: 'own',
  TransactionStatusChange: null,
  TransactionEvent: 'transactions:read',
  Pin: 'pins:read',
  // The DT One account.
  Balance: 'admin',
  PinRead: 'admin',
  // A tenant's webhook endpoints.
  WebhookEndpoint: 'webhooks:admin',
  WebhookEndpointSecret: 'webhooks:admin',
  WebhookAttempt: null,
  WebhookDeadLetter: null,
  TenantAccount: 'accounts:admin',
  // Values, pages and results: no scope of their own.
  Money: null,
  MoneyRange: null,
  Price: null,
  PriceRange: null,
  DecimalRange: null,
  PageInfo: null,
  Node: null,
  Error: null,
  Query: 'catalogue:read',
  Mutation: 'transactions:write',
  Subscription: null,
};
const FIELDS: Record<string, Need> = {
  'Query.balances': 'admin',
  'Query.pinReads': 'admin',
  'Query.webhookEndpoints': 'webhooks:admin',
  'Query.webhookDeadLetters': 'webhooks:admin',
  'Mutation.createWebhookEndpoint': 'webhooks:admin',
  'Mutation.disableWebhookEndpoint': 'webhooks:admin',
  'Mutation.enableWebhookEndpoint': 'webhooks:admin',
  'Mutation.rotateWebhookEndpointSecret': 'webhooks:admin',
  'Mutation.replayWebhookEvents': 'webhooks:admin',
  'Query.tenantAccounts': 'accounts:admin',
  'Mutation.setTenantAccount': 'accounts:admin',
  'Mutation.clearTenantAccount': 'accounts:admin',
  'Query.benefitTypes': 'catalogue:read',
  'Query.billPayment': 'transactions:read',
  'Query.campaign': 'catalogue:read',
  'Query.campaigns': 'catalogue:read',
  'Query.countries': 'catalogue:read',
  'Query.country': 'catalogue:read',
  'Query.creditPartyBenefits': 'catalogue:read',
  'Query.creditPartyStatus': 'catalogue:read',
  'Query.lookupMobileNumber': 'catalogue:read',
  'Query.node': null,
  'Query.operator': 'catalogue:read',
  'Query.operators': 'catalogue:read',
  'Query.product': 'catalogue:read',
  'Query.products': 'catalogue:read',
  'Query.promotion': 'catalogue:read',
  'Query.promotions': 'catalogue:read',
  'Query.quote': 'catalogue:read',
  'Query.quoteBillPayment': 'catalogue:read',
  'Query.service': 'catalogue:read',
  'Query.services': 'catalogue:read',
  'Query.statementInquiry': 'catalogue:read',
  'Query.transaction': 'transactions:read',
  'Query.transactions': 'transactions:read',
  'Query.transactionEvents': 'transactions:read',
  'Mutation.createTransaction': 'transactions:write',
  'Mutation.confirmTransaction': 'transactions:write',
  'Mutation.cancelTransaction': 'transactions:write',
  'Mutation.payBill': 'transactions:write',
  'Subscription.transactionUpdated': 'transactions:read',
  'Subscription.transactionEvents': 'transactions:read',
  'Transaction.pin': 'pins:read',
};
/** Generated connection, edge and result types carry no scope: the field that returns them does. */
const GENERATED = /(Connection|ConnectionEdge|Result|Success)$|Error$/;
/** Types the sandbox cannot show over HTTP here; their scope is still checked against the schema above. */
const UNPROBED: Record<string, string> = {
  UnknownProduct: 'the sandbox only has product types the gateway knows',
  CreditPartyStatus: 'answers only for an installed eSIM account, which the sandbox seeds behind a fault',
  Subscription:
    'not a query path: field-auth.test.ts checks transactionUpdated over SSE, transaction-events.test.ts transactionEvents',
  WebhookAttempt: 'an attempt exists only after a delivery: webhooks/delivery.test.ts checks the listing',
  WebhookDeadLetter:
    'a dead letter exists only after the retry horizon: webhooks/dead-letters.test.ts checks the query and its scope',
  PinRead:
    'a row exists only after a PIN read: secrets-at-rest.test.ts checks the audit is for admin keys only',
};

const ROOTS = new Set(['Query', 'Mutation', 'Subscription']);
const MONEY_MUTATIONS = new Set(['createTransaction', 'confirmTransaction', 'cancelTransaction', 'payBill']);

type ScopeMap = Record<string, unknown> | undefined;
function needOf(map: ScopeMap): Need | 'unknown' {
  if (!map) return null;
  const any = map.$any as Record<string, unknown> | undefined;
  if (any && any['transactions:read'] === true && any.$granted === 'ownResult') return 'own';
  const keys = Object.keys(map);
  return keys.length === 1 && map[keys[0]!] === true ? (keys[0] as Scope) : 'unknown';
}
const optionsOf = (x: { extensions?: unknown }) =>
  ((x.extensions as { pothosOptions?: Record<string, unknown> } | undefined)?.pothosOptions ?? {}) as {
    authScopes?: ScopeMap;
    skipTypeScopes?: boolean;
  };

const entityTypes = () =>
  Object.values(schema.getTypeMap()).filter(
    (t): t is GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType =>
      !t.name.startsWith('__') && (isObjectType(t) || isInterfaceType(t) || isUnionType(t)),
  );

describe('the scope table', () => {
  it('has an entry for every type and root field, and says what the schema enforces', () => {
    const missing: string[] = [];
    const wrong: string[] = [];
    for (const type of entityTypes()) {
      const declared = needOf(optionsOf(type).authScopes);
      if (!(type.name in TYPES)) {
        if (GENERATED.test(type.name) && declared === null) continue;
        missing.push(type.name);
      } else if (TYPES[type.name] !== declared)
        wrong.push(`${type.name}: table ${TYPES[type.name]}, schema ${declared}`);
      if (isUnionType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        const key = `${type.name}.${field.name}`;
        const options = optionsOf(field);
        const own = needOf(options.authScopes);
        if (ROOTS.has(type.name)) {
          if (!(key in FIELDS)) missing.push(key);
          else {
            const typeNeed = options.skipTypeScopes ? null : TYPES[type.name];
            const effective = own ?? typeNeed;
            if (own !== null && typeNeed !== null && own !== typeNeed) wrong.push(`${key}: needs two scopes`);
            if (FIELDS[key] !== effective) wrong.push(`${key}: table ${FIELDS[key]}, schema ${effective}`);
          }
        } else if (own !== null || key in FIELDS) {
          if (FIELDS[key] !== own) wrong.push(`${key}: table ${FIELDS[key]}, schema ${own}`);
        }
      }
    }
    const stale = [...Object.keys(TYPES), ...Object.keys(FIELDS)].filter((k) => {
      const [typeName, fieldName] = k.split('.');
      const type = schema.getType(typeName!);
      if (!type) return true;
      return fieldName !== undefined && !(isObjectType(type) && fieldName in type.getFields());
    });
    expect({ missing, wrong, stale }).toEqual({ missing: [], wrong: [], stale: [] });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Over HTTP: every probe, with no scope, each single scope, and all of them.

interface Check {
  path: (string | number)[];
  need: Need;
}
interface Reached {
  type: string;
  path: (string | number)[];
  checks: Check[];
}

const fieldNeed = (parent: GraphQLObjectType, field: GraphQLField<unknown, unknown>): Need =>
  FIELDS[`${parent.name}.${field.name}`] ?? null;

const typeNeeds = (type: GraphQLNamedType): Need[] => [
  TYPES[type.name] ?? null,
  ...(isObjectType(type) ? type.getInterfaces().map((i) => TYPES[i.name] ?? null) : []),
];

/** Every object the all-scopes answer holds, with the scope checks on the way to it, outermost first. */
function reachedIn(data: Record<string, unknown>, root: GraphQLObjectType): Reached[] {
  const out: Reached[] = [];
  const visitObject = (
    value: Record<string, unknown>,
    declared: GraphQLNamedType,
    path: (string | number)[],
    checks: Check[],
  ) => {
    const runtime = isAbstractType(declared) ? schema.getType(String(value.__typename)) : declared;
    if (!runtime || !isObjectType(runtime)) throw new Error(`no __typename at ${path.join('.')}`);
    const here = [...checks, ...(path.length > 0 ? typeNeeds(runtime).map((need) => ({ path, need })) : [])];
    out.push({ type: runtime.name, path, checks: here });
    for (const [key, child] of Object.entries(value)) {
      if (key === '__typename' || child === null || child === undefined) continue;
      const field = runtime.getFields()[key];
      if (!field) throw new Error(`no field ${runtime.name}.${key}`);
      const fieldPath = [...path, key];
      const withField = [...here, { path: fieldPath, need: fieldNeed(runtime, field) }];
      const named = getNamedType(field.type);
      if (!isObjectType(named) && !isAbstractType(named)) continue;
      const visit = (v: unknown, p: (string | number)[]): void => {
        if (Array.isArray(v)) {
          for (const [i, item] of v.entries()) visit(item, [...p, i]);
        } else if (v && typeof v === 'object') visitObject(v as Record<string, unknown>, named, p, withField);
      };
      visit(child, fieldPath);
    }
  };
  visitObject(data, root, [], []);
  return out;
}

function allowed(check: Check, scopes: ReadonlySet<Scope>): boolean {
  if (check.need === null || scopes.has('admin')) return true;
  if (check.need === 'own') {
    const fromMutation =
      check.path.length === 2 &&
      MONEY_MUTATIONS.has(String(check.path[0])) &&
      typeof check.path[1] === 'string';
    return scopes.has('transactions:read') || fromMutation;
  }
  return scopes.has(check.need);
}

function at(data: unknown, path: (string | number)[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || value === undefined) return value;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

interface Probe {
  name: string;
  query: string;
  variables?: () => Record<string, unknown>;
  mutation?: boolean;
}

let t: TestGateway;
let ids: Record<string, string> = {};
const probeVars: Record<string, Record<string, unknown>> = {};

const PRODUCT = /* GraphQL */ `
  fragment P on Product {
    __typename id productId name type tags availabilityZones description
    service { name } subservice { name } operator { name } regions { code }
    validity { unit quantity unlimited } requiredFields { creditParty } rates { base wholesale }
    benefits { type unit base { min max } } promotions(first: 1) { totalCount }
  }
`;
const PRODUCT_TYPES: Record<string, string> = {
  FIXED_VALUE_RECHARGE:
    '... on FixedValueRechargeProduct { source { amount } destination { amount } retailPrice { amount { amount } fee { amount } } wholesalePrice { fee { amount } } }',
  FIXED_VALUE_PIN_PURCHASE:
    '... on FixedValuePinPurchaseProduct { pin { terms usageInfo validity { unit } } source { amount } retailPrice { fee { amount } } }',
  RANGED_VALUE_RECHARGE:
    '... on RangedValueRechargeProduct { acceptedCalculationModes source { min max unit } destination { min } retailPrice { amount { min } fee { amount } } }',
  RANGED_VALUE_PIN_PURCHASE:
    '... on RangedValuePinPurchaseProduct { pin { usageInfo } source { min } wholesalePrice { amount { min } } }',
  RANGED_VALUE_PAYMENT:
    '... on RangedValuePaymentProduct { payment { modes notes supportsStatementInquiry } source { min } }',
};

const TX_FIELDS = /* GraphQL */ `
  id statusClass retailPrice { amount } history { statusClass source }
  product { __typename productId operator { name country { isoCode operators(first: 1) { totalCount edges { node { name } } } } } }
  pin { code serial }
`;

const PROBES: Probe[] = [
  {
    name: 'services',
    query: `{ services(first: 2) { totalCount pageInfo { hasNextPage } edges { cursor node {
      id name serviceId subservices { name subserviceId service { name } }
      countries(first: 1) { totalCount edges { node { isoCode } } } } } } }`,
  },
  {
    name: 'country',
    query: `{ country(isoCode: "IDN") { id name regions { code name }
      operators(first: 1) { totalCount edges { node { id name regions { code } country { isoCode }
        products(first: 1) { totalCount edges { node { __typename id } } }
        promotions(first: 1) { totalCount edges { node { id } } } } } }
      products(first: 1) { totalCount edges { node { __typename id } } }
      promotions(first: 1) { totalCount edges { node { id title } } } } }`,
  },
  // One non-null root field a probe: a refused one nulls `data`, and graphql-js stops at the first refusal.
  ...[
    '{ countries(first: 1) { totalCount edges { node { isoCode } } } }',
    '{ operators(first: 1) { totalCount edges { node { name } } } }',
    '{ promotions(first: 1) { totalCount edges { node { id title operator { name } products { __typename productId } } } } }',
    '{ campaigns(first: 1) { totalCount edges { node { id title products { __typename productId } } } } }',
    '{ benefitTypes { id name } }',
  ].map((query) => ({ name: query.slice(2, query.indexOf('(')), query })),
  ...Object.entries(PRODUCT_TYPES).map(([type, fragment]) => ({
    name: `products ${type}`,
    query: `${PRODUCT} { products(first: 1, filter: { type: ${type} }) { totalCount edges { node { ...P ${fragment} } } } }`,
  })),
  {
    name: 'one of each by id',
    query: `query ($productId: Int!, $operatorId: Int!, $promotionId: Int!, $campaignId: Int!, $serviceId: Int!) {
      product(id: $productId) { __typename productId } operator(id: $operatorId) { name }
      promotion(id: $promotionId) { title } campaign(id: $campaignId) { title } service(id: $serviceId) { name } }`,
    variables: () => probeVars.byId!,
  },
  {
    name: 'quote',
    query: `query ($productId: Int!, $amount: Decimal!, $mode: CalculationMode!) {
      quote(productId: $productId, amount: $amount, mode: $mode) { __typename ... on Error { code }
        ... on QuoteSuccess { quote { mode source { amount } destination { amount } fee { amount } wholesalePrice { amount }
          product { __typename productId } } } } }`,
    variables: () => probeVars.quote!,
  },
  {
    name: 'quoteBillPayment',
    query: `query ($productId: Int!, $accountNumber: String!) {
      quoteBillPayment(productId: $productId, accountNumber: $accountNumber) { __typename ... on Error { code }
        ... on BillQuote { accountNumber amountDue { amount } localValue { amount } wholesalePrice { amount } } } }`,
    variables: () => probeVars.bill!,
  },
  {
    name: 'lookupMobileNumber',
    query: `query ($number: PhoneNumber!) { lookupMobileNumber(number: $number) { identified operator { name } } }`,
    variables: () => ({ number: probeVars.lookups!.number }),
  },
  {
    name: 'creditPartyBenefits',
    query: `query ($number: PhoneNumber!) {
      creditPartyBenefits(serviceId: 1, creditParty: { mobileNumber: $number }) { type amount unit country { isoCode } } }`,
    variables: () => ({ number: probeVars.lookups!.number }),
  },
  {
    name: 'statementInquiry',
    query: `query ($productId: Int!) {
      statementInquiry(productId: $productId, accountNumber: "4111222333") { reference balance { amount } } }`,
    variables: () => ({ productId: probeVars.lookups!.productId }),
  },
  {
    name: 'balances',
    query: '{ balances { id unit available { amount } holding { amount } creditLimit { amount } } }',
  },
  {
    name: 'transactions',
    query: `{ transactions(first: 1) { totalCount pageInfo { hasNextPage } edges { cursor node { ${TX_FIELDS} } } } }`,
  },
  {
    name: 'transactionEvents',
    query: `{ transactionEvents(first: 2) { pageInfo { endCursor hasNextPage } edges { cursor node {
      cursor transactionId api status statusClass source at } } } }`,
  },
  {
    name: 'transaction',
    query: `query ($id: ID!) { transaction(id: $id) { ${TX_FIELDS} } }`,
    variables: () => ({ id: ids.transaction }),
  },
  {
    name: 'billPayment',
    query: `query ($id: ID!) { billPayment(id: $id) { id statusClass simulation amountPaid { amount } fee { amount } } }`,
    variables: () => ({ id: ids.billPayment }),
  },
  ...[
    'transaction',
    'billPayment',
    'country',
    'operator',
    'product',
    'service',
    'promotion',
    'campaign',
    'balance',
    'benefitType',
  ].map((what) => ({
    name: `node(id:) of a ${what}`,
    query: 'query ($id: ID!) { node(id: $id) { __typename id } }',
    variables: () => ({ id: ids[what] }),
  })),
  {
    name: 'createTransaction replayed',
    mutation: true,
    query: `mutation ($input: CreateTransactionInput!) { createTransaction(input: $input) { __typename ... on Error { code }
      ... on CreateTransactionSuccess { transaction { ${TX_FIELDS} } } } }`,
    variables: () => probeVars.create!,
  },
  {
    name: 'confirmTransaction of a settled transaction',
    mutation: true,
    query: `mutation ($id: ID!) { confirmTransaction(input: { id: $id }) { __typename ... on Error { code }
      ... on InvalidStateError { reason transaction { id statusClass product { __typename productId } pin { code } } }
      ... on ConfirmTransactionSuccess { transaction { id } } } }`,
    variables: () => ({ id: ids.transaction }),
  },
  {
    name: 'payBill replayed',
    mutation: true,
    query: `mutation ($input: PayBillInput!) { payBill(input: $input) { __typename ... on Error { code }
      ... on PayBillSuccess { billPayment { id statusClass amountPaid { amount } } } } }`,
    variables: () => probeVars.payBill!,
  },
  {
    // The caller's own tenant, with the deployment's own G&S pair: its calls go on unchanged.
    name: 'setTenantAccount',
    mutation: true,
    query: `mutation ($apiKey: String!, $apiSecret: String!) {
      setTenantAccount(input: { api: GS, apiKey: $apiKey, apiSecret: $apiSecret }) {
        tenantId api fingerprint keyHint updatedAt } }`,
    variables: () => ({ ...t.sandbox.credentials.gs }),
  },
  {
    name: 'tenantAccounts',
    query: '{ tenantAccounts { tenantId api fingerprint keyHint updatedAt } }',
  },
  {
    name: 'createWebhookEndpoint',
    mutation: true,
    query: `mutation { createWebhookEndpoint(url: "https://hooks.example.com/sweep") {
      secret endpoint { id url eventClasses enabled disabledReason deliveredThrough } } }`,
  },
  {
    name: 'webhookEndpoints',
    query: '{ webhookEndpoints { id url eventClasses enabled disabledReason deliveredThrough } }',
  },
];

/** A number the sandbox places in one of a country's mobile operators. */
function mobileNumber(): string {
  const { catalogue } = t.sandbox;
  for (const country of catalogue.countries) {
    const operator = catalogue.operators.find(
      (o) => o.countryIsoCode === country.isoCode && o.serviceIds.has(1) && o.mobilePrefixes.length > 0,
    );
    if (!operator) continue;
    for (let length = 4; length < 12; length++) {
      const candidate = `+${country.callingCode}${operator.mobilePrefixes[0]}${'2'.repeat(length)}`;
      if (
        isPossiblePhoneNumber(candidate) &&
        parsePhoneNumberFromString(candidate)?.country === country.alpha2
      )
        return candidate;
    }
  }
  throw new Error('no mobile number in the sandbox catalogue');
}

async function must<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await t.gql<T>(query, variables);
  expect(res.errors, res.text).toBeUndefined();
  return res.data!;
}

beforeAll(async () => {
  t = await startGateway();
  const { catalogue } = t.sandbox;
  const pin = catalogue.products.find(
    (p) =>
      p.type === 'FIXED_VALUE_PIN_PURCHASE' &&
      p.json.en.required_credit_party_identifier_fields === null &&
      (p.json.en.prices as { wholesale: { unit: string } }).wholesale.unit === 'USD',
  )!;
  probeVars.create = { input: { idempotencyKey: randomUUID(), productId: pin.id, autoConfirm: true } };
  const created = await must<{ createTransaction: { transaction: { id: string } } }>(
    'mutation ($input: CreateTransactionInput!) { createTransaction(input: $input) { ... on CreateTransactionSuccess { transaction { id } } } }',
    probeVars.create,
  );
  ids.transaction = created.createTransaction.transaction.id;
  await waitFor(
    'the PIN',
    async () =>
      (
        await t.gql<{ transaction: { pin: { code: string } | null } }>(
          'query ($id: ID!) { transaction(id: $id) { pin { code } } }',
          { id: ids.transaction },
        )
      ).data?.transaction?.pin?.code,
    (code) => typeof code === 'string',
  );

  const account = catalogue.gsAccounts.find((a) => Number(a.amountDue) > 0)!;
  probeVars.bill = { productId: account.productId, accountNumber: account.accountNumber };
  probeVars.payBill = {
    input: {
      idempotencyKey: randomUUID(),
      productId: account.productId,
      accountNumber: account.accountNumber,
      senderMobile: '+6012345678',
      recipientMobile: '+6012234345',
    },
  };
  const paid = await must<{ payBill: { __typename: string; billPayment?: { id: string } } }>(
    'mutation ($input: PayBillInput!) { payBill(input: $input) { __typename ... on PayBillSuccess { billPayment { id } } } }',
    probeVars.payBill,
  );
  expect(paid.payBill.__typename).toBe('PayBillSuccess');
  ids.billPayment = paid.payBill.billPayment!.id;

  const found = await must<{
    country: { id: string; operators: { edges: { node: { id: string; operatorId: number } }[] } };
    services: { edges: { node: { id: string; serviceId: number } }[] };
    promotions: { edges: { node: { id: string; promotionId: number } }[] };
    campaigns: { edges: { node: { id: string; campaignId: number } }[] };
    benefitTypes: { id: string }[];
    balances: { id: string }[];
    products: {
      edges: {
        node: {
          id: string;
          productId: number;
          acceptedCalculationModes: string[];
          source: { min: string };
          destination: { min: string };
        };
      }[];
    };
  }>(`{
    country(isoCode: "IDN") { id operators(first: 1) { edges { node { id operatorId } } } }
    services(first: 1) { edges { node { id serviceId } } }
    promotions(first: 1) { edges { node { id promotionId } } }
    campaigns(first: 1) { edges { node { id campaignId } } }
    benefitTypes { id } balances { id }
    products(first: 1, filter: { type: RANGED_VALUE_RECHARGE }) { edges { node { id productId
      ... on RangedValueRechargeProduct { acceptedCalculationModes source { min } destination { min } } } } }
  }`);
  const operator = found.country.operators.edges[0]!.node;
  const product = found.products.edges[0]!.node;
  ids = {
    ...ids,
    country: found.country.id,
    operator: operator.id,
    product: product.id,
    service: found.services.edges[0]!.node.id,
    promotion: found.promotions.edges[0]!.node.id,
    campaign: found.campaigns.edges[0]!.node.id,
    balance: found.balances[0]!.id,
    benefitType: found.benefitTypes[0]!.id,
  };
  probeVars.byId = {
    productId: product.productId,
    operatorId: operator.operatorId,
    promotionId: found.promotions.edges[0]!.node.promotionId,
    campaignId: found.campaigns.edges[0]!.node.campaignId,
    serviceId: found.services.edges[0]!.node.serviceId,
  };
  const mode = product.acceptedCalculationModes.includes('SOURCE_AMOUNT')
    ? 'SOURCE_AMOUNT'
    : 'DESTINATION_AMOUNT';
  probeVars.quote = {
    productId: product.productId,
    mode,
    amount: mode === 'SOURCE_AMOUNT' ? product.source.min : product.destination.min,
  };
  const inquiry = catalogue.products.find(
    (p) =>
      (p.json.en.payment as { supports_statement_inquiry?: boolean } | undefined)?.supports_statement_inquiry,
  )!;
  probeVars.lookups = { number: mobileNumber(), productId: inquiry.id };
});

const SCOPE_SETS: Array<{ name: string; scopes: Scope[] }> = [
  { name: 'no scope', scopes: [] },
  ...SCOPES.map((scope) => ({ name: scope, scopes: [scope] })),
  { name: 'all scopes', scopes: [...SCOPES] },
];

describe('every type reachable by a query path, with each scope', () => {
  it('answers data where the scopes allow and FORBIDDEN at the refused field otherwise', async () => {
    const keys = new Map<string, string>();
    for (const set of SCOPE_SETS) keys.set(set.name, await t.createKey('acme', set.scopes));
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const probe of PROBES) {
      const variables = probe.variables?.();
      const full = await t.gql(probe.query, variables, { authorization: `Bearer ${keys.get('all scopes')}` });
      expect(full.errors, `${probe.name}: ${full.text}`).toBeUndefined();
      const root = (probe.mutation ? schema.getMutationType() : schema.getQueryType())!;
      const reached = reachedIn(full.data as Record<string, unknown>, root);
      for (const r of reached) seen.add(r.type);
      for (const set of SCOPE_SETS) {
        const scopes = new Set(set.scopes);
        const res = await t.gql(probe.query, variables, { authorization: `Bearer ${keys.get(set.name)}` });
        const other = (res.errors ?? []).filter((e) => e.extensions?.code !== 'FORBIDDEN');
        if (other.length > 0) problems.push(`${probe.name} / ${set.name}: ${JSON.stringify(other)}`);
        const forbidden = new Set((res.errors ?? []).map((e) => (e.path ?? []).join('.')));
        for (const r of reached) {
          if (r.path.length === 0) continue;
          const refused = r.checks.find((c) => !allowed(c, scopes));
          const where = `${probe.name} / ${set.name}: ${r.type} at ${r.path.join('.')}`;
          if (refused) {
            if (!forbidden.has(refused.path.join('.')))
              problems.push(`${where}: expected FORBIDDEN at ${refused.path.join('.')} (${refused.need})`);
            const value = at(res.data, refused.path);
            if (value !== null && value !== undefined) problems.push(`${where}: refused, yet data`);
          } else {
            if (at(res.data, r.path) == null) problems.push(`${where}: allowed, yet no data`);
            for (const f of forbidden)
              if (r.path.join('.').startsWith(f)) problems.push(`${where}: allowed, yet FORBIDDEN at ${f}`);
          }
        }
      }
      // Without a key (outside embedded mode) nothing is answered: UNAUTHENTICATED, never FORBIDDEN.
      const anonymous = await t.gql(probe.query, variables, { authorization: '' });
      const codes = new Set((anonymous.errors ?? []).map((e) => e.extensions?.code));
      if (codes.size !== 1 || !codes.has('UNAUTHENTICATED'))
        problems.push(`${probe.name} / no key: ${anonymous.text}`);
    }
    expect(problems).toEqual([]);

    const reachable = entityTypes()
      .filter((type) => isObjectType(type) && !GENERATED.test(type.name) && !ROOTS.has(type.name))
      .map((type) => type.name)
      .filter((name) => !(name in UNPROBED));
    expect(reachable.filter((name) => !seen.has(name))).toEqual([]);
  });
});
