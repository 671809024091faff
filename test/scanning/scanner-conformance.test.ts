import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClamdScanner } from '../../src/scanning/clamd-scanner.js';
import { MemoryScanner } from '../../src/scanning/memory-scanner.js';
import { EICAR, ScannerUnavailableError, type FileScanner } from '../../src/scanning/scanner.js';
import { startPrivateClamd, type PrivateClamd } from '../support/clamd.js';

/**
 * The FileScanner port's contract, run against every adapter: the real clamd (unix socket and
 * TCP, a private instance with an EICAR-only database) and the in-memory fake unit tests use.
 */
interface Adapter {
  name: string;
  /** A working scanner. */
  up(): FileScanner;
  /** A scanner that cannot answer. */
  down(): FileScanner;
}

/** clamd names signatures from a non-official database `<name>.UNOFFICIAL`. */
const EICAR_SIGNATURE = expect.stringMatching(/^Eicar-Test-Signature(\.UNOFFICIAL)?$/);

let clamd: PrivateClamd;
beforeAll(async () => {
  clamd = await startPrivateClamd();
}, 60_000);
afterAll(async () => {
  await clamd?.stop();
});

const adapters: Adapter[] = [
  {
    name: 'clamd (unix socket)',
    up: () => new ClamdScanner({ address: { socket: clamd.socket }, timeoutMs: 30_000 }),
    down: () => new ClamdScanner({ address: { socket: `${clamd.socket}.missing` }, timeoutMs: 30_000 }),
  },
  {
    name: 'clamd (TCP)',
    up: () => new ClamdScanner({ address: { host: clamd.host, port: clamd.port }, timeoutMs: 30_000, chunkBytes: 4096 }),
    // 127.0.0.1 port 1 (tcpmux): nothing listens there on these machines, the connection is refused.
    down: () => new ClamdScanner({ address: { host: '127.0.0.1', port: 1 }, timeoutMs: 30_000 }),
  },
  {
    name: 'memory',
    up: () => new MemoryScanner(),
    down: () => Object.assign(new MemoryScanner(), { down: true }),
  },
];

describe.each(adapters)('FileScanner conformance: $name', (adapter) => {
  it('answers a ping', async () => {
    await expect(adapter.up().ping()).resolves.toBeUndefined();
  });

  it('finds a clean file clean, the empty file too', async () => {
    const scanner = adapter.up();
    await expect(scanner.scan(Buffer.from('orgCode,indicatorCode,period,value\n000.00.00.H29,CN.TRAU,2026-Y,80100\n'))).resolves.toEqual({
      clean: true,
    });
    await expect(scanner.scan(Buffer.alloc(0))).resolves.toEqual({ clean: true });
  });

  it('finds EICAR and names its signature', async () => {
    await expect(adapter.up().scan(Buffer.from(EICAR, 'latin1'))).resolves.toEqual({ clean: false, signature: EICAR_SIGNATURE });
  });

  it('finds EICAR inside a larger file, across many stream chunks', async () => {
    const file = Buffer.concat([Buffer.alloc(300 * 1024, 'a'), Buffer.from(EICAR, 'latin1'), Buffer.alloc(100 * 1024, 'b')]);
    await expect(adapter.up().scan(file)).resolves.toEqual({ clean: false, signature: EICAR_SIGNATURE });
  });

  it('gives one verdict per file when several are scanned at once', async () => {
    const scanner = adapter.up();
    const files = Array.from({ length: 6 }, (_, i) => (i % 2 ? Buffer.from(`${i} ${EICAR}`, 'latin1') : Buffer.from(`clean ${i}`)));
    const verdicts = await Promise.all(files.map((f) => scanner.scan(f)));
    expect(verdicts.map((v) => v.clean)).toEqual([true, false, true, false, true, false]);
  });

  it('rejects with ScannerUnavailableError, never "clean", when it cannot answer', async () => {
    const scanner = adapter.down();
    await expect(scanner.scan(Buffer.from('anything'))).rejects.toBeInstanceOf(ScannerUnavailableError);
    await expect(scanner.scan(Buffer.from(EICAR, 'latin1'))).rejects.toMatchObject({ code: 'SCANNER_UNAVAILABLE' });
    await expect(scanner.ping()).rejects.toBeInstanceOf(ScannerUnavailableError);
  });
});
