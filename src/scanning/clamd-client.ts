import { connect, type Socket } from 'node:net';
import { ScannerUnavailableError, type ScanVerdict } from './scanner.js';

export type ClamdAddress = { socket: string } | { host: string; port: number };

export interface ClamdClientOptions {
  address: ClamdAddress;
  /** Whole exchange (connect, stream, verdict); past it the scan is "unavailable", not clean. */
  timeoutMs: number;
  /** INSTREAM chunk size; clamd reads chunks of any size up to its StreamMaxLength in total. */
  chunkBytes?: number;
}

export function describeAddress(a: ClamdAddress): string {
  return 'socket' in a ? `unix:${a.socket}` : `tcp:${a.host}:${a.port}`;
}

/**
 * One clamd command over a fresh connection (clamd's "z" commands are NUL-terminated, and so
 * are its answers): open, send, read until clamd closes or sends NUL, resolve the reply text.
 */
function exchange(opts: ClamdClientOptions, write: (s: Socket) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const where = describeAddress(opts.address);
    const socket = 'socket' in opts.address ? connect(opts.address.socket) : connect(opts.address.port, opts.address.host);
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (err: Error | null, reply?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(reply!);
    };
    const timer = setTimeout(
      () => finish(new ScannerUnavailableError(`clamd ${where} did not answer within ${opts.timeoutMs} ms`)),
      opts.timeoutMs,
    );
    socket.on('connect', () => write(socket));
    socket.on('data', (d: Buffer) => {
      chunks.push(d);
      const all = Buffer.concat(chunks);
      const nul = all.indexOf(0);
      if (nul >= 0) finish(null, all.subarray(0, nul).toString('utf8'));
    });
    socket.on('end', () => {
      const all = Buffer.concat(chunks).toString('utf8').replace(/\0+$/, '');
      if (all) finish(null, all);
      else finish(new ScannerUnavailableError(`clamd ${where} closed the connection without an answer`));
    });
    // clamd closes early on "size limit exceeded": EPIPE then, the reply may already be read.
    socket.on('error', (err) => {
      const all = Buffer.concat(chunks).toString('utf8').replace(/\0+$/, '');
      if (all) finish(null, all);
      else finish(new ScannerUnavailableError(`clamd ${where} unreachable: ${err.message}`, { cause: err }));
    });
  });
}

/** `zPING` → `PONG`. */
export async function clamdPing(opts: ClamdClientOptions): Promise<void> {
  const reply = await exchange(opts, (s) => s.write('zPING\0'));
  if (reply.trim() !== 'PONG') throw new ScannerUnavailableError(`clamd ${describeAddress(opts.address)} answered "${reply}" to PING`);
}

/**
 * `zINSTREAM`: the file as length-prefixed chunks (4-byte big-endian size), then a zero-length
 * chunk. Answers `stream: OK`, `stream: <signature> FOUND` or `<reason> ERROR`.
 */
export async function clamdInstream(opts: ClamdClientOptions, content: Buffer): Promise<ScanVerdict> {
  const chunk = opts.chunkBytes ?? 64 * 1024;
  const reply = await exchange(opts, (s) => {
    s.write('zINSTREAM\0');
    for (let at = 0; at < content.length; at += chunk) {
      const part = content.subarray(at, at + chunk);
      const size = Buffer.alloc(4);
      size.writeUInt32BE(part.length);
      s.write(size);
      s.write(part);
    }
    s.write(Buffer.alloc(4));
  });
  return verdictOf(reply, describeAddress(opts.address));
}

export function verdictOf(reply: string, where: string): ScanVerdict {
  const text = reply.trim();
  const found = /^(?:stream: )?(.+) FOUND$/.exec(text);
  if (found) return { clean: false, signature: found[1]! };
  if (/^(?:stream: )?OK$/.test(text)) return { clean: true };
  throw new ScannerUnavailableError(`clamd ${where} could not scan the file: ${text}`);
}
