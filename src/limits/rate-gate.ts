import { GraphQLError, parse } from 'graphql';
import type { Caller } from '../context.js';
import { countMoneyMutations } from '../plugins/use-money-mutation-limit.js';
import type { BucketRule, TokenBuckets } from './token-bucket.js';

export type RateKind = 'queries' | 'money';

export interface RateLimitRules {
  /** Queries and subscriptions; unset: not limited. */
  readonly queries: BucketRule | undefined;
  /** Operations that move money (`createTransaction`, `confirmTransaction`, `cancelTransaction`, `payBill`). */
  readonly money: BucketRule | undefined;
}

export interface RateGateOptions {
  buckets: TokenBuckets;
  rules: RateLimitRules;
  /** Told of every refusal (a metric, a log line). */
  onLimited?: (kind: RateKind) => void;
}

/** Whose bucket an operation draws from: its API key; without one, its tenant, else its peer address. */
export function bucketOwner(caller: Caller | undefined, peerAddress: string | undefined): string {
  if (caller?.keyId) return `key:${caller.keyId}`;
  if (caller?.tenantId) return `tenant:${caller.tenantId}`;
  return `peer:${peerAddress ?? 'unknown'}`;
}

export function rateLimited(kind: RateKind, retryAfterSeconds: number): GraphQLError {
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
 * The one place that decides whether an operation may run under its caller's token buckets: one for money
 * operations, one for everything else. It is asked once per operation, as early as the operation's text is known:
 * by the HTTP server before yoga (`src/server/early-rate-limit.ts`), or by `useRateLimit` at params or execution.
 */
export function createRateGate({ buckets, rules, onLimited }: RateGateOptions) {
  const kinds = new Map<string, RateKind>();
  /** Requests (Node's or a websocket's) already charged: a later stage must not charge them again. */
  const charged = new WeakSet<object>();

  return {
    /** Which bucket an operation's text draws from; `undefined` for text that does not parse (validation refuses it). */
    kindOf(query: string, operationName: string | null | undefined): RateKind | undefined {
      const key = `${operationName ?? ''}\u0000${query}`;
      let kind = kinds.get(key);
      if (kind) return kind;
      try {
        kind = countMoneyMutations(parse(query), operationName) > 0 ? 'money' : 'queries';
      } catch {
        return undefined;
      }
      if (kinds.size >= 1_000) kinds.delete(kinds.keys().next().value as string);
      kinds.set(key, kind);
      return kind;
    },
    /** Charges `request` once; answers the refusal when its bucket is empty. */
    async charge(request: object, kind: RateKind, owner: string): Promise<GraphQLError | undefined> {
      if (charged.has(request)) return undefined;
      charged.add(request);
      const rule = rules[kind];
      if (!rule) return undefined;
      const taken = await buckets.take(`${kind}:${owner}`, rule);
      if (taken.allowed) return undefined;
      onLimited?.(kind);
      return rateLimited(kind, taken.retryAfterSeconds);
    },
    isCharged: (request: object) => charged.has(request),
  };
}

export type RateGate = ReturnType<typeof createRateGate>;
