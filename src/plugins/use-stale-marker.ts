import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';

/**
 * Marks a result `extensions.stale: true` when some of it came from a cached copy past its freshness, served
 * because DT One could not be reached: the client sees the answer and knows it may be out of date.
 */
export function useStaleMarker(): Plugin {
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          const ctx = args.contextValue as Partial<GatewayContext>;
          if (!ctx.meta?.stale || !result || Symbol.asyncIterator in result) return;
          setResult({ ...result, extensions: { ...result.extensions, stale: true } });
        },
      };
    },
  };
}
