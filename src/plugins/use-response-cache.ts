import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type GraphQLSchema, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { type Caller, type GatewayContext, primaryLanguage } from '../context.js';
import { readBody } from '../server/read-body.js';
import { catalogueOnlyCheck } from './catalogue-documents.js';
import type { CachedResponse, ResponseStore } from './response-cache-store.js';

export interface ResponseCacheOptions {
  store: ResponseStore;
  schema: GraphQLSchema;
  /** The entity cache's clock (freshness is on it). */
  now: () => number;
  authenticate: (authorization: string | null) => Promise<Caller>;
  /** The id of the DT One account a tenant's calls use (its own, else the deployment's). */
  accountOf: (tenantId: string | null) => Promise<string>;
  /** Told of each answer served from the cache (metrics, the operation log). */
  onHit?: (hit: {
    req: IncomingMessage;
    caller: Caller;
    operationName: string | null;
    seconds: number;
  }) => void;
  /** Bodies larger than this go to yoga unread. @default 64 KiB */
  maxBodyBytes?: number;
}

/** A request whose answer may be kept: its key, and what execution learned about what it read. */
interface Pending {
  key: string;
  /** The store's generation when the request started: a `clear()` meanwhile means it read forgotten data. */
  generation: number;
  /** Set once execution found the answer keepable: until when. */
  expiresAt?: number;
  operation?: string | null;
}

/**
 * Whether the client takes an event stream or a multipart answer: such answers are never kept, and an SSE
 * subscription lives for hours, so it must not carry the body read here or a pending key all that time.
 */
function streams(accept: string | undefined): boolean {
  return accept !== undefined && (accept.includes('text/event-stream') || accept.includes('multipart/mixed'));
}

/** Headers of yoga's answer that belong to this one exchange, not to the answer. */
const PER_EXCHANGE = new Set([
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'x-request-id',
]);

/**
 * The response cache (issue #17): whole answers of catalogue-only queries, keyed by document, operation name,
 * variables, tenant, scopes, language, DT One account and the `Accept` header, kept until the earliest end of
 * freshness of the entities they read. Never kept: anything but a query made only of catalogue fields (no
 * transaction, balance or look-up field can be in it), an answer with errors, one marked stale, one that read a
 * non-catalogue TTL class.
 *
 * Two parts. `front` runs before yoga, after the early rate limit: for a plain JSON POST it reads the body,
 * derives the key and writes the kept bytes (yoga, its context and execution never run: that is the speed). On a
 * miss it leaves the body for yoga and remembers the key. `plugin` runs inside yoga: it decides at the end of
 * execution whether the answer is keepable and for how long, and stores the exact bytes yoga sent.
 */
