import type { IncomingMessage } from 'node:http';
import type { DocumentNode, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Caller, GatewayContext } from '../context.js';
import { bucketOwner, type RateGate } from '../limits/rate-gate.js';
import { countMoneyMutations } from './use-money-mutation-limit.js';

export interface RateLimitOptions {
  gate: RateGate;
  /** The caller of an HTTP request, from its `Authorization` header (the gateway's cached key lookup). */
  authenticate: (authorization: string | null) => Promise<Caller>;
}

/**
 * Rate limits per API key inside yoga, for what the HTTP server did not already charge before yoga (GET, event
 * streams, browser requests): at params, before a context is built, and for websocket subscribes at execution.
 * An over-limit operation did nothing and answers 429 / `RATE_LIMITED` with `retryAfterSeconds`; over a websocket
 * the subscribe gets that error and the socket stays open.
 */
export function useRateLimit({ gate, authenticate }: RateLimitOptions): Plugin {
  return {
    async onParams({ params, request, context, setResult }) {
      const req = (context as { req?: IncomingMessage }).req;
      if (!req || gate.isCharged(req) || typeof params.query !== 'string') return;
      const kind = gate.kindOf(params.query, params.operationName);
      if (!kind) return;
      let caller: Caller;
      try {
        caller = await authenticate(request.headers.get('authorization'));
      } catch {
        return; // A bad key is refused with its own error when the context is built.
      }
      const refusal = await gate.charge(req, kind, bucketOwner(caller, req.socket?.remoteAddress));
      if (refusal) setResult({ errors: [refusal] });
    },
    onExecute: ({ args, setResultAndStopExecution }) => atExecution(args, setResultAndStopExecution),
    onSubscribe: ({ args, setResultAndStopExecution }) => atExecution(args, setResultAndStopExecution),
  };

  /** Operations that came over a websocket (HTTP ones were charged at params). */
  async function atExecution(
    args: { document: unknown; operationName?: string | null; contextValue: unknown },
    stop: (result: { errors: GraphQLError[] }) => void,
  ) {
    const context = args.contextValue as Partial<GatewayContext> & {
      req?: IncomingMessage;
      request?: Request;
    };
    const charged = context.req ?? context.request;
    if (!charged || gate.isCharged(charged)) return;
    const kind =
      countMoneyMutations(args.document as DocumentNode, args.operationName) > 0 ? 'money' : 'queries';
    const refusal = await gate.charge(charged, kind, bucketOwner(context.caller, undefined));
    if (refusal) stop({ errors: [refusal] });
  }
}
