import { describe, expect, it } from 'vitest';
import { createEntityCache, TTL } from './cache.js';

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe('entity cache', () => {
  it('sends identical concurrent reads upstream once, then answers from memory', async () => {
    const cache = createEntityCache();
    let calls = 0;
    const fetch = async () => {
      calls++;
      return { id: 1 };
    };
    const [a, b] = await Promise.all([
      cache.read('k', TTL.catalogue, fetch),
      cache.read('k', TTL.catalogue, fetch),
    ]);
    expect(calls).toBe(1);
    expect(a.value).toBe(b.value);
    expect((await cache.read('k', TTL.catalogue, fetch)).source).toBe('memory');
    expect(calls).toBe(1);
  });

  it('freezes what it holds', async () => {
    const cache = createEntityCache();
    const { value } = await cache.read('k', TTL.catalogue, async () => ({ nested: { amount: '1.50' } }));
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(value.nested)).toBe(true);
  });

  it('leaves values as they are when freezing is off (production)', async () => {
    const cache = createEntityCache({ freeze: false });
    const { value } = await cache.read('k', TTL.catalogue, async () => ({ nested: { amount: '1.50' } }));
    expect(Object.isFrozen(value)).toBe(false);
  });

  it('serves a fresh copy from memory, refetches a stale one, and forgets one past its stale window', async () => {
    let t = 0;
    const cache = createEntityCache({ now: () => t });
    const policy = { freshMs: 100, staleMs: 100 };
    let calls = 0;
    const fetch = async () => ++calls;
    expect((await cache.read('k', policy, fetch)).value).toBe(1);
    t = 99;
    expect((await cache.read('k', policy, fetch)).source).toBe('memory');
    t = 150;
    expect(await cache.has('k')).toBe(false);
    expect((await cache.read('k', policy, fetch)).value).toBe(2);
    // Past the stale window nothing is kept to answer an outage with.
    t = 1_000;
    await expect(
      cache.read('k', policy, async () => {
        throw new Error('DT One unreachable');
      }),
    ).rejects.toThrow('DT One unreachable');
  });

  it('keeps a primed entity fresh as long as the answer it came from, not a full TTL from now', async () => {
    let t = 0;
    const cache = createEntityCache({ now: () => t });
    const policy = { freshMs: 100, staleMs: 100 };
    let calls = 0;
    cache.prime('k', policy, 'from a page', 40);
    t = 39;
    expect((await cache.read('k', policy, async () => ++calls)).value).toBe('from a page');
    t = 40;
    expect(await cache.has('k')).toBe(false);
    expect((await cache.read('k', policy, async () => ++calls)).value).toBe(1);
  });

  it('drops the oldest entries beyond maxEntries', async () => {
    const cache = createEntityCache({ maxEntries: 2 });
    let calls = 0;
    const fetch = async () => ++calls;
    for (const key of ['a', 'b', 'c']) await cache.read(key, TTL.catalogue, fetch);
    expect(cache.size()).toBe(2);
    await cache.read('a', TTL.catalogue, fetch);
    expect(calls).toBe(4);
    await cache.read('c', TTL.catalogue, fetch);
    expect(calls).toBe(4);
  });

  it('clear() forgets stored answers but keeps a read in flight shared', async () => {
    const cache = createEntityCache();
    let calls = 0;
    await cache.read('stored', TTL.catalogue, async () => ++calls);
    const upstream = deferred<number>();
    const first = cache.read('slow', TTL.catalogue, () => {
      calls++;
      return upstream.promise;
    });
    cache.clear();
    const second = cache.read('slow', TTL.catalogue, async () => ++calls);
    upstream.resolve(42);
    expect((await first).value).toBe(42);
    expect((await second).value).toBe(42);
    expect(calls).toBe(2);
    await cache.read('stored', TTL.catalogue, async () => ++calls);
    expect(calls).toBe(3);
  });
});
