import { subscribe, unsubscribe } from 'node:diagnostics_channel';

/**
 * How long each attempt waited for one of the pool's connections (a busy pool queues requests; a new connection is
 * dialled): from the moment it is handed to undici until undici writes its headers to a socket. undici reports the
 * write on a diagnostics channel; the attempt is recognised by the `x-request-id` the transport puts on every one.
 */
export function createPoolWaitClock() {
  const waiting = new Map<string, number>();
  const waited = new Map<string, number>();
  const onSendHeaders = (message: unknown) => {
    const headers = (message as { request?: { headers?: unknown } }).request?.headers;
    if (!Array.isArray(headers)) return;
    const at = headers.indexOf('x-request-id');
    const id: unknown = at >= 0 ? headers[at + 1] : undefined;
    if (typeof id !== 'string') return;
    const started = waiting.get(id);
    if (started === undefined) return;
    waiting.delete(id);
    waited.set(id, performance.now() - started);
  };
  subscribe('undici:client:sendHeaders', onSendHeaders);
  return {
    /** The attempt `requestId` is handed to the pool now. */
    start(requestId: string): void {
      waiting.set(requestId, performance.now());
    },
    /** How long the attempt waited for a connection (0 when it never reached one), forgetting it. */
    end(requestId: string): number {
      waiting.delete(requestId);
      const ms = waited.get(requestId) ?? 0;
      waited.delete(requestId);
      return ms;
    },
    close(): void {
      unsubscribe('undici:client:sendHeaders', onSendHeaders);
    },
  };
}
