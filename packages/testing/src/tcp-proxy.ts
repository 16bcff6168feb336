import { AddressInfo, createServer, Server, Socket, connect } from 'node:net';

/**
 * A TCP forwarder in front of a real server (MongoDB, NATS) that a test can cut and restore:
 * `cut()` drops every open connection and closes each new one at once, like a pulled cable or
 * a dead database host; `restore()` forwards again. The port stays bound throughout: were it
 * closed, a client reconnecting to it could be given that very port as its own (a TCP
 * self-connect, which then holds it) or another process could take it, and the restore fail.
 */
export class TcpProxy {
  private server: Server | undefined;
  private down = false;
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
    this.down = true;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  async restore(): Promise<void> {
    this.down = false;
  }

  async close(): Promise<void> {
    await this.cut();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async listen(): Promise<void> {
    const server = createServer((client) => {
      if (this.down) {
        client.on('error', () => undefined);
        client.destroy();
        return;
      }
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
