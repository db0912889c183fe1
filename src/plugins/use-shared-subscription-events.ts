import { execute } from '@graphql-tools/executor';
import {
  createSourceEventStream,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  GraphQLError,
  getOperationAST,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';

/** Told of each subscription event sent: executed for this subscriber, or the answer of another one reused. */
export type OnSubscriptionEvent = (execution: 'own' | 'shared') => void;

type SubscribeFn = (args: ExecutionArgs) => unknown;

const documentIds = new WeakMap<DocumentNode, number>();
let nextDocumentId = 0;

/**
 * Subscribers woken with the same event object (a transaction change read once for all of its subscribers, see
 * transaction-updates.ts) share one execution of it when they run the same document with the same variables as
 * the same tenant with the same scopes and language: every input of the answer is then equal, so the answer is.
 * Broadcast to 1,000 subscribers of one transaction executes the selection once per change instead of 1,000 times.
 * Keyed on the event object itself: a subscriber's first state, read on its own, is executed on its own, and the
 * answers go when the event object does.
 */
export function useSharedSubscriptionEvents(onEvent?: OnSubscriptionEvent): Plugin {
  const answers = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();

  const ownAnswer = async (args: ExecutionArgs, event: unknown): Promise<ExecutionResult> => {
    onEvent?.('own');
    return singular(await execute({ ...args, rootValue: event }));
  };

  const answer = async (args: ExecutionArgs, key: string, event: unknown): Promise<ExecutionResult> => {
    if (typeof event !== 'object' || event === null) return ownAnswer(args, event);
    let byKey = answers.get(event);
    if (!byKey) {
      byKey = new Map();
      answers.set(event, byKey);
    }
    const first = byKey.get(key);
    if (!first) {
      const mine = ownAnswer(args, event);
      byKey.set(key, mine);
      return mine;
    }
    const theirs = await first;
    // An error may be the first subscriber's own (its request ended mid-way): each one then runs its own.
    if (theirs.errors?.length) return ownAnswer(args, event);
    onEvent?.('shared');
    return theirs;
  };

  return {
    onSubscribe({ args, subscribeFn, setSubscribeFn }) {
      const key = shareKey(args);
      if (key === undefined) return;
      setSubscribeFn((async (subscribeArgs: ExecutionArgs) => {
        const source = await createSourceEventStream(subscribeArgs);
        if (!(Symbol.asyncIterator in source)) {
          // Variables that do not coerce never reach a resolver: the engine answers them in its own words.
          if (!hasPath(source.errors)) return (subscribeFn as SubscribeFn)(subscribeArgs);
          return source;
        }
        const operation = getOperationAST(subscribeArgs.document, subscribeArgs.operationName);
        return mapEvents(
          source[Symbol.asyncIterator](),
          (event) => answer(subscribeArgs, key, event),
          // As the engine does: the error is located at the operation, and the stream ends with it.
          (error) =>
            new GraphQLError((error as Error).message, { originalError: error as Error, nodes: operation }),
        );
      }) as typeof subscribeFn);
    },
  };
}

/** What makes two subscribers' answers to the same event equal; none when the caller is unknown. */
function shareKey(args: ExecutionArgs): string | undefined {
  const { caller, language } = (args.contextValue ?? {}) as Partial<GatewayContext>;
  if (!caller) return undefined;
  let documentId = documentIds.get(args.document);
  if (documentId === undefined) {
    documentId = nextDocumentId++;
    documentIds.set(args.document, documentId);
  }
  return JSON.stringify([
    documentId,
    args.operationName ?? null,
    args.variableValues ?? null,
    caller.tenantId,
    [...caller.scopes].sort(),
    language ?? null,
  ]);
}

function hasPath(errors: readonly GraphQLError[] | undefined): boolean {
  return errors?.some((error) => error.path !== undefined) ?? false;
}

function singular(result: Awaited<ReturnType<typeof execute>>): ExecutionResult {
  // @defer and @stream are not in the schema, so validation refuses them before an event is executed.
  if ('initialResult' in result) throw new Error('An incremental result in a subscription event');
  return result as ExecutionResult;
}

/**
 * Each event of `source` mapped to its answer. `return()` goes straight to the source, so a subscription ends at
 * once when its client leaves (transaction-updates.ts stops listening there). A failure ends the source and is
 * thrown once, located by `located`; the next pull is the end.
 */
function mapEvents<T, R>(
  source: AsyncIterator<T>,
  map: (event: T) => Promise<R>,
  located: (error: unknown) => Error,
): AsyncIterableIterator<R> {
  const done = { done: true as const, value: undefined };
  let failed = false;
  const iterator: AsyncIterableIterator<R> = {
    [Symbol.asyncIterator]: () => iterator,
    async next() {
      if (failed) return done;
      try {
        const event = await source.next();
        if (event.done) return done;
        return { done: false, value: await map(event.value) };
      } catch (error) {
        failed = true;
        await source.return?.().catch(() => undefined);
        throw located(error);
      }
    },
    async return() {
      await source.return?.();
      return done;
    },
    async throw(error: unknown) {
      if (source.throw) await source.throw(error);
      throw error;
    },
  };
  return iterator;
}
