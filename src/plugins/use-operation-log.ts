import type { ExecutionResult, GraphQLError, OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import type { Logger } from '../logging/logger.js';

/** The codes of a result's errors, or `ok`. */
function outcomeOf(result: ExecutionResult | AsyncIterable<unknown> | undefined): string {
  if (!result || Symbol.asyncIterator in result) return 'ok';
  const codes = (result.errors ?? []).map(
    (error: GraphQLError) => (error.extensions?.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR',
  );
  return codes.length === 0 ? 'ok' : [...new Set(codes)].join(',');
}

/**
 * One log line per GraphQL operation: request id, tenant, API key id, operation name and type, duration and outcome
 * (`ok`, or its error codes). Never variables, arguments or results: those carry phone numbers and PINs.
 */
export function useOperationLog(logger: Logger): Plugin {
  const fields = (args: { contextValue: unknown; document: unknown; operationName?: string | null }) => {
    const ctx = args.contextValue as Partial<GatewayContext>;
    const operation = (args.document as { definitions: readonly { kind: string }[] }).definitions.find(
      (d): d is OperationDefinitionNode =>
        d.kind === 'OperationDefinition' &&
        (!args.operationName || (d as OperationDefinitionNode).name?.value === args.operationName),
    );
    return {
      requestId: ctx.requestId,
      tenant: ctx.caller?.tenantId ?? null,
      apiKeyId: ctx.caller?.keyId ?? null,
      operation: args.operationName ?? operation?.name?.value ?? null,
      type: operation?.operation ?? null,
    };
  };
  return {
    onExecute({ args }) {
      const started = performance.now();
      return {
        onExecuteDone({ result }) {
          const durationMs = Math.round((performance.now() - started) * 10) / 10;
          logger.info({ ...fields(args), durationMs, outcome: outcomeOf(result) }, 'graphql operation');
        },
      };
    },
    onSubscribe({ args }) {
      const started = performance.now();
      return {
        onSubscribeResult({ result }) {
          const durationMs = Math.round((performance.now() - started) * 10) / 10;
          logger.info({ ...fields(args), durationMs, outcome: outcomeOf(result) }, 'graphql subscription');
        },
      };
    },
  };
}
