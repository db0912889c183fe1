import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { OnLimited } from '../limits/limit-names.js';

/** Deeper than any operation of this schema needs (the depth limit is 14 fields; values nest far less). */
export const MAX_NESTING = 64;

/**
 * How deep `{`, `[` and `(` nest in an operation's text, strings and comments skipped; stops counting past `limit`.
 * graphql-js parses recursively, so a 4 KB list literal nested 2,000 deep overflows its stack before any token or
 * depth limit runs: this linear scan runs first.
 */
export function nestingDepth(text: string, limit = MAX_NESTING): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x23 /* # */) {
      while (i < text.length && text.charCodeAt(i) !== 0x0a) i++;
    } else if (c === 0x22 /* " */) {
      if (text.startsWith('"""', i)) {
        let end = text.indexOf('"""', i + 3);
        while (end !== -1 && text.charCodeAt(end - 1) === 0x5c /* \""" is escaped */)
          end = text.indexOf('"""', end + 3);
        i = end === -1 ? text.length : end + 2;
      } else {
        for (i++; i < text.length && text.charCodeAt(i) !== 0x22 && text.charCodeAt(i) !== 0x0a; i++) {
          if (text.charCodeAt(i) === 0x5c /* \ */) i++;
        }
      }
    } else if (c === 0x7b || c === 0x5b || c === 0x28) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 0x7d || c === 0x5d || c === 0x29) {
      depth--;
    }
  }
  return deepest;
}

/** The refusal of an operation nested past `MAX_NESTING`, or nothing. */
export function nestingError(text: unknown): GraphQLError | undefined {
  if (typeof text !== 'string' || nestingDepth(text) <= MAX_NESTING) return undefined;
  return new GraphQLError(`The operation nests braces and brackets more than ${MAX_NESTING} deep`, {
    extensions: { code: 'GRAPHQL_PARSE_FAILED', http: { status: 400 } },
  });
}

/** Refuses an operation nested past `MAX_NESTING` before it is parsed. */
export function useNestingLimit(onLimited?: OnLimited): Plugin {
  return {
    onParams({ params }) {
      const error = nestingError(params.query);
      if (error) {
        onLimited?.('depth');
        throw error;
      }
    },
  };
}
