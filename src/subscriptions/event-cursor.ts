import { GraphQLError } from 'graphql';
import { ErrorCode } from '../error-registry.js';
import { parseEventSeq } from '../store/event-queries.js';

const PREFIX = 'TransactionEvent:';

/** A position in a tenant's event feed, opaque to clients: base64url of the sequence number with a type prefix. */
export function eventCursor(seq: bigint): string {
  return Buffer.from(`${PREFIX}${seq}`).toString('base64url');
}

/**
 * The sequence number a cursor stands for; 0 (from the first event) without one. Only a cursor this gateway wrote
 * decodes (base64url ignores stray characters, so the round trip is checked); anything else is BAD_USER_INPUT.
 */
export function eventPosition(cursor: string | null | undefined): bigint {
  if (cursor === null || cursor === undefined) return 0n;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const seq = text.startsWith(PREFIX) ? parseEventSeq(text.slice(PREFIX.length)) : undefined;
  if (seq === undefined || eventCursor(seq) !== cursor) {
    throw new GraphQLError(
      'The cursor is not one this feed gave out: pass an event cursor or endCursor as is',
      {
        extensions: { code: ErrorCode.BAD_USER_INPUT },
      },
    );
  }
  return seq;
}
