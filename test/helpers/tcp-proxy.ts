import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** Destroys every connection through the proxy (as a crashed or failed-over service does); keeps listening. */
  cut(): void;
  /** Stops listening and destroys every connection. */
  close(): Promise<void>;
}

/**
 * A loopback TCP proxy to `target`, to make a service (PostgreSQL, Redis) unavailable and available again
 * for one server process without touching the service itself.
 * @param target - host and port to forward to
 * @param port - port to listen on (0: a free one)
 */
export function startTcpProxy(target: { host: string; port: number }, port = 0): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  const cut = () => {
    for (const s of sockets) s.destroy();
  };
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve({
        port: (server.address() as net.AddressInfo).port,
        cut,
        close: () =>
          new Promise<void>((done) => {
            cut();
            server.close(() => done());
          }),
      });
    });
  });
}

/** A loopback port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
