import { createHash } from 'node:crypto';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type Keyv from 'keyv';

/** Where operations registered by automatic persisted queries (APQ) are kept: the process, or a shared store. */
export interface PersistedOperationStore {
  get(hash: string): Promise<string | undefined>;
  set(hash: string, document: string): Promise<void>;
}

export interface PersistedOperationsOptions {
  /** The allow-list: sha256 hash → document (the client preset's `persisted-documents.json`). */
  manifest: ReadonlyMap<string, string>;
  /** Whether this request may send an operation's text (and so register one by APQ). */
  allowArbitrary: (request: Request) => boolean | Promise<boolean>;
  /** APQ registrations; none means APQ is off (only the manifest's hashes resolve). */
  store: PersistedOperationStore | undefined;
  /**
   * Only the manifest runs for most keys (`ARBITRARY_OPERATIONS=deny`): an unknown hash then says it is not in the
   * list rather than invite the client to send its text (APQ's `PersistedQueryNotFound`).
   */
  listOnly: boolean;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const hashOf = (extensions: Record<string, unknown> | undefined): string | undefined => {
  const persisted = extensions?.persistedQuery as { version?: unknown; sha256Hash?: unknown } | undefined;
  return persisted?.version === 1 && typeof persisted.sha256Hash === 'string'
    ? persisted.sha256Hash
    : undefined;
};

const refused = (message: string, code: string) =>
  new GraphQLError(message, { extensions: { code, http: { status: 400 } } });

/**
 * Persisted operations through yoga's plugin: a hash from the manifest (the allow-list) or, with APQ on, one a
 * client registered earlier; an operation's text only where `allowArbitrary` says so. APQ follows Apollo's
 * protocol: an unknown hash answers `PersistedQueryNotFound`, and the client sends text and hash together once;
 * the hash must be the text's sha256.
 */
export function usePersistedOperationsPolicy({
  manifest,
  allowArbitrary,
  store,
  listOnly,
}: PersistedOperationsOptions): Plugin[] {
  const lookup = async (hash: string) => manifest.get(hash) ?? (await store?.get(hash)) ?? null;
  const register: Plugin = {
    async onParams({ params }) {
      const hash = hashOf(params.extensions);
      if (!store || !hash || !params.query || manifest.has(hash)) return;
      if (sha256(params.query) !== hash) {
        throw refused(
          'The persisted query hash is not the sha256 of the query',
          'PERSISTED_QUERY_HASH_MISMATCH',
        );
      }
      await store.set(hash, params.query);
    },
  };
  return [
    usePersistedOperations({
      allowArbitraryOperations: allowArbitrary,
      getPersistedOperation: lookup,
      customErrors: {
        notFound: () =>
          store && !listOnly
            ? refused('PersistedQueryNotFound', 'PERSISTED_QUERY_NOT_FOUND')
            : refused('The operation is not in the persisted-operations list', 'PERSISTED_QUERY_NOT_IN_LIST'),
        keyNotFound: () =>
          refused('Send a query, or a persisted operation hash (extensions.persistedQuery)', 'BAD_REQUEST'),
        persistedQueryOnly: () =>
          refused(
            'Only persisted operations are allowed for this API key: send extensions.persistedQuery.sha256Hash',
            'PERSISTED_OPERATIONS_ONLY',
          ),
      },
    }) as Plugin,
    register,
  ];
}

/** APQ registrations in the process, the most recent `maxEntries` kept. */
export function createMemoryOperationStore(maxEntries = 10_000): PersistedOperationStore {
  const documents = new Map<string, string>();
  return {
    async get(hash) {
      return documents.get(hash);
    },
    async set(hash, document) {
      documents.delete(hash);
      documents.set(hash, document);
      if (documents.size > maxEntries) documents.delete(documents.keys().next().value!);
    },
  };
}

/** APQ registrations in the Redis layer, so every instance resolves a hash any of them registered. */
export function sharedOperationStore(keyv: Keyv): PersistedOperationStore {
  return {
    async get(hash) {
      return (await keyv.get<string>(`apq:${hash}`)) ?? undefined;
    },
    async set(hash, document) {
      await keyv.set(`apq:${hash}`, document, 7 * 24 * 60 * 60_000);
    },
  };
}
