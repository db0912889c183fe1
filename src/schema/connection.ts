import { offsetForArgs, offsetToCursor } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import type { Window } from '../datasources/catalogue-reader.js';

export const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;

export interface ConnectionArgs {
  first?: number | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  after?: string | null | undefined;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: {
    startCursor: string | null;
    endCursor: string | null;
    hasNextPage: boolean;
    hasPreviousPage: boolean;
  };
  totalCount: number;
}

/**
 * A Relay connection over a list whose window costs only the upstream pages it covers. Cursors are offsets, so
 * paging forwards and backwards maps onto DT One's numbered pages; `totalCount` is DT One's `X-Total`.
 */
export async function windowConnection<T>(
  args: ConnectionArgs,
  fetchWindow: (offset: number, limit: number) => Promise<Window<T>>,
): Promise<ConnectionShape<T>> {
  for (const name of ['first', 'last'] as const) {
    const v = args[name];
    if (v !== null && v !== undefined && (v < 0 || v > MAX_PAGE_SIZE)) {
      throw new GraphQLError(`Argument "${name}" must be between 0 and ${MAX_PAGE_SIZE}`, {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
  }
  const relayArgs = {
    first: args.first ?? undefined,
    last: args.last ?? undefined,
    before: args.before ?? undefined,
    after: args.after ?? undefined,
  };
  let totalCount: number | undefined;
  if (relayArgs.last !== undefined && relayArgs.before === undefined && relayArgs.first === undefined) {
    totalCount = (await fetchWindow(0, 0)).total;
  }
  let plan: ReturnType<typeof offsetForArgs>;
  try {
    plan = offsetForArgs({
      args: relayArgs,
      defaultSize: DEFAULT_PAGE_SIZE,
      maxSize: MAX_PAGE_SIZE,
      ...(totalCount !== undefined && { totalCount }),
    });
  } catch (error) {
    throw new GraphQLError((error as Error).message, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  const window = await fetchWindow(plan.offset, plan.expectedSize);
  return arrayToConnection(window.items, plan.offset, window.total);
}

/** A Relay connection over a list already in memory (e.g. one operator's products out of its country's list). */
export function sliceConnection<T>(args: ConnectionArgs, items: readonly T[]): Promise<ConnectionShape<T>> {
  return windowConnection(args, async (offset, limit) => ({
    items: items.slice(offset, offset + limit),
    total: items.length,
  }));
}

function arrayToConnection<T>(items: T[], offset: number, total: number): ConnectionShape<T> {
  const edges = items.map((node, i) => ({ cursor: offsetToCursor(offset + i), node }));
  return {
    edges,
    pageInfo: {
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
      hasPreviousPage: offset > 0,
      hasNextPage: offset + items.length < total,
    },
    totalCount: total,
  };
}
