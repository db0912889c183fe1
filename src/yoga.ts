import type { ServerResponse } from 'node:http';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError } from 'graphql';
import { createYoga, maskError, type Plugin } from 'graphql-yoga';
import type { Config } from './config.js';
import type { GatewayContext } from './context.js';
import { upstreamToGraphQLError } from './errors.js';
import { EXAMPLE_OPERATIONS, LIVE_EXAMPLE_OPERATIONS, withFreshTopUpKey } from './graphiql-examples.js';
import type { OnLimited } from './limits/limit-names.js';
import type { Logger } from './logging/logger.js';
import type { Metrics } from './observability/metrics.js';
import type { Tracing } from './observability/tracing.js';
import { corsOptions, useVaryOnOrigin } from './plugins/cors.js';
import { useCostLimit } from './plugins/use-cost-limit.js';
import { useCsrfPrevention } from './plugins/use-csrf-prevention.js';
import { useDisableIntrospection } from './plugins/use-disable-introspection.js';
import { useEventStreamMarker } from './plugins/use-event-stream-marker.js';
import { renderSelfHostedGraphiQL, useGraphiQLAssets } from './plugins/use-graphiql-assets.js';
import { useMoneyMutationLimit } from './plugins/use-money-mutation-limit.js';
import { useNestingLimit } from './plugins/use-nesting-limit.js';
import { useOperationLog } from './plugins/use-operation-log.js';
import { type RateLimitOptions, useRateLimit } from './plugins/use-rate-limit.js';
import { useRequestId } from './plugins/use-request-id.js';
import { useSharedSubscriptionEvents } from './plugins/use-shared-subscription-events.js';
import { useStaleMarker } from './plugins/use-stale-marker.js';
import { useSubscriptionRootRule } from './plugins/use-subscription-root-rule.js';
import { useSuggestionPolicy } from './plugins/use-suggestion-policy.js';
import { useTracing } from './plugins/use-tracing.js';
import { schema } from './schema/index.js';

export interface GatewayYogaOptions {
  config: Config;
  createContext: (request: Request) => Promise<GatewayContext>;
  /** Which operations may run at all (persisted operations, APQ); these see a request's params first. */
  operationPolicy?: Plugin[];
  /** Called with each Node response that is a server-sent-event stream (graceful stop ends them). */
  onEventStream?: (res: ServerResponse) => void;
  /** Whether a request carries a valid API key: only such a caller may see "Did you mean …" hints. */
  isAuthenticated: (request: Request) => Promise<boolean>;
  /** Where each operation is logged; none when unset. */
  logger?: Logger;
  /** Where each operation is counted. */
  metrics?: Metrics;
  /** Token buckets per API key; no rate limit when unset. */
  rateLimit?: RateLimitOptions;
  /** One span per operation; none when tracing is off. */
  tracing?: Tracing;
  /** Stores catalogue-only answers for the response cache in front of yoga; none when it is off. */
  responseCache?: Plugin | undefined;
}

/**
 * The GraphQL server: schema, limits on every operation, masked errors, GraphiQL with example operations. What a
 * browser or a caller without a key can learn is set by `config.security`: CSRF prevention always, CORS from an
 * allow-list, and introspection, suggestions and GraphiQL on in embedded mode, off in live mode unless switched on.
 */
export function createGatewayYoga({
  config,
  createContext,
  operationPolicy = [],
  onEventStream,
  isAuthenticated,
  rateLimit,
  logger,
  metrics,
  tracing,
  responseCache,
}: GatewayYogaOptions) {
  const { security } = config;
  const onLimited: OnLimited | undefined = metrics && ((limit) => metrics.limitRejections.inc({ limit }));
  const plugins: Plugin[] = [
    ...operationPolicy,
    useNestingLimit(onLimited),
    useSubscriptionRootRule(),
    useMoneyMutationLimit(onLimited),
    useCsrfPrevention(),
    useVaryOnOrigin(),
    EnvelopArmorPlugin({
      maxDepth: { n: 14, ignoreIntrospection: true },
      maxAliases: { n: 15 },
      maxDirectives: { n: 50 },
      maxTokens: { n: 2000 },
      // Cost is limited by useCostLimit, which multiplies by page sizes; armor's depth-weighted cost cannot.
      costLimit: { enabled: false },
      // useSuggestionPolicy does this job, for enum values and variables too.
      blockFieldSuggestion: { enabled: false },
    }) as Plugin,
    useSuggestionPolicy({ show: security.fieldSuggestions ? 'authenticated' : 'never', isAuthenticated }),
    ...(security.introspection ? [] : [useDisableIntrospection()]),
    useCostLimit({}, onLimited),
    ...(rateLimit ? [useRateLimit(rateLimit)] : []),
    useSharedSubscriptionEvents(metrics && ((execution) => metrics.subscriptionEvents.inc({ execution }))),
    useStaleMarker(),
    ...(responseCache ? [responseCache] : []),
    useRequestId(),
    ...(tracing ? [useTracing(tracing)] : []),
    ...(logger ? [useOperationLog(logger, metrics)] : []),
    ...(security.graphiql ? [useGraphiQLAssets()] : []),
    ...(onEventStream ? [useEventStreamMarker(onEventStream)] : []),
  ];

  return createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    maxRequestBodySize: 1024 * 1024,
    context: ({ request }) => createContext(request),
    plugins,
    logging: config.logLevel === 'silent' ? false : 'warn',
    cors: corsOptions(security.cors),
    graphiql:
      security.graphiql &&
      (() => ({
        title: 'dtone-gateway',
        defaultQuery:
          config.mode === 'embedded' ? withFreshTopUpKey(EXAMPLE_OPERATIONS) : LIVE_EXAMPLE_OPERATIONS,
        // GraphiQL sends subscriptions as SSE GETs; CSRF prevention wants such a GET to carry this header.
        additionalHeaders: { 'x-graphql-yoga-csrf': 'graphiql' },
      })),
    renderGraphiQL: renderSelfHostedGraphiQL,
    maskedErrors: {
      maskError(error, message, isDev) {
        const located = error as GraphQLError;
        const upstream = upstreamToGraphQLError(located.originalError, undefined);
        if (upstream) {
          return new GraphQLError(upstream.message, {
            nodes: located.nodes,
            path: located.path,
            extensions: upstream.extensions,
          });
        }
        return maskError(error, message, isDev);
      },
    },
  });
}
