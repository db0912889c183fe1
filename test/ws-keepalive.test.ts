import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { attachWebSockets } from '../src/subscriptions/ws.js';

afterEach(() => {
  vi.useRealTimers();
});

it('pings every socket each 12 s and cuts one that left the last ping unanswered; answering sockets stay', async () => {
  // Only the keep-alive's interval is faked: sockets, pongs and this test's waits run on real time.
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  const server = createServer();
  const webSockets = attachWebSockets(server, {} as never, {
    authenticate: async () => ({ tenantId: 'acme', keyId: 'k1', scopes: new Set() }),
    limits: {
      maxMessageBytes: 65_536,
      maxSubscriptionsPerSocket: 10,
      maxSocketsPerKey: 10,
      maxBufferedBytes: 1 << 20,
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const open = async (autoPong: boolean) => {
    const socket = new WebSocket(url, 'graphql-transport-ws', { autoPong });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    return { socket, closed };
  };
  const [alive, silent] = await Promise.all([open(true), open(false)]);
  let pings = 0;
  silent.socket.on('ping', () => pings++);
  try {
    vi.advanceTimersByTime(12_000);
    await sleep(100);
    expect(pings).toBe(1);
    expect(silent.socket.readyState).toBe(WebSocket.OPEN);
    vi.advanceTimersByTime(12_000);
    expect(await silent.closed).toBe(1006);
    await sleep(100); // the answering socket's pong to the second ping
    vi.advanceTimersByTime(12_000);
    await sleep(100);
    expect(alive.socket.readyState).toBe(WebSocket.OPEN);
    expect(webSockets.stats().sockets).toBe(1);
  } finally {
    alive.socket.terminate();
    await webSockets.close(100);
    server.close();
  }
});
