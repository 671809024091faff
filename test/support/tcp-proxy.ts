import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** One relayed connection: the gateway's side and the server's side. */
interface Pair {
  client: Socket;
  upstream: Socket;
}

/**
 * A TCP relay between the gateway and one of its servers, so a test can cut the network to it
 * without touching the server: `cut()` ends every relayed connection at once (both sides see
 * the link drop, as after a router or firewall reset) and refuses new ones until `restore()`.
 * `blackHole()` is the other kind of partition: packets silently dropped, nothing refused or
 * closed, so a client learns of it only by its own timeouts; `heal()` delivers again what was
 * held (as TCP retransmission would). The port stays the same, so the gateway's configured URL
 * keeps working afterwards.
 */
export class TcpProxy {
  private readonly pairs = new Set<Socket>();
  private readonly relayed = new Set<Pair>();
  private holding = false;
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
      const pair = { client, upstream };
      this.relayed.add(pair);
      client.once('close', () => {
        this.relayed.delete(pair);
        upstream.destroy();
      });
      upstream.once('close', () => client.destroy());
      // A connection opened during a black hole is accepted (as a SYN held in a queue would
      // look to nobody) but nothing of it reaches the server's client until the heal.
      if (this.holding) hold(pair);
      else relay(pair);
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

  /** Stops forwarding in both directions; every socket stays open and nothing is refused. */
  blackHole(): void {
    this.holding = true;
    for (const pair of this.relayed) hold(pair);
  }

  /** Forwards again, held bytes first. */
  heal(): void {
    this.holding = false;
    for (const pair of this.relayed) relay(pair);
  }

  /** Accepts again, on the same port. */
  async restore(): Promise<void> {
    await this.listen(this.port);
  }

  async close(): Promise<void> {
    this.heal();
    await this.cut();
  }
}

function relay({ client, upstream }: Pair): void {
  client.pipe(upstream);
  upstream.pipe(client);
  client.resume();
  upstream.resume();
}

/** Bytes already read stay in the streams' buffers; the rest waits in the kernel's. */
function hold({ client, upstream }: Pair): void {
  client.unpipe(upstream);
  upstream.unpipe(client);
  client.pause();
  upstream.pause();
}
