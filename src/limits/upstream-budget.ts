import {
  createMemoryBudget,
  MAX_BLOCK_MS,
  MONEY_RESERVE_SHARE,
  REPORT_TRUSTED_MS,
  readBudgetHeaders,
  type UpstreamBudget,
} from '../datasources/http/budget.js';

/*
 * The rules of `createMemoryBudget`, run inside Redis on Redis's clock so that every instance draws from one
 * budget per DT One account, and no two instances both take the last call. Times are in ms.
 */
const ADMIT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local h = redis.call('HMGET', KEYS[1], 'limit', 'remaining', 'knownUntil', 'blockedUntil')
local limit = tonumber(h[1]) or 0
local remaining = tonumber(h[2])
local knownUntil = tonumber(h[3]) or 0
local blockedUntil = tonumber(h[4]) or 0
if now < blockedUntil then return blockedUntil - now end
if remaining == nil or now >= knownUntil then
  if blockedUntil == 0 and remaining == nil then return -1 end
  return 0
end
local floor = 0
if ARGV[1] == 'read' then floor = math.ceil(limit * tonumber(ARGV[2])) end
if remaining <= floor then return knownUntil - now end
redis.call('HSET', KEYS[1], 'remaining', remaining - 1)
return 0
`;

const OBSERVE = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local h = redis.call('HMGET', KEYS[1], 'remaining', 'knownUntil', 'strikes')
local remaining = tonumber(h[1])
local knownUntil = tonumber(h[2]) or 0
if ARGV[2] ~= '' then
  local told = tonumber(ARGV[3])
  if remaining == nil or now >= knownUntil or told <= remaining then
    redis.call('HSET', KEYS[1], 'limit', ARGV[2], 'remaining', told, 'knownUntil', now + tonumber(ARGV[5]))
  end
end
local status = tonumber(ARGV[1])
if status == 429 then
  local strikes = (tonumber(h[3]) or 0) + 1
  local block = tonumber(ARGV[4])
  if block == nil then block = math.min(tonumber(ARGV[6]), 1000 * 2 ^ (strikes - 1)) end
  redis.call('HSET', KEYS[1], 'strikes', strikes, 'blockedUntil', now + block)
elseif status < 500 then
  redis.call('HSET', KEYS[1], 'strikes', 0)
end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[6]) * 2)
return 0
`;

const NOTHING_KNOWN_MS = 250;

type Scripts = {
  dtgwBudgetAdmit(key: string, effect: string, reserveShare: string): Promise<number>;
  dtgwBudgetObserve(key: string, ...args: string[]): Promise<number>;
};

/**
 * The DT One budget of one account (`account` names it: the same credentials share it), in Redis. While Redis
 * cannot be reached each instance keeps its own budget, told the same answers, so calls never wait on Redis.
 */
export async function createRedisBudget(
  redisUrl: string,
  account: string,
  { timeoutMs = 250 }: { timeoutMs?: number } = {},
): Promise<UpstreamBudget & { close(): void }> {
  const { redis, scripts } = await connect(redisUrl, timeoutMs);
  return { ...accountBudget(scripts, account), close: () => redis.disconnect() };
}

/**
 * The budgets of every DT One account the gateway calls (its own and tenants' own), over one Redis connection: an
 * account's budget is made on first use and kept.
 */
export async function openRedisBudgets(
  redisUrl: string,
  { timeoutMs = 250 }: { timeoutMs?: number } = {},
): Promise<{ forAccount(account: string): UpstreamBudget; close(): void }> {
  const { redis, scripts } = await connect(redisUrl, timeoutMs);
  const budgets = new Map<string, UpstreamBudget>();
  return {
    forAccount(account) {
      const budget = budgets.get(account) ?? accountBudget(scripts, account);
      budgets.set(account, budget);
      return budget;
    },
    close: () => redis.disconnect(),
  };
}

async function connect(redisUrl: string, timeoutMs: number) {
  const { Redis } = await import('ioredis');
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: 1_000,
    commandTimeout: timeoutMs,
  });
  redis.on('error', () => undefined);
  redis.defineCommand('dtgwBudgetAdmit', { numberOfKeys: 1, lua: ADMIT });
  redis.defineCommand('dtgwBudgetObserve', { numberOfKeys: 1, lua: OBSERVE });
  await redis.connect().catch(() => undefined);
  return { redis, scripts: redis as unknown as Scripts };
}

function accountBudget(scripts: Scripts, account: string): UpstreamBudget {
  const key = `dtgw:dtone-budget:${account}`;
  const local = createMemoryBudget();
  /**
   * Until when Redis is known to hold nothing for this account (DT One sent no counts and no 429 lately): calls go
   * out without asking it. Another instance's 429 reaches this one within NOTHING_KNOWN_MS.
   */
  let nothingKnownUntil = 0;

  return {
    async admit(effect) {
      if (Date.now() < nothingKnownUntil) return local.admit(effect);
      try {
        const wait = await scripts.dtgwBudgetAdmit(key, effect, String(MONEY_RESERVE_SHARE));
        if (wait >= 0) return wait;
        nothingKnownUntil = Date.now() + NOTHING_KNOWN_MS;
        return local.admit(effect);
      } catch {
        return local.admit(effect);
      }
    },
    async observe(status, headers) {
      await local.observe(status, headers);
      const told = readBudgetHeaders(status, headers, Date.now());
      // An answer without counts that is not a 429 tells Redis nothing worth a round trip.
      if (told.remaining === undefined && status !== 429) return;
      nothingKnownUntil = 0;
      await scripts
        .dtgwBudgetObserve(
          key,
          String(status),
          told.limit === undefined ? '' : String(told.limit),
          told.remaining === undefined ? '' : String(told.remaining),
          told.blockMs === undefined ? '' : String(told.blockMs),
          String(REPORT_TRUSTED_MS),
          String(MAX_BLOCK_MS),
        )
        .then(
          () => undefined,
          () => undefined,
        );
    },
  };
}
