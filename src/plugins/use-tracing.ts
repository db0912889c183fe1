import { type Attributes, type Span, SpanStatusCode } from '@opentelemetry/api';
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Tracing } from '../observability/tracing.js';
import { describeOperation } from './operation-description.js';
import { codesOf } from './use-operation-log.js';

/**
 * One span per GraphQL operation (name, type, outcome), active while it runs so the DT One calls and store writes it
 * causes are its children. A subscription's span covers its set-up; each event is not a span.
 */
export function useTracing(tracing: Tracing): Plugin {
  if (!tracing.enabled) return {};
  const start = (args: Parameters<typeof describeOperation>[0]) => {
    const { operation, type, tenant } = describeOperation(args);
    const attributes: Attributes = {
      'graphql.operation.type': type ?? 'unknown',
      ...(operation && { 'graphql.operation.name': operation }),
      ...(tenant && { 'dtone_gateway.tenant': tenant }),
    };
    return tracing.startSpan(`${type ?? 'graphql'} ${operation ?? 'anonymous'}`, attributes);
  };
  const end = (span: Span, result: ExecutionResult | AsyncIterable<unknown> | undefined) => {
    const codes = codesOf(result);
    span.setAttribute('dtone_gateway.outcome', codes.join(',') || 'ok');
    if (codes.length) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const span = start(args);
      if (!span) return;
      setExecuteFn((a) => tracing.withSpan(span, () => executeFn(a)));
      return { onExecuteDone: ({ result }) => end(span, result) };
    },
    onSubscribe({ args, subscribeFn, setSubscribeFn }) {
      const span = start(args);
      if (!span) return;
      setSubscribeFn((a) => tracing.withSpan(span, () => subscribeFn(a)));
      return { onSubscribeResult: ({ result }) => end(span, result) };
    },
  };
}
