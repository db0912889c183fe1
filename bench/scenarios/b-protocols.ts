import type { PairProtocol, PairStep, StepOutcome } from '../lib/pair-load.js';

/** Product 1 (AWG 2 airtime, USD 1.07 wholesale). A number ending in 300 completes after 5 min: no callback, no
 * final status, within any bench run, so the gateway's callback path stays out of the measurement. */
export const PRODUCT_ID = 1;
export const MOBILE_NUMBER = '+2975600300';

export const CREATE = /* GraphQL */ `
  mutation Create($input: CreateTransactionInput!) {
    createTransaction(input: $input) {
      __typename
      ... on CreateTransactionSuccess { transaction { id statusClass } }
      ... on Error { code message }
    }
  }
`;

export const CONFIRM = /* GraphQL */ `
  mutation Confirm($input: TransactionIdInput!) {
    confirmTransaction(input: $input) {
      __typename
      ... on ConfirmTransactionSuccess { transaction { id statusClass } }
      ... on Error { code message }
    }
  }
`;

type Field = { __typename?: string; transaction?: { id: string; statusClass: string }; message?: string };

/** The success member of a mutation's result union, or why not (an error member, a GraphQL error, a bad status). */
function readField(
  body: unknown,
  status: number,
  field: string,
  success: string,
  statusClass: string,
): StepOutcome {
  const answer = body as
    | { data?: Record<string, Field | null>; errors?: { message: string; extensions?: { code?: string } }[] }
    | undefined;
  const value = answer?.data?.[field];
  if (status !== 200 || !value) {
    return {
      ok: false,
      error: `${field}: HTTP ${status} ${JSON.stringify(answer?.errors ?? body).slice(0, 200)}`,
      kind: answer?.errors?.[0]?.extensions?.code ?? `HTTP ${status}`,
    };
  }
  if (value.__typename !== success || !value.transaction)
    return {
      ok: false,
      error: `${field}: ${value.__typename} ${value.message ?? ''}`,
      kind: value.__typename,
    };
  if (value.transaction.statusClass !== statusClass)
    return {
      ok: false,
      error: `${field}: status ${value.transaction.statusClass}, expected ${statusClass}`,
      kind: `status ${value.transaction.statusClass}`,
    };
  return { ok: true, carry: value.transaction.id };
}

/** The gateway's create request (`autoConfirm` false: a pair with a confirm; true: the single-mutation variant). */
export function gatewayCreate(apiKey: string, key: string, autoConfirm: boolean): PairStep {
  return {
    path: '/graphql',
    headers: { authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({
      query: CREATE,
      variables: {
        input: {
          idempotencyKey: key,
          productId: PRODUCT_ID,
          creditParty: { mobileNumber: MOBILE_NUMBER },
          autoConfirm,
        },
      },
    }),
  };
}

export function gatewayProtocol(url: string, apiKey: string, autoConfirm: boolean): PairProtocol {
  const expected = autoConfirm ? 'CONFIRMED' : 'CREATED';
  return {
    origin: new URL(url).origin,
    first: (key) => gatewayCreate(apiKey, key, autoConfirm),
    readFirst: (body, status) =>
      readField(body, status, 'createTransaction', 'CreateTransactionSuccess', expected),
    ...(!autoConfirm && {
      second: {
        step: (id) => ({
          path: '/graphql',
          headers: { authorization: `Bearer ${apiKey}` },
          body: JSON.stringify({ query: CONFIRM, variables: { input: { id } } }),
        }),
        read: (body, status) =>
          readField(body, status, 'confirmTransaction', 'ConfirmTransactionSuccess', 'CONFIRMED'),
      },
    }),
  };
}

/** The F3 floor's plain JSON routes (bench/floors/mutate-by-hand.ts). */
export function floorProtocol(url: string, autoConfirm: boolean): PairProtocol {
  const read =
    (expected: string) =>
    (body: unknown, status: number): StepOutcome => {
      const answer = body as { id?: string; upstreamId?: string; statusClass?: string; error?: string };
      if (status !== 200 || answer.statusClass !== expected)
        return { ok: false, error: `F3: HTTP ${status} ${answer.error ?? answer.statusClass}` };
      return { ok: true, carry: JSON.stringify({ id: answer.id, upstreamId: answer.upstreamId }) };
    };
  return {
    origin: new URL(url).origin,
    first: (key) => ({
      path: '/create',
      headers: {},
      body: JSON.stringify({
        idempotencyKey: key,
        productId: PRODUCT_ID,
        mobileNumber: MOBILE_NUMBER,
        autoConfirm,
      }),
    }),
    readFirst: read(autoConfirm ? 'CONFIRMED' : 'CREATED'),
    ...(!autoConfirm && {
      second: { step: (carry) => ({ path: '/confirm', headers: {}, body: carry }), read: read('CONFIRMED') },
    }),
  };
}

/**
 * The fixed cost of one request on each side, with no store and no DT One call: `{__typename}` through the
 * gateway's GraphQL server, and an empty POST on F3's node:http server. Subtracted from the pair overhead, it
 * leaves what the mutation path itself adds.
 */
export function trivialProtocols(gatewayUrl: string, apiKey: string, f3Url: string): PairProtocol[] {
  const ok = (good: boolean, body: unknown, status: number): StepOutcome =>
    good
      ? { ok: true, carry: '' }
      : { ok: false, error: `HTTP ${status} ${JSON.stringify(body).slice(0, 200)}` };
  return [
    {
      origin: new URL(f3Url).origin,
      first: () => ({ path: '/callbacks/trivial', headers: {}, body: '{}' }),
      readFirst: (body, status) => ok(status === 200, body, status),
    },
    {
      origin: new URL(gatewayUrl).origin,
      first: () => ({
        path: '/graphql',
        headers: { authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({ query: '{__typename}' }),
      }),
      readFirst: (body, status) =>
        ok(
          status === 200 && (body as { data?: { __typename?: string } }).data?.__typename === 'Query',
          body,
          status,
        ),
    },
  ];
}
