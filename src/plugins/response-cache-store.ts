import type Keyv from 'keyv';
import { SHARED_TIMEOUT_MS, withTimeout } from '../datasources/cache.js';

/** One kept answer: the exact bytes yoga sent, the headers that describe them, and when they stop being good. */
export interface CachedResponse {
  body: Buffer;
  headers: Readonly<Record<string, string>>;
  /** The entity cache's clock: the earliest end of freshness of what the answer read. */
  expiresAt: number;
  /** The operation's name (from the document when the request named none), for the operation log. */
  operation: string | null;
}

/** What Redis holds: the body as text (JSON, so a UTF-8 string round-trips it exactly). */
interface SharedEntry {
  body: string;
  headers: Record<string, string>;
  expiresAt: number;
  operation: string | null;
}

export interface ResponseStoreOptions {
  /** The entity cache's clock, so that an answer expires exactly when what it read stops being fresh. */
  now: () => number;
  /** Bytes of bodies held in this process; the oldest stored go first. */
  maxBytes: number;
  /** Redis (the entity cache's keyv) when several processes share answers. */
  shared?: Keyv | undefined;
  sharedReady?: () => boolean;
}

/** Bodies larger than this share of the budget are not kept: one catalogue dump must not evict everything else. */
const LARGEST_SHARE = 8;

/**
 * Whole answers by key: a process layer (a Map in storing order, bounded by bytes; expiry checked on read) and,
 * scaled out, Redis under it, so an answer one instance built is served by the others. Redis failures and
 * slowness fall back to executing the query, never to an error.
 */
export function createResponseStore({
  now,
  maxBytes,
  shared,
  sharedReady = () => true,
}: ResponseStoreOptions) {
  const memory = new Map<string, CachedResponse>();
  let bytes = 0;
  const sharedLayer = () => (shared && sharedReady() ? shared : undefined);
  const sharedKey = (key: string) => `response:${key}`;

  const drop = (key: string) => {
    const entry = memory.get(key);
    if (!entry) return;
    memory.delete(key);
    bytes -= entry.body.length;
  };

  const keep = (key: string, entry: CachedResponse) => {
    drop(key);
    if (entry.body.length > maxBytes / LARGEST_SHARE) return;
    while (bytes + entry.body.length > maxBytes) {
      const oldest = memory.keys().next().value;
      if (oldest === undefined) break;
      drop(oldest);
    }
    memory.set(key, entry);
    bytes += entry.body.length;
  };

  return {
    /** The answer kept under `key` while it is good: this process's copy, else Redis's. */
    async get(key: string): Promise<CachedResponse | undefined> {
      const local = memory.get(key);
      if (local) {
        if (local.expiresAt > now()) return local;
        drop(key);
      }
      const redis = sharedLayer();
      if (!redis) return undefined;
      const found = (await withTimeout(redis.get(sharedKey(key)), SHARED_TIMEOUT_MS).catch(
        () => undefined,
      )) as SharedEntry | undefined;
      if (!found || found.expiresAt <= now()) return undefined;
      const entry: CachedResponse = {
        body: Buffer.from(found.body, 'utf8'),
        headers: found.headers,
        expiresAt: found.expiresAt,
        operation: found.operation ?? null,
      };
      keep(key, entry);
      return entry;
    },
    /** Keeps an answer until `entry.expiresAt`, here and in Redis. */
    async set(key: string, entry: CachedResponse): Promise<void> {
      const ttl = entry.expiresAt - now();
      if (ttl <= 0) return;
      keep(key, entry);
      const redis = sharedLayer();
      if (!redis) return;
      const value: SharedEntry = {
        body: entry.body.toString('utf8'),
        headers: { ...entry.headers },
        expiresAt: entry.expiresAt,
        operation: entry.operation,
      };
      await withTimeout(redis.set(sharedKey(key), value, ttl), SHARED_TIMEOUT_MS).catch(() => undefined);
    },
    /** Forgets this process's answers (the entity cache was emptied: answers built from it go with it). */
    clear(): void {
      memory.clear();
      bytes = 0;
    },
    size: () => memory.size,
  };
}

export type ResponseStore = ReturnType<typeof createResponseStore>;
