import { AddressInfo, createServer, Server, Socket, connect } from 'node:net';

/**
 * A TCP forwarder in front of a real server (MongoDB, NATS) that a test can cut and restore:
 * `cut()` drops every open connection and refuses new ones, like a pulled cable or a dead
 * database host; `restore()` accepts again on the same port.
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private constructor(
    private readonly target: { host: string; port: number },
    private port: number,
  ) {}

  /** Forward `127.0.0.1:<port>` (a free one unless given) to `target`. */
  static async start(target: { host: string; port: number }, port = 0): Promise<TcpProxy> {
    const proxy = new TcpProxy(target, port);
    await proxy.listen();
    return proxy;
  }

  /** The proxy's port. */
  get listeningPort(): number {
    return this.port;
  }

  /** `url` with its host and port replaced by the proxy's. */
  rewrite(url: string): string {
    return url.replace(/\/\/([^/@]*@)?[^/,]+/, (_m, auth: string | undefined) => `//${auth ?? ''}127.0.0.1:${this.port}`);
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async restore(): Promise<void> {
    if (!this.server) await this.listen();
  }

  async close(): Promise<void> {
    await this.cut();
  }

  private async listen(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      this.sockets.add(client).add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }
}

/** Host and port of a mongodb:// or nats:// URL (its first server). */
export function hostPortOf(url: string): { host: string; port: number } {
  const m = /\/\/(?:[^/@]*@)?([^/:,]+)(?::(\d+))?/.exec(url);
  if (!m) throw new Error(`no host in ${url}`);
  return { host: m[1]!, port: Number(m[2] ?? (url.startsWith('nats') ? 4222 : 27017)) };
}
