import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export type StoreKind = 'postgres' | 'pglite';

/** Written beside each backup file as `<file>.json`: what it holds and its digest. */
export interface BackupManifest {
  format: 'lienthong-backup/1';
  store: StoreKind;
  /** File name of the dump, in the same folder. */
  file: string;
  createdAt: string;
  size: number;
  sha256: string;
  /** Migrations applied in the backed-up store: a restore into older code is visible. */
  migrations: string[];
  /** Rows at backup time, for the restore check. */
  counts: { packets: number; messages: number; auditEntries: number };
}

export const BACKUP_NAME = /^lienthong-(postgres|pglite)-(\d{8}T\d{6}Z)\.(dump|tar\.gz)$/;

export function backupFileName(store: StoreKind, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  return `lienthong-${store}-${stamp}.${store === 'postgres' ? 'dump' : 'tar.gz'}`;
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
