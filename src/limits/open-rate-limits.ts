import type { Config } from '../config.js';
import type { LimitName } from './limit-names.js';
import { createRateGate } from './rate-gate.js';
import { createMemoryBuckets, createRedisBuckets } from './token-bucket.js';

/**
 * The per-key rate limits of `config.rateLimits`: token buckets in Redis when the gateway is scaled out (every
 * instance draws from the same bucket), in memory otherwise; nothing when both rates are off.
 */
export async function openRateLimits(config: Config, onLimited: (limit: LimitName) => void) {
  const { queries, money } = config.rateLimits;
  if (!queries && !money) return undefined;
  const buckets = config.redisUrl ? await createRedisBuckets(config.redisUrl) : createMemoryBuckets();
  const gate = createRateGate({
    buckets,
    rules: config.rateLimits,
    onLimited: (kind) => onLimited(`rate_${kind}`),
  });
  return { gate, close: () => buckets.close() };
}
