/** A bucket's shape: it refills at `perSecond` tokens a second up to `burst`; each operation takes one token. */
export interface BucketRule {
  readonly perSecond: number;
  readonly burst: number;
}

export type TakeResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface TokenBuckets {
  /** Takes one token from the bucket named `key`, or says how long until one is there. */
  take(key: string, rule: BucketRule): Promise<TakeResult>;
  close(): Promise<void>;
}

const MAX_BUCKETS = 100_000;

function refused(missing: number, rule: BucketRule): TakeResult {
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(missing / rule.perSecond)) };
}

/** Buckets in this process: exact for one instance; each instance of a deployment keeps its own. */
export function createMemoryBuckets(now: () => number = () => performance.now()): TokenBuckets {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const level = (b: { tokens: number; at: number }, rule: BucketRule, t: number) =>
    Math.min(rule.burst, b.tokens + ((t - b.at) / 1000) * rule.perSecond);

  return {
    async take(key, rule) {
      const t = now();
      const bucket = buckets.get(key);
      const tokens = bucket ? level(bucket, rule, t) : rule.burst;
      if (tokens < 1) {
        // Not written back: a refused take costs nothing, so a flood cannot push its own refill further out.
        return refused(1 - tokens, rule);
      }
      if (!bucket && buckets.size >= MAX_BUCKETS) {
        // Full buckets hold no information: forgetting them changes no answer.
        for (const [name, b] of buckets) if (level(b, rule, t) >= rule.burst) buckets.delete(name);
        if (buckets.size >= MAX_BUCKETS) buckets.delete(buckets.keys().next().value as string);
      }
      buckets.set(key, { tokens: tokens - 1, at: t });
      return { allowed: true };
    },
    async close() {
      buckets.clear();
    },
  };
}

/**
 * Refill and take in one step inside Redis, on Redis's clock, so every instance shares one bucket per key and
 * no two instances can both take the last token. Lua numbers become integers on the way out, hence strings.
 */
const TAKE_SCRIPT = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) + tonumber(time[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then tokens = burst at = now end
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
if tokens < 1 then return {0, tostring(1 - tokens)} end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens - 1), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return {1, '0'}
`;

export interface RedisBucketsOptions {
  /** Answers while Redis cannot: this process's own buckets, so limits still hold per instance. */
  fallback?: TokenBuckets;
  /** How long a take may wait on Redis before the fallback answers. @default 250 */
  timeoutMs?: number;
}

/** Buckets in Redis, shared by every instance; an unreachable Redis degrades to per-instance buckets, never to an error. */
export async function createRedisBuckets(
  redisUrl: string,
  { fallback = createMemoryBuckets(), timeoutMs = 250 }: RedisBucketsOptions = {},
): Promise<TokenBuckets & { degraded(): boolean }> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: 1_000,
    commandTimeout: timeoutMs,
  });
  redis.on('error', () => undefined);
  // EVALSHA after the first call: the script crosses the wire once per connection.
  redis.defineCommand('dtgwTakeToken', { numberOfKeys: 1, lua: TAKE_SCRIPT });
  const takeToken = (
    redis as unknown as Record<string, (...args: string[]) => Promise<[number, string]>>
  ).dtgwTakeToken!.bind(redis);
  await redis.connect().catch(() => undefined);
  let degraded = false;

  return {
    async take(key, rule) {
      try {
        const [allowed, missing] = await takeToken(
          `dtgw:rate:${key}`,
          String(rule.perSecond),
          String(rule.burst),
        );
        degraded = false;
        return allowed === 1 ? { allowed: true } : refused(Number(missing), rule);
      } catch {
        degraded = true;
        return fallback.take(key, rule);
      }
    },
    degraded: () => degraded,
    async close() {
      redis.disconnect();
      await fallback.close();
    },
  };
}
