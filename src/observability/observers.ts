import type { AttemptEvent } from '../datasources/http/types.js';
import type { Logger } from '../logging/logger.js';
import type { TransactionRecord } from '../store/types.js';
import type { ReconcileStep } from '../transactions/reconciler.js';
import type { WebhookObserver } from '../webhooks/worker.js';
import type { Metrics } from './metrics.js';
import { currentRequestId } from './request-scope.js';
import type { Tracing } from './tracing.js';

/** What a log line says of an error: its class and code, never its message (upstream text can carry customer data). */
export function errorName(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${error.name} ${code}` : error.name;
}

/** The hooks the gateway's parts report through: each event is counted in the metrics and logged once. */
export function createObservers(logger: Logger, metrics: Metrics, tracing: Tracing) {
  return {
    /** Every attempt of a call to DT One's DVS or G&S API (debug-level log lines). */
    upstreamAttempt(api: 'dvs' | 'gs', attempt: AttemptEvent): void {
      const status = String(attempt.status ?? attempt.failure);
      metrics.upstreamCalls.observe(
        { api, method: attempt.method, route: attempt.route, status },
        attempt.durationMs / 1000,
      );
      metrics.upstreamQueue.observe({ api }, attempt.queuedMs / 1000);
      if (tracing.enabled) {
        const end = Date.now();
        tracing.recordSpan(
          `${api === 'dvs' ? 'DT One' : 'G&S'} ${attempt.method} ${attempt.route}`,
          {
            'http.request.method': attempt.method,
            'url.template': attempt.route,
            'http.response.status_code': attempt.status ?? 0,
            'dtone_gateway.attempt': attempt.attempt,
            ...(attempt.failure && { 'error.type': attempt.failure }),
          },
          end - attempt.durationMs,
          end,
          attempt.status === undefined || attempt.status >= 500,
        );
      }
      logger.debug(
        {
          requestId: currentRequestId(),
          api,
          method: attempt.method,
          route: attempt.route,
          status,
          durationMs: Math.round(attempt.durationMs * 10) / 10,
          attempt: attempt.attempt,
          upstreamRequestId: attempt.requestId,
        },
        'upstream call',
      );
    },
    /** A callback answered: its transaction id (never the token in its path) and the status answered. */
    callbackAnswered(path: string, status: number): void {
      metrics.callbacks.inc({ status: String(status) });
      const transactionId = /^\/callbacks\/dtone\/([0-9a-f-]{36})\//.exec(path)?.[1] ?? null;
      logger.info({ transactionId, status }, 'callback');
    },
    callbackFailed(error: unknown): void {
      logger.warn({ error: errorName(error) }, 'callback re-read failed');
    },
    /** A reconciler step that changed a transaction or flagged it for review. */
    reconcilerStep(step: ReconcileStep): void {
      metrics.reconcilerSteps.inc({ result: step.needsReview ? 'review' : 'settled' });
      logger.info(
        {
          transactionId: step.id,
          from: step.before.status,
          to: step.after.status,
          phase: step.after.phase,
          needsReview: step.needsReview,
        },
        'reconciler step',
      );
    },
    reconcilerFailed(error: unknown, record: TransactionRecord): void {
      metrics.reconcilerFailures.inc();
      logger.warn({ transactionId: record.id, error: errorName(error) }, 'reconciler step failed');
    },

    /** The webhook worker's outcomes (counted; the failed attempts are in the store's attempt listing). */
    webhooks: {
      settled(outcome, latencyMs) {
        metrics.webhookDeliveries.inc({ outcome });
        if (latencyMs !== undefined) metrics.webhookLatency.observe(Math.max(0, latencyMs) / 1000);
      },
      failed(error) {
        logger.warn({ error: errorName(error) }, 'a webhook delivery step failed');
      },
    } satisfies WebhookObserver,
  };
}
