import { type Client, createClient, type FormattedExecutionResult } from 'graphql-ws';
import { afterAll } from 'vitest';
import WebSocket from 'ws';

/** What the gateway answered a subscription first: its first result, its error message, or its completion. */
export type WsAnswer =
  | { type: 'next'; result: FormattedExecutionResult<Record<string, unknown>, unknown> }
  | { type: 'error'; errors: { message: string; extensions?: Record<string, unknown> }[] }
  | { type: 'complete' };

export interface WsSubscription {
  /** The first answer the server sent for this subscription. */
  first: Promise<WsAnswer>;
  /** Completes the subscription (the client sends `complete`). */
  stop(): void;
}

export interface WsClient {
  client: Client;
  /** Subscribes over the client's one socket; the subscription stays open until `stop` or the server ends it. */
  subscribe(query: string, variables?: Record<string, unknown>): WsSubscription;
  dispose(): Promise<void>;
}

const leftovers: Array<() => Promise<void>> = [];
afterAll(async () => {
  await Promise.all(leftovers.splice(0).map((dispose) => dispose()));
});

/**
 * A graphql-ws client (the `graphql-transport-ws` protocol over the `ws` package) on the gateway at `url` (its
 * http address), sending `key` as the connection's authorization (none when empty). It never reconnects, so a
 * refusal is seen as such; it is disposed after the file's tests if the test did not.
 */
export function connectWs(url: string, key: string): WsClient {
  const client = createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    ...(key && { connectionParams: { authorization: `Bearer ${key}` } }),
  });
  let disposed: Promise<void> | undefined;
  const dispose = () => {
    disposed ??= Promise.resolve(client.dispose());
    return disposed;
  };
  leftovers.push(dispose);
  return {
    client,
    dispose,
    subscribe(query, variables) {
      let stop: () => void = () => {};
      const first = new Promise<WsAnswer>((resolve) => {
        stop = client.subscribe(
          { query, ...(variables && { variables }) },
          {
            next: (result) => resolve({ type: 'next', result }),
            error: (error) =>
              resolve({
                type: 'error',
                errors: Array.isArray(error) ? error : [{ message: describe(error) }],
              }),
            complete: () => resolve({ type: 'complete' }),
          },
        );
      });
      return { first, stop: () => stop() };
    },
  };
}

/** A socket failure as text: an Error's message, or a close event's code and reason. */
function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'code' in error)
    return `socket closed with ${String(error.code)} ${'reason' in error ? String(error.reason) : ''}`.trim();
  return String(error);
}
