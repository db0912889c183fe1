import type Keyv from 'keyv';

/**
 * How long a class of upstream answer may be served from cache. `staleMs` is how much longer a copy is kept to
 * answer (marked stale) when DT One cannot be reached.
 */
export interface TtlPolicy {
  freshMs: number;
  staleMs: number;
}

export const TTL = {
  /** Services, countries, operators, products, promotions, campaigns: change rarely. */
  catalogue: { freshMs: 5 * 60_000, staleMs: 24 * 60 * 60_000 },
  /** Mobile-number, statement and credit-party look-ups: about one subscriber, short-lived. */
  lookup: { freshMs: 30_000, staleMs: 0 },
  /** Account balances move with every transaction. */
  balance: { freshMs: 2_000, staleMs: 0 },
} as const satisfies Record<string, TtlPolicy>;

interface Entry<T> {
  value: T;
  freshUntil: number;
  staleUntil: number;
}

export interface CacheRead<T> {
  value: T;
  /** Served past its freshness because the upstream failed. */
  stale: boolean;
  /** Where the answer came from. */
  source: 'memory' | 'shared' | 'upstream';
  /** Until when (the cache's clock) this copy is fresh: an answer built from it is good that long, no longer. */
  freshUntil: number;
}

export interface EntityCacheOptions {
  /** A shared second layer (Redis through @keyv/redis) for several gateway processes; values are JSON. */
  shared?: Keyv | undefined;
  /** Whether the shared layer is reachable now; skipped while it is not. @default () => true */
  sharedReady?: () => boolean;
  now?: () => number;
  /** Entries kept in process memory before the oldest are dropped. @default 50_000 */
  maxEntries?: number;
  /**
   * Deep-freeze what is stored, so that a resolver mutating a shared answer throws. Tests and development run with
   * it; production skips it (it walks every object of every answer: ~8 % of the CPU of a cold catalogue page).
   * @default true
   */
  freeze?: boolean;
  /** Told of each read's outcome (a metric): the TTL class, the layer that answered, and hit, miss or stale. */
  onRead?: (read: CacheReadEvent) => void;
}

export interface CacheReadEvent {
  ttl: keyof typeof TTL | 'other';
  layer: 'process' | 'redis' | 'upstream';
  result: 'hit' | 'miss' | 'stale';
}

/** The name of a TTL class, for metrics: policies are the `TTL` constants themselves. */
function ttlClassOf(policy: TtlPolicy): CacheReadEvent['ttl'] {
  for (const [name, known] of Object.entries(TTL)) if (known === policy) return name as keyof typeof TTL;
  return 'other';
}

/**
 * Read-through cache for upstream answers: a process layer that holds objects as they are (no serialisation on
 * the hot path, so cached values are shared and must never be mutated; frozen outside production), an optional
 * shared layer, and one in-flight promise per key so that identical calls made at the same time by any number of
 * requests reach DT One once. On an upstream failure a copy past its freshness but inside its stale window is served instead.
 */
