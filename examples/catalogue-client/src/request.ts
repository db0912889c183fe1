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

/**
 * POSTs one operation to a GraphQL endpoint (`https://…/graphql`) over `fetch`; the result and variables types
 * come from the document. Throws `GraphQLRequestError` when the response carries errors.
 */
export async function request<TResult, TVariables>(
  url: string,
  document: TypedDocumentNode<TResult, TVariables>,
  ...[variables]: VariablesArg<TVariables>
): Promise<TResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json;q=0.9',
    },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json().catch(() => ({}))) as ExecutionResult;
  if (body.errors?.length || body.data === undefined || body.data === null) {
    throw new GraphQLRequestError(response.status, body.errors ?? []);
  }
  return body.data as TResult;
}
