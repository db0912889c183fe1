import type { OperationDefinitionNode } from 'graphql';
import type { GatewayContext } from '../context.js';

export interface OperationDescription {
  requestId: string | undefined;
  tenant: string | null;
  apiKeyId: string | null;
  operation: string | null;
  type: 'query' | 'mutation' | 'subscription' | null;
}

/** Who ran which operation, read from an execution's arguments; never variables, arguments or results. */
export function describeOperation(args: {
  contextValue: unknown;
  document: unknown;
  operationName?: string | null;
}): OperationDescription {
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
}
