import type { IncomingHttpHeaders } from 'node:http';
import {
  type Attributes,
  type Context,
  context,
  defaultTextMapGetter,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { Config } from '../config.js';

/**
 * The gateway's spans. Each gateway owns its tracer provider (a process may hold several gateways, as tests do), and
 * only the context manager is process-wide: it is what carries the active span across `await`s. Off, every method
 * is a cheap pass-through and nothing is exported.
 */
export interface Tracing {
  readonly enabled: boolean;
  /** Runs `fn` in the trace a client's W3C `traceparent` names, or in a new one. */
  withRemoteParent<T>(headers: IncomingHttpHeaders, fn: () => T): T;
  /** Runs `fn` inside a new span, child of the active one; the span ends when `fn` settles (an error marks it). */
  inSpan<T>(name: string, attributes: Attributes, fn: (span: Span | undefined) => Promise<T>): Promise<T>;
  /** Starts a span, child of the active one, that the caller ends; `undefined` when tracing is off. */
  startSpan(name: string, attributes: Attributes, kind?: SpanKind): Span | undefined;
  /** Records a span that already happened (its start and end in epoch milliseconds), child of the active one. */
  recordSpan(name: string, attributes: Attributes, startMs: number, endMs: number, failed: boolean): void;
  /** Runs `fn` with `span` active, so spans started within are its children. */
  withSpan<T>(span: Span | undefined, fn: () => T): T;
  /** Exports what is buffered and stops. */
  shutdown(): Promise<void>;
}

const propagator = new W3CTraceContextPropagator();
let contextManagerSet = false;

function ensureContextManager(): void {
  if (contextManagerSet) return;
  contextManagerSet = true;
  // Another library may have set one already; the API keeps the first and ours is then not needed.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
}

const OFF: Tracing = {
  enabled: false,
  withRemoteParent: (_headers, fn) => fn(),
  inSpan: (_name, _attributes, fn) => fn(undefined),
  startSpan: () => undefined,
  recordSpan: () => {},
  withSpan: (_span, fn) => fn(),
  shutdown: async () => {},
};

export function createTracing(config: Config['tracing']): Tracing {
  if (!config.enabled) return OFF;
  ensureContextManager();
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: config.tracesUrl }))],
  });
  const tracer: Tracer = provider.getTracer('dtone-gateway');
  const failed = (span: Span, error: unknown) => {
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: error instanceof Error ? error.name : 'error',
    });
  };

  return {
    enabled: true,
    withRemoteParent(headers, fn) {
      const parent: Context = propagator.extract(ROOT_CONTEXT, headers, {
        ...defaultTextMapGetter,
        get: (carrier, key) => (carrier as IncomingHttpHeaders)[key],
      });
      return context.with(parent, fn);
    },
    async inSpan(name, attributes, fn) {
      const span = tracer.startSpan(name, { attributes }, context.active());
      try {
        return await context.with(trace.setSpan(context.active(), span), () => fn(span));
      } catch (error) {
        failed(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
    startSpan: (name, attributes, kind = SpanKind.INTERNAL) =>
      tracer.startSpan(name, { attributes, kind }, context.active()),
    recordSpan(name, attributes, startMs, endMs, isFailure) {
      const span = tracer.startSpan(
        name,
        { attributes, kind: SpanKind.CLIENT, startTime: startMs },
        context.active(),
      );
      if (isFailure) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end(endMs);
    },
    withSpan: (span, fn) => (span ? context.with(trace.setSpan(context.active(), span), fn) : fn()),
    shutdown: () => provider.shutdown(),
  };
}
