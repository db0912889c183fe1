import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * The spec's "single root field" rule as GraphQL 2021 words it: a subscription's root field may not carry `@skip` or
 * `@include`. graphql-js 16 does not check it, and a skipped root field leaves its subscribe with no field at all
 * (an internal error); here it is a validation error like any other.
 */
function subscriptionRootDirectives(context: ValidationContext): ASTVisitor {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of context.getDocument().definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const check = (selectionSet: SelectionSetNode, seen: Set<string>) => {
    for (const selection of selectionSet.selections) {
      const conditional = selection.directives?.find(
        (d) => d.name.value === 'skip' || d.name.value === 'include',
      );
      if (conditional) {
        context.reportError(
          new GraphQLError(`A subscription's root field may not carry @${conditional.name.value}`, {
            nodes: conditional,
          }),
        );
        return;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) check(selection.selectionSet, seen);
      if (selection.kind === Kind.FRAGMENT_SPREAD && !seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) check(fragment.selectionSet, seen);
      }
    }
  };
  return {
    OperationDefinition(node) {
      if (node.operation === 'subscription') check(node.selectionSet, new Set());
    },
  };
}

export function useSubscriptionRootRule(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(subscriptionRootDirectives);
    },
  };
}
