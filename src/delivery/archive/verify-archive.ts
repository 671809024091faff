import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrustStore } from '../../exchange/pki/trust.js';
import { verifyTimeStampToken } from '../../exchange/timestamp/rfc3161.js';
import { headDigest } from '../log-timestamps.js';
import { chainHashFast, GENESIS_HASH } from '../message-log.js';
import { ARCHIVE_FILE_PATTERN, ARCHIVE_FORMAT, fileSha256, readArchiveFile, type ArchiveHeader } from './archive-file.js';
import type { ArchiveIndexEntry } from './archive-index.js';

export type ArchiveProblem =
  | 'ARCHIVE_FILE_MISSING'
  | 'ARCHIVE_FILE_ALTERED'
  | 'ARCHIVE_LINK_BROKEN'
  | 'ARCHIVE_RECORD_ALTERED'
  | 'ARCHIVE_RECORD_MISSING'
  | 'ARCHIVE_TIMESTAMP_INVALID';

export interface ArchiveVerifyResult {
  ok: boolean;
  files: number;
  messages: number;
  timestamps: number;
  attempts: number;
  /** The last archived chain position; the live chain continues after it. */
  lastSeq: number;
  firstBad?: { file: string; seq?: number; problem: ArchiveProblem; message: string };
  /** Files in the folder the database does not index (a run that crashed before its commit). */
  unindexed: string[];
}

class Broken extends Error {
  constructor(
    readonly problem: ArchiveProblem,
    message: string,
    readonly seq?: number,
  ) {
    super(message);
  }
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Walks one file: header as indexed, records chained from `entry.prevHash`, stamps on their records. */
async function verifyFile(
  path: string,
  entry: ArchiveIndexEntry,
  trust: TrustStore | undefined,
): Promise<{ messages: number; timestamps: number; attempts: number }> {
  let header: ArchiveHeader | undefined;
  let prevHash = entry.prevHash;
  let expected = entry.firstSeq;
  const hashAt = new Map<number, string>();
  const counts = { messages: 0, timestamps: 0, attempts: 0 };
  for await (const line of readArchiveFile(path)) {
    if (!header) {
      header = line as ArchiveHeader;
      const same =
        header.format === ARCHIVE_FORMAT &&
        header.firstSeq === entry.firstSeq &&
        header.lastSeq === entry.lastSeq &&
        header.prevHash === entry.prevHash &&
        header.lastHash === entry.lastHash &&
        header.prevFileSha256 === entry.prevFileSha256;
      if (!same) throw new Broken('ARCHIVE_FILE_ALTERED', 'the header does not match the index');
      continue;
    }
    if (!('type' in line)) throw new Broken('ARCHIVE_FILE_ALTERED', 'a line has no type');
    if (line.type === 'message') {
      if (line.seq !== expected) throw new Broken('ARCHIVE_RECORD_MISSING', `record ${expected} is missing`, expected);
      const intact =
        line.prevHash === prevHash &&
        sha256(line.payload) === line.payloadHash &&
        chainHashFast(prevHash, line.seq, line.at, line.direction, line.packetId, line.channel, line.payloadHash) === line.hash;
      if (!intact) throw new Broken('ARCHIVE_RECORD_ALTERED', `record ${line.seq} is altered`, line.seq);
      hashAt.set(line.seq, line.hash);
      prevHash = line.hash;
      expected++;
      counts.messages++;
    } else if (line.type === 'timestamp') {
      if (hashAt.get(line.seq) !== line.headHash)
        throw new Broken('ARCHIVE_TIMESTAMP_INVALID', `the time stamp of record ${line.seq} names another hash`, line.seq);
      if (trust) {
        const v = await verifyTimeStampToken(Buffer.from(line.token, 'base64'), headDigest(line.seq, line.headHash), trust);
        if (!v.ok)
          throw new Broken(
            'ARCHIVE_TIMESTAMP_INVALID',
            v.checks
              .filter((c) => !c.ok)
              .map((c) => c.message)
              .join('; '),
            line.seq,
          );
      }
      counts.timestamps++;
    } else counts.attempts++;
  }
  if (!header) throw new Broken('ARCHIVE_FILE_ALTERED', 'the file is empty');
  if (expected !== entry.lastSeq + 1) throw new Broken('ARCHIVE_RECORD_MISSING', `record ${expected} is missing`, expected);
  if (prevHash !== entry.lastHash) throw new Broken('ARCHIVE_RECORD_ALTERED', `record ${entry.lastSeq} is altered`, entry.lastSeq);
  return counts;
}

/**
 * `lienthong audit verify --archive DIR`: every indexed archive file is present, has the digest
 * the index holds, names the digest of the file before it, and carries an unbroken chain from
 * the genesis (each time stamp on its record, its token verified when a trust store is given).
 * The live chain's own check (verifyMessageLog) starts from the last file's hash, so the proof
 * runs whole from the first packet to the head.
 */
export async function verifyArchive(dir: string, index: ArchiveIndexEntry[], trust?: TrustStore): Promise<ArchiveVerifyResult> {
  const indexed = new Set(index.map((e) => e.fileName));
  const listed = (await readdir(dir).catch(() => [] as string[])).filter((f) => ARCHIVE_FILE_PATTERN.test(f));
  const result: ArchiveVerifyResult = {
    ok: true,
    files: 0,
    messages: 0,
    timestamps: 0,
    attempts: 0,
    lastSeq: 0,
    unindexed: listed.filter((f) => !indexed.has(f)).sort(),
  };
  let prev = { lastSeq: 0, lastHash: GENESIS_HASH, fileSha256: GENESIS_HASH };
  for (const entry of index) {
    const path = join(dir, entry.fileName);
    try {
      if (entry.firstSeq !== prev.lastSeq + 1 || entry.prevHash !== prev.lastHash || entry.prevFileSha256 !== prev.fileSha256)
        throw new Broken('ARCHIVE_LINK_BROKEN', 'the file does not continue the one before it', entry.firstSeq);
      if (!(await exists(path))) throw new Broken('ARCHIVE_FILE_MISSING', 'the file is missing');
      if ((await fileSha256(path)) !== entry.fileSha256) {
        // Name the record when the content says which; else the bytes alone changed.
        await verifyFile(path, entry, trust);
        throw new Broken('ARCHIVE_FILE_ALTERED', 'the file is not the one archived (digest differs)');
      }
      const counts = await verifyFile(path, entry, trust);
      result.files++;
      result.messages += counts.messages;
      result.timestamps += counts.timestamps;
      result.attempts += counts.attempts;
      result.lastSeq = entry.lastSeq;
    } catch (err) {
      const broken = err instanceof Broken ? err : new Broken('ARCHIVE_FILE_ALTERED', `the file cannot be read: ${(err as Error).message}`);
      return {
        ...result,
        ok: false,
        firstBad: {
          file: entry.fileName,
          ...(broken.seq !== undefined ? { seq: broken.seq } : {}),
          problem: broken.problem,
          message: broken.message,
        },
      };
    }
    prev = entry;
  }
  return result;
}
