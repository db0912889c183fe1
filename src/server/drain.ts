import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Tracks the HTTP server's sockets and responses so it can be drained: stop listening, let requests in flight
 * finish, end server-sent-event streams (a client reconnects to another instance and re-reads the state), and
 * close keep-alive sockets as their last response goes out.
 */
export function trackHttp(server: Server) {
  const sockets = new Set<Socket>();
  const responses = new Set<ServerResponse>();
  const eventStreams = new WeakSet<ServerResponse>();
  let openEventStreams = 0;
  let draining = false;
  let idle: (() => void) | undefined;

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  /** Counts a request in until its response closes; while draining, its socket closes after it. */
  function track(_req: IncomingMessage, res: ServerResponse): void {
    responses.add(res);
    if (draining) res.shouldKeepAlive = false;
    res.once('close', () => {
      responses.delete(res);
      if (draining) {
        server.closeIdleConnections();
        if (responses.size === 0) idle?.();
      }
    });
  }

  /**
   * Stops listening, ends event streams, and resolves `true` once every other response is out, or `false` at
   * `deadline` (the caller then destroys what is left with `destroyAll`).
   */
  async function drain(deadline: number): Promise<boolean> {
    draining = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    for (const res of responses) {
      res.shouldKeepAlive = false;
      if (eventStreams.has(res)) {
        // A write racing this end must not become an unhandled 'error' event.
        res.on('error', () => {});
        res.end();
      }
    }
    const finished = new Promise<boolean>((resolve) => {
      idle = () => resolve(true);
      if (responses.size === 0) resolve(true);
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
    });
    try {
      const drained = await Promise.race([finished, timedOut]);
      if (drained) {
        server.closeIdleConnections();
        await Promise.race([closed, timedOut]);
      }
      return drained;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    track,
    drain,
    /** Marks a response as a server-sent-event stream: a drain ends it instead of waiting for it. */
    markEventStream(res: ServerResponse): void {
      if (eventStreams.has(res)) return;
      eventStreams.add(res);
      openEventStreams += 1;
      res.once('close', () => {
        openEventStreams -= 1;
      });
    },
    /** Server-sent-event streams open now. */
    openEventStreams: () => openEventStreams,
    get draining() {
      return draining;
    },
    /** Ends every connection at once (the deadline passed, or the caller is not draining). */
    destroyAll(): void {
      for (const socket of sockets) socket.destroy();
    },
  };
}
