import type { Server } from 'node:http';
import { type ExecutionArgs, GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { nestingError } from '../plugins/use-nesting-limit.js';
import type { createGatewayYoga } from '../yoga.js';

type Yoga = ReturnType<typeof createGatewayYoga>;

export interface WebSocketOptions {
  /** Resolves a connection's `authorization` param; throwing refuses it (4403). */
  authenticate: (authorization: string | null) => Promise<unknown>;
  /** @default 64 KiB */
  maxPayload?: number;
}

/**
 * graphql-ws on the gateway's HTTP server, at `/graphql`. Every operation goes through yoga's envelop (the same
 * parse/validate cache, limits and context as HTTP): auth comes from `connectionParams.authorization`.
 */
export function attachWebSockets(
  server: Server,
  yoga: Yoga,
  { authenticate, maxPayload = 64 * 1024 }: WebSocketOptions,
) {
  const wss = new WebSocketServer({ server, path: '/graphql', maxPayload });
  const authorizationOf = (params: Record<string, unknown> | undefined) => {
    const value = params?.authorization ?? params?.Authorization;
    return typeof value === 'string' ? value : null;
  };

  const disposable = useServer(
    {
      connectionInitWaitTimeout: 3_000,
      execute: (args) =>
        (args.rootValue as { execute: (a: ExecutionArgs) => unknown }).execute(args) as never,
      subscribe: (args) =>
        (args.rootValue as { subscribe: (a: ExecutionArgs) => unknown }).subscribe(args) as never,
      onConnect: async (ctx) => {
        try {
          await authenticate(authorizationOf(ctx.connectionParams));
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: async (ctx, _id, payload) => {
        const headers = new Headers();
        const authorization = authorizationOf(ctx.connectionParams);
        if (authorization) headers.set('authorization', authorization);
        const language = ctx.extra.request.headers['accept-language'];
        if (typeof language === 'string') headers.set('accept-language', language);
        // What the context and plugins read of a request; a full fetch Request (signal, body state, …) would be
        // held for the subscription's whole life, several KB per subscriber.
        const request = { method: 'POST', url: 'http://gateway/graphql', headers } as Request;
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          request,
          params: payload,
        });
        const tooDeep = nestingError(payload.query);
        if (tooDeep) return [tooDeep];
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
        return {
          schema,
          document,
          operationName: payload.operationName ?? null,
          variableValues: payload.variables ?? null,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        } as ExecutionArgs;
      },
    },
    wss,
  );

  return {
    async close(): Promise<void> {
      for (const client of wss.clients) client.close(1001, 'Going away');
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
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
