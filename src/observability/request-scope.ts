import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The request a piece of work was caused by, carried across `await`s, so that the log line of a DT One call made
 * deep in a resolver names the client's request id without every layer passing it down.
 */
const scope = new AsyncLocalStorage<{ readonly requestId: string }>();

export type RequestScope = <T>(requestId: string, fn: () => T) => T;

/**
 * Runs work in its request's scope, or just runs it when nothing will read the scope (only debug-level lines do): on
 * Node 20 an AsyncLocalStorage that was entered once puts a hook on every promise the process makes from then on.
 */
export function requestScope(enabled: boolean): RequestScope {
  return enabled ? (requestId, fn) => scope.run({ requestId }, fn) : (_requestId, fn) => fn();
}

/** The id of the request the current work serves; undefined for background work (the reconciler). */
export function currentRequestId(): string | undefined {
  return scope.getStore()?.requestId;
}
