import { describe, expect, it } from 'vitest';
import { createMemoryPubSub } from '../src/subscriptions/pubsub.js';

describe('the in-process pub/sub', () => {
  it('wakes a waiting subscriber, and keeps only the newest of the events that came while it was busy', async () => {
    const pubsub = createMemoryPubSub();
    const wakeUps = pubsub.subscribe('t1')[Symbol.asyncIterator]();
    const waiting = wakeUps.next();
    await pubsub.publish({ transactionId: 't1' });
    expect(await waiting).toEqual({ done: false, value: { transactionId: 't1' } });
    const newest = { transactionId: 't1', tenantId: 'acme' };
    await pubsub.publish({ transactionId: 't1' });
    await pubsub.publish(newest);
    expect((await wakeUps.next()).value).toBe(newest);
    await pubsub.publish({ transactionId: 't2' });
    let woken = false;
    const next = wakeUps.next().then((result) => {
      woken = true;
      return result;
    });
    // Delivery is synchronous: once every microtask it queued has run (the barrier), t1's subscriber was not woken.
    await new Promise((resolve) => setImmediate(resolve));
    expect(woken).toBe(false);
    await wakeUps.return?.();
    expect(await next).toEqual({ done: true, value: undefined });
  });

  it('ends a pending next() at once on return(), and forgets the subscriber', async () => {
    const pubsub = createMemoryPubSub();
    const a = pubsub.subscribe('t1')[Symbol.asyncIterator]();
    const b = pubsub.subscribeTenant('acme')[Symbol.asyncIterator]();
    expect(pubsub.listeners()).toBe(2);
    const pending = a.next();
    expect(await a.return?.()).toEqual({ done: true, value: undefined });
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(await a.next()).toEqual({ done: true, value: undefined });
    expect(pubsub.listeners()).toBe(1);
    await pubsub.publish({ transactionId: 't1', tenantId: 'acme' });
    expect((await b.next()).value).toEqual({ transactionId: 't1', tenantId: 'acme' });
    await b.return?.();
    expect(pubsub.listeners()).toBe(0);
  });

  it('ends on its signal, also one aborted before it listened', async () => {
    const pubsub = createMemoryPubSub();
    const abort = new AbortController();
    const live = pubsub.subscribeTenant('acme', abort.signal)[Symbol.asyncIterator]();
    const pending = live.next();
    abort.abort();
    expect(await pending).toEqual({ done: true, value: undefined });
    const late = pubsub.subscribe('t1', abort.signal)[Symbol.asyncIterator]();
    expect(await late.next()).toEqual({ done: true, value: undefined });
    expect(pubsub.listeners()).toBe(0);
  });

  it('wakes every subscriber after an outage', async () => {
    const pubsub = createMemoryPubSub();
    const one = pubsub.subscribe('t1')[Symbol.asyncIterator]();
    const feed = pubsub.subscribeTenant('acme')[Symbol.asyncIterator]();
    pubsub.deliverAll();
    expect((await one.next()).value).toEqual({ transactionId: 't1' });
    expect((await feed.next()).value).toEqual({ transactionId: '', tenantId: 'acme' });
  });
});
