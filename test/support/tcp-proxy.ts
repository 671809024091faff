import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP relay between the gateway and one of its servers, so a test can cut the network to it
 * without touching the server: `cut()` ends every relayed connection at once (both sides see
 * the link drop, as after a router or firewall reset) and refuses new ones until `restore()`.
 * The port stays the same, so the gateway's configured URL keeps working after the cut.
 */
export class TcpProxy {
  private readonly pairs = new Set<Socket>();
  private server?: Server;
  port = 0;
  /** Connections relayed since the start (a reconnect shows up here). */
  connections = 0;

  constructor(
    private readonly targetPort: number,
    private readonly targetHost = '127.0.0.1',
  ) {}

  async start(): Promise<this> {
    await this.listen(0);
    return this;
  }

  get url(): string {
    return `127.0.0.1:${this.port}`;
  }

  private listen(port: number): Promise<void> {
    const server = createServer((client) => {
      this.connections += 1;
      const upstream = connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.pairs.add(s);
        s.once('close', () => this.pairs.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream);
      upstream.pipe(client);
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        this.port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  /** Drops every relayed connection and stops accepting; resolves once nothing is relayed any more. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    const closed = server ? new Promise<void>((r) => server.close(() => r())) : Promise.resolve();
    for (const s of this.pairs) s.destroy();
    this.pairs.clear();
    await closed;
  }

  /** Accepts again, on the same port. */
  async restore(): Promise<void> {
    await this.listen(this.port);
  }

  async close(): Promise<void> {
    await this.cut();
  }
}