export function createResponseCache(options: ResponseCacheOptions) {
  const { store, now, authenticate, accountOf, onHit } = options;
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  const pending = new WeakMap<IncomingMessage, Pending>();
  const isCatalogueOnly = catalogueOnlyCheck(options.schema);
  let generation = 0;

  async function keyOf(req: IncomingMessage, text: string) {
    let params: { query?: unknown; variables?: unknown; operationName?: unknown; extensions?: unknown };
    try {
      params = JSON.parse(text) as typeof params;
    } catch {
      return undefined;
    }
    // Persisted operations and APQ are resolved by yoga's plugins: those requests always go through yoga.
    if (typeof params?.query !== 'string' || params.extensions !== undefined) return undefined;
    const operationName = typeof params.operationName === 'string' ? params.operationName : null;
    const caller = await authenticate(req.headers.authorization ?? null);
    const account = await accountOf(caller.tenantId);
    const key = createHash('sha256')
      .update(
        JSON.stringify([
          params.query,
          operationName,
          noVariables(params.variables) ? null : params.variables,
          caller.tenantId,
          [...caller.scopes].sort(),
          primaryLanguage(header(req.headers['accept-language'])) ?? null,
          account,
          req.headers.accept ?? null,
        ]),
      )
      .digest('base64url');
    return { key, caller };
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const length = Number(req.headers['content-length']);
    if (
      req.method !== 'POST' ||
      req.headers.origin !== undefined ||
      !req.headers['content-type']?.includes('json') ||
      streams(req.headers.accept) ||
      !(length > 0 && length <= maxBodyBytes)
    ) {
      return false;
    }
    const started = performance.now();
    const withBody = req as IncomingMessage & { body?: unknown };
    let text = typeof withBody.body === 'string' ? withBody.body : undefined;
    if (text === undefined) {
      const read = await readBody(req, maxBodyBytes);
      if (read === 'aborted') return true;
      if (read === 'too-large') return false;
      // Yoga's server adapter takes a body already read from here.
      withBody.body = text = read;
    }
    const found = await keyOf(req, text).catch(() => undefined);
    if (!found) return false;
    const kept = await store.get(found.key);
    if (!kept) {
      pending.set(req, { key: found.key, generation });
      return false;
    }
    if (res.destroyed) return true;
    res.writeHead(200, { ...kept.headers, 'content-length': kept.body.length });
    res.end(kept.body);
    onHit?.({
      req,
      caller: found.caller,
      operationName: kept.operation,
      seconds: (performance.now() - started) / 1000,
    });
    return true;
  }

  const plugin: Plugin = {
    onExecute({ args }) {
      const ctx = args.contextValue as Partial<GatewayContext> & { req?: IncomingMessage };
      const entry = ctx.req && pending.get(ctx.req);
      if (!entry) return;
      if (!isCatalogueOnly(args.document, args.operationName)) {
        pending.delete(ctx.req!);
        return;
      }
      entry.operation = args.operationName ?? getOperationAST(args.document)?.name?.value ?? null;
      return {
        onExecuteDone({ result }) {
          const meta = ctx.meta;
          const keepable =
            meta &&
            !meta.stale &&
            !meta.uncacheable &&
            Number.isFinite(meta.freshUntil) &&
            !(Symbol.asyncIterator in result) &&
            !result.errors?.length;
          if (keepable) entry.expiresAt = meta.freshUntil;
          else pending.delete(ctx.req!);
        },
      };
    },
    onResponse({ response, serverContext }) {
      const req = (serverContext as { req?: IncomingMessage } | undefined)?.req;
      const entry = req && pending.get(req);
      if (!entry) return;
      pending.delete(req);
      const { expiresAt } = entry;
      if (expiresAt === undefined || response.status !== 200 || entry.generation !== generation) return;
      // Only a single JSON answer: an event stream or a multipart answer is not replayed from bytes.
      if (!response.headers.get('content-type')?.includes('json')) return;
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        if (!PER_EXCHANGE.has(name)) headers[name] = value;
      });
      // Awaited (yoga sends the answer after this), so the same query sent once the answer is in is served whole;
      // the process layer is written at once, Redis behind it without holding the answer back.
      return response
        .clone()
        .text()
        .then((body) => {
          // Forgotten meanwhile (the entity cache was emptied): what it read may be gone from there too.
          if (entry.generation !== generation || expiresAt <= now()) return;
          const operation = entry.operation ?? null;
          const kept: CachedResponse = { body: Buffer.from(body, 'utf8'), headers, expiresAt, operation };
          void store.set(entry.key, kept);
        })
        .catch(() => undefined);
    },
  };

  return {
    /** Before yoga: answers from the cache when it can; resolves whether it answered. */
    serve,
    plugin,
    /** Forgets every kept answer of this process (the entity cache was emptied). */
    clear(): void {
      generation++;
      store.clear();
    },
  };
}

export type ResponseCache = ReturnType<typeof createResponseCache>;

/** Absent, null and `{}` ask the same. */
const noVariables = (variables: unknown): boolean =>
  variables == null || (typeof variables === 'object' && Object.keys(variables).length === 0);

const header = (value: string | string[] | undefined): string | null =>
  (Array.isArray(value) ? value[0] : value) ?? null;
