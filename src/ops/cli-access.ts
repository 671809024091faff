import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Config } from '../config.js';
import { AppError } from '../shared/errors.js';

/**
 * How the CLI reaches the running gateway on the same machine (`lienthong status`, `replay`,
 * `timeliness`, `users unlock` while the embedded gateway holds PGlite's data folder).
 *
 * At each start the gateway draws a fresh 256-bit token and writes `{url, token, pid}` to the
 * access file (`OPS_TOKEN_FILE`, default `ops-token.json` beside `DATA_DIR`) with mode 0600 in a
 * folder it creates 0700: only the OS account that runs the gateway (or root) can read it, the
 * same people who could open the database itself. The token is sent in `x-lienthong-ops-token`
 * (never in a URL), compared in constant time, acts as an ops+admin principal named
 * `cli:<os user>`, and dies with the process (the file is removed at stop; a new start draws a
 * new one). Remote gateways use a configured ops credential instead: `LIENTHONG_URL` +
 * `LIENTHONG_TOKEN` (a bearer token of an ops account from `POST /api/v1/auth/token`).
 */
export const OPS_TOKEN_HEADER = 'x-lienthong-ops-token';
export const OPS_ACTOR_HEADER = 'x-lienthong-actor';

export interface AccessFile {
  url: string;
  token: string;
  pid: number;
  startedAt: string;
}

export function accessFilePath(config: Pick<Config, 'dataDir' | 'settings'>): string {
  return resolve(config.settings.OPS_TOKEN_FILE ?? join(dirname(config.dataDir), 'ops-token.json'));
}

const digest = (s: string) => createHash('sha256').update(s).digest();

export class CliAccess {
  private readonly token = randomBytes(32).toString('base64url');
  private readonly expected = digest(this.token);
  private written = false;

  constructor(
    readonly file: string,
    private readonly now: () => Date,
  ) {}

  /** Called once the gateway listens: from then on the CLI on this machine finds it. */
  publish(url: string): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const body: AccessFile = { url, token: this.token, pid: process.pid, startedAt: this.now().toISOString() };
    writeFileSync(this.file, `${JSON.stringify(body)}\n`, { mode: 0o600 });
    chmodSync(this.file, 0o600); // an older file keeps its mode through writeFileSync
    this.written = true;
  }

  matches(presented: string): boolean {
    return timingSafeEqual(digest(presented), this.expected);
  }

  withdraw(): void {
    if (this.written) rmSync(this.file, { force: true });
    this.written = false;
  }
}

/** The CLI side: the running gateway's access file, or null when there is none. */
export function readAccessFile(file: string): AccessFile | null {
  const st = statSync(file, { throwIfNoEntry: false });
  if (!st) return null;
  if ((st.mode & 0o077) !== 0) {
    throw new AppError(
      'OPS_TOKEN_FILE_UNSAFE',
      `Tệp khoá truy cập ${file} đọc được bởi người khác (quyền ${(st.mode & 0o777).toString(8)}): chỉ chủ sở hữu được đọc (chmod 600)`,
      2,
      { file },
    );
  }
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<AccessFile>;
  if (typeof parsed.url !== 'string' || typeof parsed.token !== 'string') return null;
  return parsed as AccessFile;
}

/** The URL the CLI on this machine uses for a server listening on `address` (any-address → loopback). */
export function loopbackUrlOf(address: ReturnType<import('node:net').Server['address']>, fallback: string, tls: boolean): string {
  if (!address || typeof address !== 'object') return fallback;
  const host = ['0.0.0.0', '::'].includes(address.address)
    ? '127.0.0.1'
    : address.family === 'IPv6'
      ? `[${address.address}]`
      : address.address;
  return `${tls ? 'https' : 'http'}://${host}:${address.port}`;
}
