import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionQueueError, createConnectionGate } from './connection-gate.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('connection gate', () => {
  it('queues a burst larger than its slots and grants them in arrival order as slots free', async () => {
    const gate = createConnectionGate({ slots: 2, queueMs: 10_000 });
    const first = await gate.acquire();
    const second = await gate.acquire();
    const order: number[] = [];
    const waiting = [3, 4, 5].map(async (n) => {
      const release = await gate.acquire();
      order.push(n);
      return release;
    });
    expect(gate.stats()).toEqual({ inUse: 2, waiting: 3, down: false });
    first();
    first(); // a second release of the same slot frees nothing more
    const third = await waiting[0]!;
    expect(order).toEqual([3]);
    second();
    third();
    const [, fourth, fifth] = await Promise.all(waiting);
    expect(order).toEqual([3, 4, 5]);
    fourth!();
    fifth!();
    expect(gate.stats()).toEqual({ inUse: 0, waiting: 0, down: false });
  });

  it('turns a waiter away after queueMs, and the slot it never got stays free for the next', async () => {
    vi.useFakeTimers();
    const gate = createConnectionGate({ slots: 1, queueMs: 500 });
    const held = await gate.acquire();
    const late = gate.acquire();
    const rejected = expect(late).rejects.toThrow(ConnectionQueueError);
    await vi.advanceTimersByTimeAsync(501);
    await rejected;
    held();
    expect(gate.stats()).toEqual({ inUse: 0, waiting: 0, down: false });
  });

  it('fails every waiter at once when the database is lost, fails new waiters fast until a success', async () => {
    const gate = createConnectionGate({ slots: 1, queueMs: 60_000 });
    const held = await gate.acquire();
    const waiters = [gate.acquire(), gate.acquire()];
    gate.trip();
    for (const waiter of waiters) await expect(waiter).rejects.toThrow(/stopped answering/);
    await expect(gate.acquire()).rejects.toThrow(ConnectionQueueError);
    // A free slot still lets a request through: it is how the gate learns the database is back.
    held();
    const probe = await gate.acquire();
    gate.healthy();
    const queued = gate.acquire();
    expect(gate.stats()).toEqual({ inUse: 1, waiting: 1, down: false });
    probe();
    (await queued)();
  });
});
