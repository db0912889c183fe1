import { type DocumentNode, GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';

/** Root fields that read the caller's own records (they check `transactions:read` themselves). */
const OWN_RECORDS = new Set(['transaction', 'transactions', 'node', '__typename', '__schema', '__type']);

/**
 * Reading DT One's catalogue (every other query root field) needs the `catalogue:read` scope; a request with no
 * key at all (outside embedded mode) is refused before anything runs.
 */
export function useCatalogueScope(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const ctx = args.contextValue as Partial<GatewayContext>;
      const caller = ctx.caller;
      if (!caller) return;
      const operation = (args.document as DocumentNode).definitions.find(
        (d): d is OperationDefinitionNode =>
          d.kind === Kind.OPERATION_DEFINITION &&
          (!args.operationName || d.name?.value === args.operationName),
      );
      if (!operation) return;
      if (caller.tenantId === null) {
        const onlyIntrospection = operation.selectionSet.selections.every(
          (s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'),
        );
        if (onlyIntrospection) return;
        setResultAndStopExecution({
          errors: [
            new GraphQLError('An API key is required (Authorization: Bearer <key>)', {
              extensions: { code: 'UNAUTHENTICATED' },
            }),
          ],
        });
        return;
      }
      if (
        operation.operation !== 'query' ||
        caller.scopes.has('catalogue:read') ||
        caller.scopes.has('admin')
      )
        return;
      const catalogue = operation.selectionSet.selections.some(
        (s) => s.kind !== Kind.FIELD || !OWN_RECORDS.has(s.name.value),
      );
      if (catalogue) {
        setResultAndStopExecution({
          errors: [
            new GraphQLError('This API key lacks the catalogue:read scope', {
              extensions: { code: 'FORBIDDEN' },
            }),
          ],
        });
      }
    },
  };
}
