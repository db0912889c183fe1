import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  valueFromASTUntyped,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { OnLimited } from '../limits/limit-names.js';

export interface CostLimitOptions {
  /** Largest estimated number of fields an operation may resolve. @default 50_000 */
  maxCost?: number;
  /** Items assumed for a connection without `first`/`last`. @default 20 */
  defaultPageSize?: number;
  /** Items assumed for a plain list field. @default 10 */
  listSize?: number;
}

/**
 * A cost limit that knows connections: a field inside `operators(first: 20) { … products(first: 50) … }` counts
 * 20 × 50 times, because that is how many times it can resolve. (graphql-armor's depth-weighted cost cannot tell a
 * wide page from a deep one.) Runs before execution, with the operation's variables, on every transport.
 */
export const DEFAULT_COST_LIMITS = { maxCost: 50_000, defaultPageSize: 20, listSize: 10 } as const;

/** The refusal of an operation estimated over the limit, or `undefined`; every transport asks this one function. */
export function costRefusal(
  args: {
    schema: GraphQLSchema;
    document: DocumentNode;
    operationName?: string | null | undefined;
    variableValues?: Record<string, unknown> | null | undefined;
  },
  { maxCost, defaultPageSize, listSize }: Required<CostLimitOptions> = DEFAULT_COST_LIMITS,
): GraphQLError | undefined {
  const cost = estimateCost(args.schema, args.document, args.operationName, args.variableValues ?? {}, {
    defaultPageSize,
    listSize,
  });
  if (cost <= maxCost) return undefined;
  return new GraphQLError(`Operation too expensive: estimated ${cost} fields, the limit is ${maxCost}`, {
    extensions: { code: 'OPERATION_TOO_EXPENSIVE', cost, maxCost },
  });
}

/**
 * A cost limit that knows connections: a field inside `operators(first: 20) { … products(first: 50) … }` counts
 * 20 × 50 times, because that is how many times it can resolve. (graphql-armor's depth-weighted cost cannot tell a
 * wide page from a deep one.) Runs before execution, with the operation's variables, on every transport, for
 * subscriptions too (over server-sent events here; graphql-ws asks `costRefusal` itself to answer an `error`).
 */
export function useCostLimit(options: CostLimitOptions = {}, onLimited?: OnLimited): Plugin {
  const limits = { ...DEFAULT_COST_LIMITS, ...options };
  const check = (
    args: Parameters<typeof costRefusal>[0],
    stop: (result: { errors: GraphQLError[] }) => void,
  ) => {
    const refusal = costRefusal(args, limits);
    if (!refusal) return;
    onLimited?.('cost');
    stop({ errors: [refusal] });
  };
  return {
    onExecute: ({ args, setResultAndStopExecution }) => check(args, setResultAndStopExecution),
    onSubscribe: ({ args, setResultAndStopExecution }) => check(args, setResultAndStopExecution),
  };
}

export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
  sizes: { defaultPageSize: number; listSize: number },
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    if (def.kind === Kind.OPERATION_DEFINITION && (!operationName || def.name?.value === operationName)) {
      operation ??= def;
    }
  }
  if (!operation) return 0;
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) return 0;

  const numberArg = (
    nodes: readonly { name: { value: string }; value: ValueNode }[] | undefined,
    name: string,
  ) => {
    const node = nodes?.find((a) => a.name.value === name);
    if (!node) return undefined;
    const value = valueFromASTUntyped(node.value, variables);
    return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, value) : undefined;
  };

  const visit = (selectionSet: SelectionSetNode, type: GraphQLNamedType, seen: Set<string>): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        if (!isObjectType(type) && !isInterfaceType(type)) continue;
        const field = type.getFields()[selection.name.value];
        if (!field) continue;
        let cost = 1;
        if (selection.selectionSet) {
          const childType = getNamedType(field.type);
          let times = 1;
          if (childType.name.endsWith('Connection')) {
            times =
              numberArg(selection.arguments, 'first') ??
              numberArg(selection.arguments, 'last') ??
              sizes.defaultPageSize;
          } else if (isListType(getNullableType(field.type)) && !type.name.endsWith('Connection')) {
            times = sizes.listSize;
          }
          cost += times * visit(selection.selectionSet, childType, seen);
        }
        total += cost;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (condition) total += visit(selection.selectionSet, condition, seen);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || seen.has(name)) continue;
        const condition = schema.getType(fragment.typeCondition.name.value);
        if (condition) total += visit(fragment.selectionSet, condition, new Set([...seen, name]));
      }
    }
    return total;
  };

  return visit(operation.selectionSet, root, new Set());
}
