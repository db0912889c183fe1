import type { ExecutionResult, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../logging/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { describeOperation } from './operation-description.js';

/** The distinct codes of a result's errors (none for a success). */
export function codesOf(result: ExecutionResult | AsyncIterable<unknown> | undefined): string[] {
  if (!result || Symbol.asyncIterator in result) return [];
  const codes = (result.errors ?? []).map(
    (error: GraphQLError) => (error.extensions?.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR',
  );
  return [...new Set(codes)];
}

/**
 * One log line per GraphQL operation: request id, tenant, API key id, operation name and type, duration and outcome
 * (`ok`, or its error codes), and the same in the metrics (by type and outcome, errors by code). Never variables,
 * arguments or results: those carry phone numbers and PINs.
 */
export function useOperationLog(logger: Logger, metrics?: Metrics): Plugin {
  const fields = describeOperation;
  const done = (
    message: string,
    args: Parameters<typeof fields>[0],
    started: number,
    result: ExecutionResult | AsyncIterable<unknown> | undefined,
  ) => {
    const seconds = (performance.now() - started) / 1000;
    const codes = codesOf(result);
    const described = fields(args);
    logger.info(
      { ...described, durationMs: Math.round(seconds * 10_000) / 10, outcome: codes.join(',') || 'ok' },
      message,
    );
    metrics?.operations.observe(
      { type: described.type ?? 'unknown', outcome: codes.length ? 'error' : 'ok' },
      seconds,
    );
    for (const code of codes) metrics?.errors.inc({ code });
  };
  return {
    onExecute({ args }) {
      const started = performance.now();
      return {
        onExecuteDone({ result }) {
          done('graphql operation', args, started, result);
        },
      };
    },
    onSubscribe({ args }) {
      const started = performance.now();
      return {
        onSubscribeResult({ result }) {
          done('graphql subscription', args, started, result);
        },
      };
    },
  };
}
