import type { Store } from '../store/types.js';
import type { Metrics } from './metrics.js';
import type { Tracing } from './tracing.js';

/**
 * The store with each call timed (`dtone_gateway_store_call_duration_seconds{method,outcome}`) and, when tracing is
 * on, a span per call: each store method is one query or one write transaction, so its span is that transaction's.
 */
export function instrumentStore(
  store: Store,
  { metrics, tracing, system }: { metrics: Metrics; tracing: Tracing; system: 'sqlite' | 'postgresql' },
): Store {
  const wrapped: Record<string, unknown> = {};
  for (const [method, value] of Object.entries(store)) {
    if (typeof value !== 'function') {
      wrapped[method] = value;
      continue;
    }
    const call = value as (...args: unknown[]) => Promise<unknown>;
    const timed = async (...args: unknown[]) => {
      const started = performance.now();
      let outcome = 'ok';
      try {
        return await call(...args);
      } catch (error) {
        outcome = 'error';
        throw error;
      } finally {
        metrics.storeCalls.observe({ method, outcome }, (performance.now() - started) / 1000);
      }
    };
    const attributes = { 'db.system.name': system, 'db.operation.name': method };
    wrapped[method] = tracing.enabled
      ? (...args: unknown[]) => tracing.inSpan(`store ${method}`, attributes, () => timed(...args))
      : timed;
  }
  return wrapped as unknown as Store;
}
