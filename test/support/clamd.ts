import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clamdPing } from '../../src/scanning/clamd-client.js';
import { EICAR } from '../../src/scanning/scanner.js';

/** Debian's clamav-daemon (`.ci/run` installs it). */
export const CLAMD_BIN = process.env.CLAMD_BIN ?? '/usr/sbin/clamd';

export interface PrivateClamd {
  socket: string;
  host: string;
  port: number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * A private clamd for one test file: its own temp folder, unix socket and TCP port, and a
 * signature database holding EICAR only (a body signature, `.ndb`, so it matches EICAR
 * anywhere in a file, also inside a zip). With no official databases and no bytecode it is
 * ready in well under a second; we wait on its PING, not on a clock.
 */
export async function startPrivateClamd(): Promise<PrivateClamd> {
  const dir = mkdtempSync(join(tmpdir(), 'lienthong-clamd-'));
  const dbDir = join(dir, 'db');
  const socket = join(dir, 'clamd.sock');
  const port = await freePort();
  mkdirSync(dbDir);
  writeFileSync(join(dbDir, 'eicar.ndb'), `Eicar-Test-Signature:0:*:${Buffer.from(EICAR, 'latin1').toString('hex')}\n`);
  writeFileSync(
    join(dir, 'clamd.conf'),
    [
      `LocalSocket ${socket}`,
      `TCPSocket ${port}`,
      'TCPAddr 127.0.0.1',
      `DatabaseDirectory ${dbDir}`,
      'Foreground yes',
      'Bytecode no',
      `LogFile ${join(dir, 'clamd.log')}`,
      'StreamMaxLength 64M',
      'MaxThreads 4',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(CLAMD_BIN, ['-c', join(dir, 'clamd.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let running = true;
  void exited.then(() => {
    running = false;
  });
  for (let attempt = 0; ; attempt++) {
    if (!running) throw new Error(`clamd exited at start: ${stderr}`);
    try {
      await clamdPing({ address: { socket }, timeoutMs: 5_000 });
      await clamdPing({ address: { host: '127.0.0.1', port }, timeoutMs: 5_000 });
      break;
    } catch (err) {
      if (attempt > 600) throw new Error(`clamd did not answer PING: ${(err as Error).message} ${stderr}`, { cause: err });
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    socket,
    host: '127.0.0.1',
    port,
    async stop() {
      if (running) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
