import type { Server } from 'node:http';
import { type ExecutionArgs, GraphQLError } from 'graphql';
import { CloseCode, handleProtocols, makeServer } from 'graphql-ws';
import { WebSocket, WebSocketServer } from 'ws';
import type { Caller } from '../context.js';
import type { OnLimited } from '../limits/limit-names.js';
import { costRefusal } from '../plugins/use-cost-limit.js';
import { nestingError } from '../plugins/use-nesting-limit.js';
import type { createGatewayYoga } from '../yoga.js';

type Yoga = ReturnType<typeof createGatewayYoga>;

/** Close codes of the gateway's own (4000–4999 are the application's; graphql-ws uses 44xx for the protocol). */
export const WS_CLOSE = {
  /** The API key already holds `maxSocketsPerKey` sockets. */
  TOO_MANY_SOCKETS: 4429,
  /** The client read its answers too slowly: more than `maxBufferedBytes` were waiting. */
  SLOW_READER: 4413,
} as const;

export interface WebSocketLimits {
  maxMessageBytes: number;
  maxSubscriptionsPerSocket: number;
  maxSocketsPerKey: number;
  maxBufferedBytes: number;
}

export interface WebSocketOptions {
  /** Resolves a connection's `authorization` param; throwing refuses it (4403). */
  authenticate: (authorization: string | null) => Promise<Caller>;
  limits: WebSocketLimits;
  /** Told of each refusal by a cap (a metric). */
  onLimited?: OnLimited;
}

interface Extra {
  socket: WebSocket;
  /** The upgrade request's `Accept-Language` (the request itself is not kept: ~1.3 KB per socket). */
  language: string | undefined;
  /** The API key the socket authenticated with (the bucket of `maxSocketsPerKey`). */
  owner?: string;
}

/** Messages only a server sends: a client sending one breaks the protocol (4400), it is not a gateway fault. */
const SERVER_ONLY = new Set(['connection_ack', 'next', 'error']);

/**
 * graphql-ws on the gateway's HTTP server, at `/graphql`, on graphql-ws's own protocol core with this adapter, which
 * adds the caps: subscriptions per socket, sockets per API key, message size and a bound on output waiting for a
 * slow reader. Every operation goes through yoga's envelop (the same parse/validate cache, limits and context as
 * HTTP): auth comes from `connectionParams.authorization`. A refused operation answers its own `error` message; the
 * socket and its other subscriptions go on.
 */
