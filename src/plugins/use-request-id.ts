import { GraphQLError } from 'graphql';
import { isAsyncIterable, mapAsyncIterator, type Plugin } from 'graphql-yoga';

/**
 * Puts the request's id (`x-request-id`, fixed by the router before yoga runs) on every error of a result, so a
 * client can quote it and an operator find the request. Each event of a stream (a subscription over server-sent events) is stamped too.
 */
export function useRequestId(): Plugin {
  return {
    onResultProcess({ request, result, setResult }) {
      const requestId = request.headers.get('x-request-id');
      if (!requestId) return;
      const stamp = <R extends { errors?: readonly GraphQLError[] }>(one: R): R =>
        one.errors?.length
          ? {
              ...one,
              errors: one.errors.map(
                (error) =>
                  new GraphQLError(error.message, {
                    nodes: error.nodes,
                    source: error.source,
                    positions: error.positions,
                    path: error.path,
                    originalError: error.originalError,
                    extensions: { ...error.extensions, requestId },
                  }),
              ),
            }
          : one;
      if (isAsyncIterable(result)) setResult(mapAsyncIterator(result, stamp));
      else setResult(Array.isArray(result) ? result.map(stamp) : stamp(result));
    },
  };
}