export function createEntityCache(options: EntityCacheOptions = {}) {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 50_000;
  const freeze = options.freeze ?? true;
  // A plain Map: keyv over an in-memory store still costs a promise and its own expiry bookkeeping per read, and
  // every warm entity read passes here. Entries carry their own expiry; insertion order is age, for eviction.
  const memory = new Map<string, Entry<unknown>>();
  const readLocal = <T>(key: string): Entry<T> | undefined => {
    const entry = memory.get(key) as Entry<T> | undefined;
    if (entry && entry.staleUntil <= now()) {
      memory.delete(key);
      return undefined;
    }
    return entry;
  };
  const sharedReady = options.sharedReady ?? (() => true);
  const sharedLayer = () => (options.shared && sharedReady() ? options.shared : undefined);
  const inFlight = new Map<string, Promise<CacheRead<unknown>>>();
  const clearListeners: (() => void)[] = [];

  async function readShared<T>(key: string): Promise<Entry<T> | undefined> {
    const shared = sharedLayer();
    if (!shared) return undefined;
    try {
      return (await withTimeout(shared.get(key), SHARED_TIMEOUT_MS)) as Entry<T> | undefined;
    } catch {
      return undefined;
    }
  }

  function keep<T>(key: string, entry: Entry<T>): void {
    if (freeze) deepFreeze(entry.value);
    memory.delete(key);
    if (memory.size >= maxEntries) {
      const oldest = memory.keys().next().value;
      if (oldest !== undefined) memory.delete(oldest);
    }
    memory.set(key, entry as Entry<unknown>);
  }

  async function store<T>(key: string, entry: Entry<T>, policy: TtlPolicy, toShared: boolean): Promise<void> {
    keep(key, entry);
    const shared = sharedLayer();
    if (shared && toShared) {
      await withTimeout(shared.set(key, entry, policy.freshMs + policy.staleMs), SHARED_TIMEOUT_MS).catch(
        () => undefined,
      );
    }
  }

  const onRead = options.onRead;
  const told = (policy: TtlPolicy, layer: CacheReadEvent['layer'], result: CacheReadEvent['result']) =>
    onRead?.({ ttl: ttlClassOf(policy), layer, result });

  async function load<T>(key: string, policy: TtlPolicy, fetcher: () => Promise<T>): Promise<CacheRead<T>> {
    const local_ = readLocal<T>(key);
    if (local_ && local_.freshUntil > now()) {
      told(policy, 'process', 'hit');
      return { value: local_.value, stale: false, source: 'memory', freshUntil: local_.freshUntil };
    }
    const remote = local_ ? undefined : await readShared<T>(key);
    if (remote && remote.freshUntil > now()) {
      await store(key, remote, policy, false);
      told(policy, 'redis', 'hit');
      return { value: remote.value, stale: false, source: 'shared', freshUntil: remote.freshUntil };
    }
    const previous = local_ ?? remote;
    try {
      const value = await fetcher();
      const t = now();
      const freshUntil = t + policy.freshMs;
      await store(key, { value, freshUntil, staleUntil: freshUntil + policy.staleMs }, policy, true);
      told(policy, 'upstream', 'miss');
      return { value, stale: false, source: 'upstream', freshUntil };
    } catch (error) {
      if (previous && previous.staleUntil > now() && isUpstreamOutage(error)) {
        told(policy, 'process', 'stale');
        return { value: previous.value, stale: true, source: 'memory', freshUntil: previous.freshUntil };
      }
      throw error;
    }
  }

  return {
    /** The cached answer for `key`, or `fetcher()`'s (sent once however many callers ask at the same time). */
    read<T>(key: string, policy: TtlPolicy, fetcher: () => Promise<T>): Promise<CacheRead<T>> {
      const pending = inFlight.get(key) as Promise<CacheRead<T>> | undefined;
      if (pending) return pending;
      const started = load(key, policy, fetcher).finally(() => inFlight.delete(key));
      inFlight.set(key, started as Promise<CacheRead<unknown>>);
      return started;
    },
    /**
     * Puts an entity learned from another answer (an item of a list page, an operator embedded in a product) into the
     * process layer, fresh as long as that answer: until `freshUntil`, by default now + the policy's freshness.
     */
    prime<T>(key: string, policy: TtlPolicy, value: T, freshUntil = now() + policy.freshMs): void {
      keep(key, { value, freshUntil, staleUntil: freshUntil + policy.staleMs });
    },
    /** Whether `key` is being read right now or held fresh in this process: reading it again costs no call. */
    async has(key: string): Promise<boolean> {
      if (inFlight.has(key)) return true;
      const entry = readLocal(key);
      return entry !== undefined && entry.freshUntil > now();
    },
    /** Forgets every stored answer. Reads in flight go on and are still shared: dropping them would only send the
     * same calls again. */
    clear(): void {
      memory.clear();
      for (const listener of clearListeners) listener();
    },
    /** Called on every `clear()`: what was built from the forgotten answers (whole responses) must go too. */
    onClear(listener: () => void): void {
      clearListeners.push(listener);
    },
    /** The clock entries are timed by (tests set it), for whatever is timed by their freshness. */
    now,
    size(): number {
      return memory.size;
    },
  };
}

export type EntityCache = ReturnType<typeof createEntityCache>;

/** Stale copies answer only when DT One is unreachable or failing, never for its definite answers (404, 400). */
function isUpstreamOutage(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number') return status >= 500 || status === 429;
  return true;
}

/** A stalled Redis must not stall requests: its reads and writes give up after this long. */
export const SHARED_TIMEOUT_MS = 300;

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('shared cache timed out')), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function deepFreeze(value: unknown): void {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
}
