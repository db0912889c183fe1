import type { IncomingMessage } from 'node:http';
import { type DocumentNode, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Caller, GatewayContext } from '../context.js';
import type { BucketRule, TokenBuckets } from '../limits/token-bucket.js';
import { countMoneyMutations } from './use-money-mutation-limit.js';

export interface RateLimitRules {
  /** Queries and subscriptions; unset: not limited. */
  readonly queries: BucketRule | undefined;
  /** Operations that move money (`createTransaction`, `confirmTransaction`, `cancelTransaction`, `payBill`). */
  readonly money: BucketRule | undefined;
}

export interface RateLimitOptions {
  buckets: TokenBuckets;
  rules: RateLimitRules;
  /** Told of every refusal (a metric, a log line). */
  onLimited?: (kind: 'queries' | 'money') => void;
}

/** Whose bucket an operation draws from: its API key; without one, its tenant, else its peer address. */
function bucketOwner(caller: Caller | undefined, context: Record<string, unknown>): string {
  if (caller?.keyId) return `key:${caller.keyId}`;
  if (caller?.tenantId) return `tenant:${caller.tenantId}`;
  const req = context.req as IncomingMessage | undefined;
  return `peer:${req?.socket?.remoteAddress ?? 'unknown'}`;
}

export function rateLimited(kind: 'queries' | 'money', retryAfterSeconds: number): GraphQLError {
  const what = kind === 'money' ? 'money operations' : 'operations';
  return new GraphQLError(
    `This API key sent too many ${what}; retry in ${retryAfterSeconds} s. Nothing was done.`,
    {
      extensions: {
        code: 'RATE_LIMITED',
        retryAfterSeconds,
        http: { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } },
      },
    },
  );
}

/**
 * Token buckets per API key, one for money operations and one for everything else, checked after validation and
 * before anything runs: a refused operation did nothing and answers 429 / `RATE_LIMITED` with `retryAfterSeconds`.
 * Over websockets the same check answers the subscribe with that error and leaves the socket open.
 */
export function useRateLimit({ buckets, rules, onLimited }: RateLimitOptions): Plugin {
  const check = async (
    args: { document: unknown; operationName?: string | null; contextValue: unknown },
    stop: (result: { errors: GraphQLError[] }) => void,
  ) => {
    const kind =
      countMoneyMutations(args.document as DocumentNode, args.operationName) > 0 ? 'money' : 'queries';
    const rule = rules[kind];
    if (!rule) return;
    const context = args.contextValue as Partial<GatewayContext> & Record<string, unknown>;
    const taken = await buckets.take(`${kind}:${bucketOwner(context.caller, context)}`, rule);
    if (taken.allowed) return;
    onLimited?.(kind);
    stop({ errors: [rateLimited(kind, taken.retryAfterSeconds)] });
  };
  return {
    onExecute: ({ args, setResultAndStopExecution }) => check(args, setResultAndStopExecution),
    onSubscribe: ({ args, setResultAndStopExecution }) => check(args, setResultAndStopExecution),
  };
}
