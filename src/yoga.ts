import type { ServerResponse } from 'node:http';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError } from 'graphql';
import { createYoga, maskError, type Plugin } from 'graphql-yoga';
import type { Config } from './config.js';
import type { GatewayContext } from './context.js';
import { upstreamToGraphQLError } from './errors.js';
import { EXAMPLE_OPERATIONS, LIVE_EXAMPLE_OPERATIONS } from './graphiql-examples.js';
import { useCostLimit } from './plugins/use-cost-limit.js';
import { useEventStreamMarker } from './plugins/use-event-stream-marker.js';
import { renderSelfHostedGraphiQL, useGraphiQLAssets } from './plugins/use-graphiql-assets.js';
import { useNestingLimit } from './plugins/use-nesting-limit.js';
import { useStaleMarker } from './plugins/use-stale-marker.js';
import { useSubscriptionRootRule } from './plugins/use-subscription-root-rule.js';
import { schema } from './schema/index.js';

export interface GatewayYogaOptions {
  config: Config;
  createContext: (request: Request) => Promise<GatewayContext>;
  /** Which operations may run at all (persisted operations, APQ); these see a request's params first. */
  operationPolicy?: Plugin[];
  /** Called with each Node response that is a server-sent-event stream (graceful stop ends them). */
  onEventStream?: (res: ServerResponse) => void;
}

/** The GraphQL server: schema, limits on every operation, masked errors, GraphiQL with example operations. */
export function createGatewayYoga({
  config,
  createContext,
  operationPolicy = [],
  onEventStream,
}: GatewayYogaOptions) {
  const plugins: Plugin[] = [
    ...operationPolicy,
    useNestingLimit(),
    useSubscriptionRootRule(),
    EnvelopArmorPlugin({
      maxDepth: { n: 14, ignoreIntrospection: true },
      maxAliases: { n: 15 },
      maxDirectives: { n: 50 },
      maxTokens: { n: 2000 },
      // Cost is limited by useCostLimit, which multiplies by page sizes; armor's depth-weighted cost cannot.
      costLimit: { enabled: false },
      blockFieldSuggestion: { enabled: config.env !== 'development' },
    }) as Plugin,
    useCostLimit(),
    useStaleMarker(),
    useGraphiQLAssets(),
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
    graphiql: {
      title: 'dtone-gateway',
      defaultQuery: config.mode === 'embedded' ? EXAMPLE_OPERATIONS : LIVE_EXAMPLE_OPERATIONS,
    },
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
