import type { ServerResponse } from 'node:http';
import type { Plugin } from 'graphql-yoga';

/**
 * Tells the HTTP server which of its responses are server-sent-event streams (`onEventStream`): yoga writes their
 * headers in one `writeHead`, which Node does not keep where `getHeader` could read them, and a graceful stop
 * must end these streams rather than wait for them.
 */
export function useEventStreamMarker(onEventStream: (res: ServerResponse) => void): Plugin {
  return {
    onResponse({ response, serverContext }) {
      if (!response.headers.get('content-type')?.startsWith('text/event-stream')) return;
      const res = (serverContext as { res?: ServerResponse } | undefined)?.res;
      if (res) onEventStream(res);
    },
  };
}