export function attachWebSockets(
  server: Server,
  yoga: Yoga,
  { authenticate, limits, onLimited }: WebSocketOptions,
) {
  const wss = new WebSocketServer({
    server,
    path: '/graphql',
    maxPayload: limits.maxMessageBytes,
    handleProtocols,
  });
  const socketsPerOwner = new Map<string, number>();
  const counters = { closedSlowReaders: 0, refusedSockets: 0, refusedSubscriptions: 0 };
  const authorizationOf = (params: Record<string, unknown> | undefined) => {
    const value = params?.authorization ?? params?.Authorization;
    return typeof value === 'string' ? value : null;
  };
  const release = (extra: Extra) => {
    if (!extra.owner) return;
    const left = (socketsPerOwner.get(extra.owner) ?? 1) - 1;
    if (left > 0) socketsPerOwner.set(extra.owner, left);
    else socketsPerOwner.delete(extra.owner);
    extra.owner = undefined;
  };

  const protocol = makeServer<Record<string, unknown> | undefined, Extra>({
    connectionInitWaitTimeout: 3_000,
    execute: (args) => (args.rootValue as { execute: (a: ExecutionArgs) => unknown }).execute(args) as never,
    subscribe: (args) =>
      (args.rootValue as { subscribe: (a: ExecutionArgs) => unknown }).subscribe(args) as never,
    onConnect: async (ctx) => {
      let caller: Caller;
      try {
        caller = await authenticate(authorizationOf(ctx.connectionParams));
      } catch {
        return false;
      }
      const owner = caller.keyId ?? caller.tenantId ?? 'anonymous';
      const held = socketsPerOwner.get(owner) ?? 0;
      if (held >= limits.maxSocketsPerKey) {
        counters.refusedSockets++;
        onLimited?.('ws_sockets');
        ctx.extra.socket.close(
          WS_CLOSE.TOO_MANY_SOCKETS,
          `This API key holds ${held} websockets, the most allowed`,
        );
        return false;
      }
      socketsPerOwner.set(owner, held + 1);
      ctx.extra.owner = owner;
      return true;
    },
    onSubscribe: async (ctx, _id, payload) => {
      const authorization = authorizationOf(ctx.connectionParams);
      try {
        await authenticate(authorization);
      } catch (error) {
        // The key was revoked since the socket opened: nothing more runs on it.
        ctx.extra.socket.close(CloseCode.Forbidden, 'Forbidden: the API key is no longer valid');
        return [asGraphQLError(error)];
      }
      // The subscription being started is already counted in ctx.subscriptions.
      if (Object.keys(ctx.subscriptions).length > limits.maxSubscriptionsPerSocket) {
        counters.refusedSubscriptions++;
        onLimited?.('ws_subscriptions');
        return [
          new GraphQLError(
            `This socket holds ${limits.maxSubscriptionsPerSocket} subscriptions, the most allowed: complete one first`,
            { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', max: limits.maxSubscriptionsPerSocket } },
          ),
        ];
      }
      // What the context and plugins read of a request; a full fetch Request (signal, body state, …), or even a
      // fetch Headers, would be held for the subscription's whole life.
      const headers = new SocketHeaders(authorization, ctx.extra.language);
      const request = { method: 'POST', url: 'http://gateway/graphql', headers } as unknown as Request;
      const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
        ...ctx,
        request,
        params: payload,
      });
      const tooDeep = nestingError(payload.query);
      if (tooDeep) {
        onLimited?.('depth');
        return [tooDeep];
      }
      let document: ReturnType<typeof parse>;
      try {
        document = parse(payload.query);
      } catch (error) {
        return [asGraphQLError(error)];
      }
      let errors: readonly unknown[];
      try {
        // Limit rules (depth, aliases, directives) throw their refusal rather than report it.
        errors = validate(schema, document);
      } catch (error) {
        errors = [error];
      }
      if (errors.length > 0) return errors.map(asGraphQLError);
      const variableValues = payload.variables ?? null;
      const tooExpensive = costRefusal({
        schema,
        document,
        operationName: payload.operationName,
        variableValues,
      });
      if (tooExpensive) {
        onLimited?.('cost');
        return [tooExpensive];
      }
      try {
        return {
          schema,
          document,
          operationName: payload.operationName ?? null,
          variableValues,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        } as ExecutionArgs;
      } catch (error) {
        return [asGraphQLError(error)];
      }
    },
    onClose: (ctx) => release(ctx.extra),
  });

  // One keep-alive for all sockets: every 12 s, a socket that did not answer the last ping is cut, the others pinged.
  const unanswered = new WeakSet<WebSocket>();
  const keepAlive = setInterval(() => {
    for (const socket of wss.clients) {
      if (socket.readyState !== WebSocket.OPEN) continue;
      if (unanswered.has(socket)) {
        socket.terminate();
        continue;
      }
      unanswered.add(socket);
      socket.ping();
    }
  }, 12_000).unref();
  function answered(this: WebSocket) {
    unanswered.delete(this);
  }

  wss.on('connection', (socket, request) => {
    const language = request.headers['accept-language'];
    const extra: Extra = { socket, language: typeof language === 'string' ? language : undefined };
    // A broken socket is the client's: it is dropped, never logged as the gateway's error.
    socket.once('error', socket.terminate); // called on the socket, as every listener is
    socket.on('pong', answered);
    const closed = protocol.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => {
            if (socket.readyState !== WebSocket.OPEN) return resolve();
            if (socket.bufferedAmount + data.length > limits.maxBufferedBytes) {
              counters.closedSlowReaders++;
              onLimited?.('ws_slow_reader');
              socket.close(WS_CLOSE.SLOW_READER, 'Answers were not read fast enough');
              return resolve();
            }
            socket.send(data, (error) => (error ? reject(error) : resolve()));
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', async (data) => {
            const text = String(data);
            if (SERVER_ONLY.has(messageType(text) ?? '')) {
              socket.close(CloseCode.BadRequest, 'Invalid message received');
              return;
            }
            try {
              await handle(text);
            } catch {
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            }
          }),
      },
      extra,
    );
    socket.once('close', (code, reason) => {
      release(extra);
      void closed(code, String(reason));
    });
  });

  return {
    /** Sockets and subscriptions open now, and what the caps refused or closed since the start. */
    stats() {
      return { sockets: wss.clients.size, ...counters };
    },
    /** Says 1001 to every client; a client that does not answer the close within `graceMs` is cut. */
    async close(graceMs = 2_000): Promise<void> {
      clearInterval(keepAlive);
      const clients = [...wss.clients];
      const gone = clients.map((client) => new Promise((resolve) => client.once('close', resolve)));
      for (const client of clients) client.close(1001, 'Going away');
      await Promise.race([Promise.all(gone), new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** The request headers a subscription's context and the plugins read: its key and its language. */
class SocketHeaders {
  constructor(
    private readonly authorization: string | null,
    private readonly language: string | undefined,
  ) {}

  get(name: string): string | null {
    const key = name.toLowerCase();
    if (key === 'authorization') return this.authorization;
    return key === 'accept-language' ? (this.language ?? null) : null;
  }

  has(name: string): boolean {
    return this.get(name) !== null;
  }
}

function messageType(text: string): string | undefined {
  try {
    const message = JSON.parse(text) as { type?: unknown };
    return typeof message?.type === 'string' ? message.type : undefined;
  } catch {
    return undefined; // graphql-ws answers unreadable text itself (4400).
  }
}

/**
 * graphql-ws answers an operation's `error` only for errors that are `GraphQLError`s of its own graphql copy;
 * anything else (a limit plugin's error from another copy, a plain Error) it takes for execution arguments and
 * closes the whole socket with 4500. So every refusal is rebuilt here, message and extensions kept.
 */
function asGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  const { message, extensions } = error as { message?: unknown; extensions?: Record<string, unknown> };
  return new GraphQLError(typeof message === 'string' ? message : 'The operation was refused', {
    extensions: extensions ?? { code: 'GRAPHQL_VALIDATION_FAILED' },
  });
}
