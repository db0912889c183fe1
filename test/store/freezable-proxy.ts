import { connect, createServer, type Socket } from 'node:net';

/**
 * A TCP relay in front of PostgreSQL that can stop relaying, like a server hung by SIGSTOP or a network
 * partition: connections stay open, bytes stop flowing. Thawing delivers what was held back.
 */
export async function startFreezableProxy(target: { host: string; port: number }) {
  let frozen = false;
  let refusing = false;
  let connections = 0;
  const held: (() => void)[] = [];
  const sockets = new Set<Socket>();
  const relay = (from: Socket, to: Socket) =>
    from.on('data', (chunk) => {
      if (frozen) held.push(() => to.write(chunk));
      else to.write(chunk);
    });

  const server = createServer((client) => {
    if (refusing) {
      client.destroy();
      return;
    }
    connections += 1;
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    relay(client, upstream);
    relay(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The proxy has no TCP address');

  return {
    port: address.port,
    /** How many connections clients opened through the proxy so far. */
    get connections() {
      return connections;
    },
    freeze() {
      frozen = true;
    },
    thaw() {
      frozen = false;
      for (const deliver of held.splice(0)) deliver();
    },
    /** Like a server that died: every connection is cut, and new ones are refused until `restore`. */
    cut() {
      refusing = true;
      held.length = 0;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      refusing = false;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
