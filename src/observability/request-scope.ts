import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The request a piece of work was caused by, carried across `await`s, so that the log line of a DT One call made
 * deep in a resolver names the client's request id without every layer passing it down.
 */
const scope = new AsyncLocalStorage<{ readonly requestId: string }>();

export function runInRequest<T>(requestId: string, fn: () => T): T {
  return scope.run({ requestId }, fn);
}

/** The id of the request the current work serves; undefined for background work (the reconciler). */
export function currentRequestId(): string | undefined {
  return scope.getStore()?.requestId;
}
