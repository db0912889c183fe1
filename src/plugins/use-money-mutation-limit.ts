import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import type { OnLimited } from '../limits/limit-names.js';

/** Every root mutation field moves money (or commits to moving it). */
const MONEY_MUTATIONS = new Set(['createTransaction', 'confirmTransaction', 'cancelTransaction', 'payBill']);

function countMoneyFields(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  seen: Set<string>,
): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (MONEY_MUTATIONS.has(selection.name.value)) count++;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countMoneyFields(selection.selectionSet, fragments, seen);
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) count += countMoneyFields(fragment.selectionSet, fragments, seen);
    }
  }
  return count;
}

/** How many money-moving root fields the operation that will run selects (0 for a query or subscription). */
export function countMoneyMutations(
  document: DocumentNode,
  operationName: string | null | undefined,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (
      definition.kind === Kind.OPERATION_DEFINITION &&
      (!operationName || definition.name?.value === operationName)
    )
      operation ??= definition;
  }
  if (operation?.operation !== 'mutation') return 0;
  return countMoneyFields(operation.selectionSet, fragments, new Set());
}

/**
 * One money mutation per operation: fifteen aliased `createTransaction` fields in one request are fifteen
 * payments a client rarely means and a stolen key would love. Several need the `transactions:batch` scope; the
 * refusal comes before anything runs.
 */
export function useMoneyMutationLimit(onLimited?: OnLimited): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const count = countMoneyMutations(args.document as DocumentNode, args.operationName);
      if (count <= 1) return;
      const caller = (args.contextValue as Partial<GatewayContext>).caller;
      if (caller?.scopes.has('transactions:batch')) return;
      onLimited?.('money_mutations');
      setResultAndStopExecution({
        errors: [
          new GraphQLError(
            `One money mutation per operation (this one has ${count}): send them one by one, or use a key with the transactions:batch scope`,
            { extensions: { code: 'TOO_MANY_MONEY_MUTATIONS', http: { status: 400 } } },
          ),
        ],
      });
    },
  };
}
