import { createHash } from 'node:crypto';
import { mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database, SqlExecutor } from '../../store/database.js';
import { ConflictError } from '../../shared/errors.js';
import { chainHashFast, GENESIS_HASH } from '../message-log.js';
import { ARCHIVE_FORMAT, archiveFileName, ArchiveFileWriter } from './archive-file.js';
import { lastArchive, type ArchiveIndexEntry } from './archive-index.js';

export interface ArchiveOptions {
  /** Folder the archive files go to (MESSAGE_LOG_ARCHIVE_DIR). */
  dir: string;
  /** Records older than this move out (now − MESSAGE_LOG_RETENTION_DAYS). */
  before: Date;
  now: () => Date;
  /** Chain records per file (bounded file size and transaction length). */
  maxRecordsPerFile?: number;
  pageSize?: number;
}

export interface ArchiveRunResult {
  files: ArchiveIndexEntry[];
  messages: number;
  attempts: number;
  timestamps: number;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * Moves the oldest sealed message-log records (a prefix of the chain, older than `before`),
 * the time stamps of the chain head that cover them and the delivery attempts of the same time
 * into archive files, one transaction per file: the file is written and fsynced, indexed, and
 * only then are the rows deleted, so a crash loses nothing (at worst a file is written again).
 * Every record is re-verified while it is written: an archive never carries an altered record.
 */
export async function archiveMessageLog(db: Database, options: ArchiveOptions): Promise<ArchiveRunResult> {
  await mkdir(options.dir, { recursive: true });
  const result: ArchiveRunResult = { files: [], messages: 0, attempts: 0, timestamps: 0 };
  for (;;) {
    const entry = await archiveOneFile(db, options);
    if (!entry) return result;
    result.files.push(entry);
    result.messages += entry.messages;
    result.attempts += entry.attempts;
    result.timestamps += entry.timestamps;
  }
}

interface LogRow {
  seq: string | number;
  at: Date;
  direction: string;
  packet_id: string;
  channel: string;
  payload_hash: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

/** The last chain position to archive: the prefix after `base` whose records are older than `before`. */
async function archivableEnd(tx: SqlExecutor, base: number, before: Date, max: number): Promise<{ seq: number; at: Date } | undefined> {
  const rows = (
    await tx.query<{ seq: string | number; at: Date }>('SELECT seq, at FROM delivery_message_log WHERE seq > $1 ORDER BY seq LIMIT $2', [
      base,
      max,
    ])
  ).rows;
  let end: { seq: number; at: Date } | undefined;
  for (const r of rows) {
    if (new Date(r.at).getTime() >= before.getTime()) break;
    end = { seq: Number(r.seq), at: new Date(r.at) };
  }
  return end;
}

async function archiveOneFile(db: Database, options: ArchiveOptions): Promise<ArchiveIndexEntry | undefined> {
  const max = options.maxRecordsPerFile ?? 50_000;
  const pageSize = options.pageSize ?? 1_000;
  let written: string | undefined;
  try {
    return await db.transaction(async (tx) => {
      await tx.query('SELECT id FROM delivery_message_archive_state WHERE id = 1 FOR UPDATE');
      const last = await lastArchive(tx);
      const base = last?.lastSeq ?? 0;
      const end = await archivableEnd(tx, base, options.before, max);
      if (!end) return undefined;
      const lastRow = (await tx.query<{ hash: string }>('SELECT hash FROM delivery_message_log WHERE seq = $1', [end.seq])).rows[0]!;
      const fileName = archiveFileName(base + 1, end.seq);
      const path = join(options.dir, fileName);
      const writer = new ArchiveFileWriter(path);
      const prevHash = last?.lastHash ?? GENESIS_HASH;
      const prevFileSha256 = last?.fileSha256 ?? GENESIS_HASH;
      const createdAt = options.now().toISOString();
      let counts: { messages: number; timestamps: number; attemptIds: number[] };
      try {
        await writer.write({
          format: ARCHIVE_FORMAT,
          firstSeq: base + 1,
          lastSeq: end.seq,
          prevHash,
          lastHash: lastRow.hash,
          prevFileSha256,
          createdAt,
        });
        counts = {
          messages: await writeMessages(tx, writer, base, end.seq, prevHash, pageSize),
          timestamps: await writeTimestamps(tx, writer, end.seq),
          attemptIds: await writeAttempts(tx, writer, options.before, end.at, pageSize),
        };
      } catch (err) {
        await writer.abort();
        throw err;
      }
      const fileSha256 = await writer.finish();
      written = path;
      await tx.query(
        `INSERT INTO delivery_message_archives
           (file_name, first_seq, last_seq, prev_hash, last_hash, file_sha256, prev_file_sha256, messages, attempts, timestamps, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::timestamptz)`,
        [
          fileName,
          base + 1,
          end.seq,
          prevHash,
          lastRow.hash,
          fileSha256,
          prevFileSha256,
          counts.messages,
          counts.attemptIds.length,
          counts.timestamps,
          createdAt,
        ],
      );
      await tx.query('DELETE FROM delivery_message_log WHERE seq > $1 AND seq <= $2', [base, end.seq]);
      await tx.query('DELETE FROM delivery_message_timestamps WHERE seq <= $1', [end.seq]);
      for (let i = 0; i < counts.attemptIds.length; i += 5_000)
        await tx.query('DELETE FROM delivery_attempts WHERE id = ANY($1::bigint[])', [counts.attemptIds.slice(i, i + 5_000)]);
      return {
        fileName,
        firstSeq: base + 1,
        lastSeq: end.seq,
        prevHash,
        lastHash: lastRow.hash,
        fileSha256,
        prevFileSha256,
        messages: counts.messages,
        attempts: counts.attemptIds.length,
        timestamps: counts.timestamps,
        createdAt,
      };
    });
  } catch (err) {
    // The rows stay live when the index or the deletes failed: the written file is not kept.
    if (written) await unlink(written).catch(() => undefined);
    throw err;
  }
}

async function writeMessages(
  tx: SqlExecutor,
  writer: ArchiveFileWriter,
  base: number,
  endSeq: number,
  startHash: string,
  pageSize: number,
): Promise<number> {
  let cursor = base;
  let prevHash = startHash;
  let n = 0;
  while (cursor < endSeq) {
    const page = (
      await tx.query<LogRow>(
        `SELECT seq, at, direction, packet_id, channel, payload_hash, payload, prev_hash, hash
           FROM delivery_message_log WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3`,
        [cursor, endSeq, pageSize],
      )
    ).rows;
    if (page.length === 0) break;
    for (const r of page) {
      const seq = Number(r.seq);
      const at = new Date(r.at).toISOString();
      const intact =
        seq === cursor + 1 &&
        r.prev_hash === prevHash &&
        sha256(r.payload) === r.payload_hash &&
        chainHashFast(prevHash, seq, at, r.direction, r.packet_id, r.channel, r.payload_hash) === r.hash;
      if (!intact)
        throw new ConflictError(
          'MESSAGE_LOG_ARCHIVE_CHAIN_BROKEN',
          `Không lưu trữ được: bản ghi số ${cursor + 1} của nhật ký gói tin bị sửa hoặc bị xoá (chạy "lienthong audit verify")`,
          { seq: cursor + 1 },
        );
      await writer.write({
        type: 'message',
        seq,
        at,
        direction: r.direction,
        packetId: r.packet_id,
        channel: r.channel,
        payloadHash: r.payload_hash,
        payload: r.payload,
        prevHash: r.prev_hash,
        hash: r.hash,
      });
      prevHash = r.hash;
      cursor = seq;
      n++;
    }
  }
  if (cursor !== endSeq)
    throw new ConflictError('MESSAGE_LOG_ARCHIVE_CHAIN_BROKEN', `Không lưu trữ được: bản ghi số ${cursor + 1} của nhật ký gói tin bị xoá`, {
      seq: cursor + 1,
    });
  return n;
}

async function writeTimestamps(tx: SqlExecutor, writer: ArchiveFileWriter, endSeq: number): Promise<number> {
  const rows = (
    await tx.query<{ seq: string | number; head_hash: string; token: string; gen_time: Date; tsa: string; created_at: Date }>(
      'SELECT seq, head_hash, token, gen_time, tsa, created_at FROM delivery_message_timestamps WHERE seq <= $1 ORDER BY id',
      [endSeq],
    )
  ).rows;
  for (const r of rows)
    await writer.write({
      type: 'timestamp',
      seq: Number(r.seq),
      headHash: r.head_hash,
      token: r.token,
      genTime: new Date(r.gen_time).toISOString(),
      tsa: r.tsa,
      createdAt: new Date(r.created_at).toISOString(),
    });
  return rows.length;
}

/** Attempts older than the cutoff and no newer than the file's last record go with it. */
async function writeAttempts(tx: SqlExecutor, writer: ArchiveFileWriter, before: Date, lastAt: Date, pageSize: number): Promise<number[]> {
  const ids: number[] = [];
  let cursor = 0;
  for (;;) {
    const page = (
      await tx.query<{
        id: string | number;
        packet_id: string;
        attempt: number;
        channel: string;
        at: Date;
        outcome: string;
        error_code: string | null;
        error_message: string | null;
        duration_ms: number;
        correlation_id: string | null;
      }>(
        `SELECT id, packet_id, attempt, channel, at, outcome, error_code, error_message, duration_ms, correlation_id
           FROM delivery_attempts WHERE id > $1 AND at < $2::timestamptz AND at <= $3::timestamptz ORDER BY id LIMIT $4`,
        [cursor, before.toISOString(), lastAt.toISOString(), pageSize],
      )
    ).rows;
    if (page.length === 0) return ids;
    for (const r of page) {
      const id = Number(r.id);
      await writer.write({
        type: 'attempt',
        id,
        packetId: r.packet_id,
        attempt: r.attempt,
        channel: r.channel,
        at: new Date(r.at).toISOString(),
        outcome: r.outcome,
        errorCode: r.error_code,
        errorMessage: r.error_message,
        durationMs: r.duration_ms,
        correlationId: r.correlation_id,
      });
      ids.push(id);
      cursor = id;
    }
  }
}
