import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { attachWebSockets } from '../src/subscriptions/ws.js';
import { waitFor } from './helpers/wait.js';

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
  let alivePings = 0;
  silent.socket.on('ping', () => pings++);
  alive.socket.on('ping', () => alivePings++);
  /**
   * A barrier on the answering socket: the server answers `message` only after it has read everything sent before
   * it on that socket, its pong to the last ping included.
   */
  const roundTrip = (message: string, answer: string) =>
    new Promise<void>((resolve) => {
      const onMessage = (data: Buffer) => {
        if ((JSON.parse(String(data)) as { type?: string }).type !== answer) return;
        alive.socket.off('message', onMessage);
        resolve();
      };
      alive.socket.on('message', onMessage);
      alive.socket.send(JSON.stringify({ type: message }));
    });
  try {
    vi.advanceTimersByTime(12_000);
    await waitFor(
      'both sockets pinged',
      () => [pings, alivePings],
      ([s, a]) => s === 1 && a === 1,
    );
    await roundTrip('connection_init', 'connection_ack');
    expect(silent.socket.readyState).toBe(WebSocket.OPEN);
    vi.advanceTimersByTime(12_000);
    expect(await silent.closed).toBe(1006);
    await waitFor(
      'the second ping',
      () => alivePings,
      (n) => n === 2,
    );
    await roundTrip('ping', 'pong');
    vi.advanceTimersByTime(12_000);
    await waitFor(
      'the third ping',
      () => alivePings,
      (n) => n === 3,
    );
    await roundTrip('ping', 'pong');
    expect(alive.socket.readyState).toBe(WebSocket.OPEN);
    expect(webSockets.stats().sockets).toBe(1);
  } finally {
    alive.socket.terminate();
    await webSockets.close(100);
    server.close();
  }
});
