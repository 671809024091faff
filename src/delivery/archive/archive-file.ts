import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { once } from 'node:events';

/**
 * One archive file: gzip'd NDJSON. The first line is the header (which chain positions the file
 * covers, the hash before its first record, the hash of its last, and the digest of the file
 * before it); then one line per message-log record (whole, payload included: the signed receipts
 * stay proof of delivery), per time stamp of the chain head and per delivery attempt.
 */
export const ARCHIVE_FORMAT = 'lienthong-message-archive/1';

export interface ArchiveHeader {
  format: typeof ARCHIVE_FORMAT;
  firstSeq: number;
  lastSeq: number;
  /** Chain hash of the record before firstSeq (the genesis hash for the first file). */
  prevHash: string;
  /** Chain hash of the record at lastSeq: the live chain's first record names it as its prev_hash. */
  lastHash: string;
  /** sha256 of the previous archive file's bytes (64 zeros for the first). */
  prevFileSha256: string;
  createdAt: string;
}

export interface ArchivedMessage {
  type: 'message';
  seq: number;
  at: string;
  direction: string;
  packetId: string;
  channel: string;
  payloadHash: string;
  payload: string;
  prevHash: string;
  hash: string;
}

export interface ArchivedTimestamp {
  type: 'timestamp';
  seq: number;
  headHash: string;
  token: string;
  genTime: string;
  tsa: string;
  createdAt: string;
}

export interface ArchivedAttempt {
  type: 'attempt';
  id: number;
  packetId: string;
  attempt: number;
  channel: string;
  at: string;
  outcome: string;
  errorCode: string | null;
  errorMessage: string | null;
  durationMs: number;
  correlationId: string | null;
}

export type ArchiveLine = ArchivedMessage | ArchivedTimestamp | ArchivedAttempt;

/** Sorts by chain position in a plain listing: message-log-000000000001-000000050000.ndjson.gz. */
export const archiveFileName = (firstSeq: number, lastSeq: number): string =>
  `message-log-${String(firstSeq).padStart(12, '0')}-${String(lastSeq).padStart(12, '0')}.ndjson.gz`;

export const ARCHIVE_FILE_PATTERN = /^message-log-\d{12}-\d{12}\.ndjson\.gz$/;

/**
 * Streams lines into `<path>.part` through gzip (memory stays flat whatever the batch), fsyncs,
 * then renames into place: a crash leaves either no file or a whole one.
 */
export class ArchiveFileWriter {
  private readonly gzip = createGzip();
  private readonly done: Promise<void>;
  private readonly part: string;

  constructor(private readonly path: string) {
    this.part = `${path}.part`;
    const out = createWriteStream(this.part, { flags: 'w' });
    this.gzip.pipe(out);
    this.done = once(out, 'close').then(() => undefined);
    out.on('error', () => undefined);
  }

  async write(line: ArchiveHeader | ArchiveLine): Promise<void> {
    if (!this.gzip.write(`${JSON.stringify(line)}\n`)) await once(this.gzip, 'drain');
  }

  /** Closes, fsyncs and renames; returns the file's sha256. */
  async finish(): Promise<string> {
    this.gzip.end();
    await this.done;
    const handle = await open(this.part, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(this.part, this.path);
    return fileSha256(this.path);
  }

  async abort(): Promise<void> {
    this.gzip.destroy();
    await unlink(this.part).catch(() => undefined);
  }
}

export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Reads an archive file line by line (header first); throws on a line that is not JSON. */
export async function* readArchiveFile(path: string): AsyncGenerator<ArchiveHeader | ArchiveLine> {
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.length > 0) yield JSON.parse(line) as ArchiveHeader | ArchiveLine;
  }
}
