import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type GraphQLFormattedError, print } from 'graphql';

/** Variables are required exactly when the operation declares any. */
type VariablesArg<TVariables> =
  Record<string, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables];

/** The gateway answered, but not with data for the whole operation. */
export class GraphQLRequestError extends Error {
  override readonly name = 'GraphQLRequestError';

  constructor(
    readonly status: number,
    readonly errors: readonly GraphQLFormattedError[],
  ) {
    super(errors.map((e) => e.message).join('; ') || `HTTP ${status} without a GraphQL result`);
  }

  /** The gateway's error code of the first error, e.g. `NOT_FOUND`. */
  get code(): string | undefined {
    const code = this.errors[0]?.extensions?.code;
    return typeof code === 'string' ? code : undefined;
  }
}

interface ExecutionResult {
  data?: unknown;
  errors?: GraphQLFormattedError[];
}

/** The hash codegen embeds in a persisted document (`sha256:<hex>`), if any. */
function persistedHash(document: object): string | undefined {
  const hash = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  return typeof hash === 'string' ? hash.replace(/^sha256:/, '') : undefined;
}

/** Persisted-operation refusals: the gateway has no such hash, so the text is sent instead. */
const UNKNOWN_HASH = new Set(['PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_IN_LIST']);

/**
 * POSTs one operation to a GraphQL endpoint (`https://…/graphql`) over `fetch`; the result and variables types
 * come from the document. A persisted document goes as its hash alone (a gateway that runs only allow-listed
 * operations needs that); if the gateway does not know the hash, the text follows. Throws `GraphQLRequestError`
 * when the response carries errors.
 */
export async function request<TResult, TVariables>(
  url: string,
  document: TypedDocumentNode<TResult, TVariables>,
  ...[variables]: VariablesArg<TVariables>
): Promise<TResult> {
  const hash = persistedHash(document);
  let answer = hash
    ? await post(url, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } }, variables })
    : undefined;
  const code = answer?.body.errors?.[0]?.extensions?.code;
  if (!answer || (typeof code === 'string' && UNKNOWN_HASH.has(code))) {
    answer = await post(url, { query: print(document), variables });
  }
  const { status, body } = answer;
  if (body.errors?.length || body.data === undefined || body.data === null) {
    throw new GraphQLRequestError(status, body.errors ?? []);
  }
  return body.data as TResult;
}

async function post(url: string, payload: object): Promise<{ status: number; body: ExecutionResult }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json;q=0.9',
    },
    body: JSON.stringify(payload),
  });
  const body = (await response.json().catch(() => ({}))) as ExecutionResult;
  return { status: response.status, body };
}
