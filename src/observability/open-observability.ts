import type { Config } from '../config.js';
import type { LimitName } from '../limits/limit-names.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { createMetrics, type LiveCounts } from './metrics.js';
import { createObservers } from './observers.js';
import { requestScope } from './request-scope.js';
import { createTracing } from './tracing.js';

/** A gateway's logger, metrics, tracing and the hooks its parts report through. */
export function openObservability(config: Config, live: LiveCounts, logger?: Logger) {
  const log =
    logger ??
    createLogger(config.logLevel, undefined, {
      pretty: config.env === 'development',
    });
  const metrics = createMetrics(live);
  const tracing = createTracing(config.tracing);
  return {
    logger: log,
    metrics,
    tracing,
    observe: createObservers(log, metrics, tracing),
    onLimited: (limit: LimitName) => metrics.limitRejections.inc({ limit }),
    /** Carries the request id to the DT One call lines, which are logged at debug level only. */
    inRequest: requestScope(log.isLevelEnabled('debug')),
  };
}
