import { GraphQLError } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';

/**
 * graphql-js ends many messages with a hint at the schema: `Did you mean "country"?`, `Did you mean the enum value
 * "COMPLETED"?`, `Did you mean to use an inline fragment on "Product"?`. Names never hold a `?`, so the sentence ends
 * at the first one.
 */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

export interface SuggestionPolicyOptions {
  /** `never`: no caller sees a suggestion. `authenticated`: only a caller with a valid API key does. */
  show: 'never' | 'authenticated';
  /** Whether an HTTP request carries a valid API key (embedded mode's keyless sandbox caller does not count). */
  isAuthenticated: (request: Request) => Promise<boolean>;
}

type Result = { errors?: readonly GraphQLError[] };

/**
 * Keeps schema hints ("Did you mean …") away from callers who may not read the schema; it replaces graphql-armor's
 * block-field-suggestions, which misses enum values and every error raised while coercing variables.
 *
 * Hints are removed from validation and execution results on every transport (HTTP, SSE, graphql-ws) unless the
 * request carries an `Authorization` header; results are replaced, never edited, since yoga caches validation
 * results per document. A header alone proves nothing, so an HTTP result that still holds a hint is checked once
 * more on its way out, and only then does the key get looked up. A socket's key was checked when it connected.
 */
export function useSuggestionPolicy({ show, isAuthenticated }: SuggestionPolicyOptions): Plugin {
  const hide = (request: Request | undefined) => show === 'never' || !request?.headers.get('authorization');
  const stripped = <R extends Result>(result: R): R =>
    result.errors?.some(hasSuggestion) ? { ...result, errors: result.errors.map(withoutSuggestion) } : result;
  const requestOf = (context: unknown) => (context as { request?: Request } | undefined)?.request;

  return {
    onValidate: ({ context }) => {
      if (!hide(requestOf(context))) return;
      return ({ valid, result, setResult }) => {
        if (!valid && result.some(hasSuggestion)) setResult(result.map(withoutSuggestion));
      };
    },
    onExecute: ({ args }) => {
      if (!hide(requestOf(args.contextValue))) return;
      return {
        onExecuteDone: ({ result, setResult }) => {
          if (!isAsyncIterable(result)) setResult(stripped(result));
        },
      };
    },
    onSubscribe: ({ args }) => {
      if (!hide(requestOf(args.contextValue))) return;
      return {
        onSubscribeResult: ({ result, setResult }) => {
          if (!isAsyncIterable(result)) setResult(stripped(result));
        },
      };
    },
    async onResultProcess({ request, result, setResult }) {
      if (show === 'never' || isAsyncIterable(result)) return;
      const results = Array.isArray(result) ? result : [result];
      if (!results.some((r) => r.errors?.some(hasSuggestion))) return;
      if (await isAuthenticated(request).catch(() => false)) return;
      setResult(Array.isArray(result) ? results.map(stripped) : stripped(result as Result));
    },
  };
}

function hasSuggestion(error: { message: string }): boolean {
  SUGGESTION.lastIndex = 0;
  return SUGGESTION.test(error.message);
}

function withoutSuggestion<E extends Error>(error: E): E | GraphQLError {
  if (!hasSuggestion(error)) return error;
  if (!(error instanceof GraphQLError)) return new GraphQLError(error.message.replace(SUGGESTION, ''));
  return new GraphQLError(error.message.replace(SUGGESTION, ''), {
    ...(error.nodes && { nodes: error.nodes }),
    ...(error.source && { source: error.source }),
    ...(error.positions && { positions: error.positions }),
    ...(error.path && { path: error.path }),
    ...(error.originalError && { originalError: error.originalError }),
    extensions: error.extensions,
  });
}
