import { GraphQLError } from 'graphql';
import { ErrorCode } from '../error-registry.js';
import type { TransactionEvent } from '../store/types.js';
import { eventCursor, eventPosition } from './event-cursor.js';
import type { EventFeedSources } from './transaction-events.js';

/** The cost limit counts a connection without `first` as 20 items; the default page agrees with it. */
export const EVENT_PAGE_DEFAULT = 20;
export const EVENT_PAGE_MAX = 100;

export interface EventPage {
  edges: { cursor: string; node: TransactionEvent }[];
  pageInfo: {
    startCursor: string | null;
    endCursor: string | null;
    hasNextPage: boolean;
    hasPreviousPage: boolean;
  };
}

/**
 * One page of the tenant's events after the cursor, oldest first: the catch-up read of the feed. One read of
 * `first + 1` events tells whether more follow. A page that comes back empty has no endCursor: keep the one you have.
 */
export async function transactionEventPage(
  { events }: Pick<EventFeedSources, 'events'>,
  tenantId: string,
  args: { after?: string | null | undefined; first?: number | null | undefined },
): Promise<EventPage> {
  const first = args.first ?? EVENT_PAGE_DEFAULT;
  if (first < 0 || first > EVENT_PAGE_MAX) {
    throw new GraphQLError(`Argument "first" must be between 0 and ${EVENT_PAGE_MAX}`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    });
  }
  const after = eventPosition(args.after);
  const read = await events.listEvents(tenantId, { after, limit: first + 1 });
  const edges = read.slice(0, first).map((node) => ({ cursor: eventCursor(node.seq), node }));
  return {
    edges,
    pageInfo: {
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
      hasNextPage: read.length > first,
      hasPreviousPage: after > 0n,
    },
  };
}
