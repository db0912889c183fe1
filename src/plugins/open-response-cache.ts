import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TenantAccounts } from '../accounts/tenant-accounts.js';
import type { Authenticate } from '../auth/api-keys.js';
import type { Config } from '../config.js';
import type { EntityCache } from '../datasources/cache.js';
import type { SharedCache } from '../datasources/shared-cache.js';
import type { Logger } from '../logging/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { schema } from '../schema/index.js';
import { createResponseStore } from './response-cache-store.js';
import { createResponseCache, type ResponseCache } from './use-response-cache.js';

export interface ResponseCacheParts {
  cache: EntityCache;
  shared: SharedCache | undefined;
  authenticate: Authenticate;
  accounts: Pick<TenantAccounts, 'forRequest'>;
  metrics: Metrics;
  logger: Logger;
}

/**
 * The response cache of one gateway (`RESPONSE_CACHE`, on by default): timed by the entity cache's clock, emptied
 * with it, shared through the entity cache's Redis when `REDIS_URL` is set. Undefined when switched off.
 */
export function openResponseCache(config: Config, parts: ResponseCacheParts): ResponseCache | undefined {
  if (!config.responseCache.enabled) return undefined;
  const { cache, shared, authenticate, accounts, metrics, logger } = parts;
  const store = createResponseStore({
    now: cache.now,
    maxBytes: config.responseCache.maxBytes,
    shared: shared?.keyv,
    ...(shared && { sharedReady: shared.ready }),
  });
  const responseCache = createResponseCache({
    store,
    schema,
    now: cache.now,
    authenticate,
    accountOf: async (tenantId) => (await accounts.forRequest(tenantId)).dvs.id,
    // A kept answer is still an operation: counted and logged like one (never its variables or result).
    onHit({ req, caller, operationName, seconds }) {
      metrics.operations.observe({ type: 'query', outcome: 'ok' }, seconds);
      logger.info(
        {
          requestId: req.headers['x-request-id'],
          tenant: caller.tenantId,
          apiKeyId: caller.keyId,
          operation: operationName,
          type: 'query',
          durationMs: Math.round(seconds * 10_000) / 10,
          outcome: 'ok',
          responseCache: 'hit',
        },
        'graphql operation',
      );
    },
  });
  cache.onClear(() => responseCache.clear());
  return responseCache;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** `graphql` with the response cache in front of it, when there is one. */
export function inFrontOf(responseCache: ResponseCache | undefined, graphql: Handler): Handler {
  if (!responseCache) return graphql;
  return (req, res) => {
    responseCache.serve(req, res).then(
      (answered) => {
        if (!answered) graphql(req, res);
      },
      () => graphql(req, res),
    );
  };
}
