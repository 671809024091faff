import type { SqlExecutor } from '../../store/database.js';

/** One archive file as the live database indexes it (`delivery_message_archives`). */
export interface ArchiveIndexEntry {
  fileName: string;
  firstSeq: number;
  lastSeq: number;
  prevHash: string;
  lastHash: string;
  fileSha256: string;
  prevFileSha256: string;
  messages: number;
  attempts: number;
  timestamps: number;
  createdAt: string;
}

interface IndexRow {
  file_name: string;
  first_seq: string | number;
  last_seq: string | number;
  prev_hash: string;
  last_hash: string;
  file_sha256: string;
  prev_file_sha256: string;
  messages: number;
  attempts: number;
  timestamps: number;
  created_at: Date;
}

const COLUMNS =
  'file_name, first_seq, last_seq, prev_hash, last_hash, file_sha256, prev_file_sha256, messages, attempts, timestamps, created_at';

const toEntry = (r: IndexRow): ArchiveIndexEntry => ({
  fileName: r.file_name,
  firstSeq: Number(r.first_seq),
  lastSeq: Number(r.last_seq),
  prevHash: r.prev_hash,
  lastHash: r.last_hash,
  fileSha256: r.file_sha256,
  prevFileSha256: r.prev_file_sha256,
  messages: r.messages,
  attempts: r.attempts,
  timestamps: r.timestamps,
  createdAt: new Date(r.created_at).toISOString(),
});

/** The newest archive: the live chain continues after its last record. */
export async function lastArchive(sql: SqlExecutor): Promise<ArchiveIndexEntry | undefined> {
  const row = (await sql.query<IndexRow>(`SELECT ${COLUMNS} FROM delivery_message_archives ORDER BY last_seq DESC LIMIT 1`)).rows[0];
  return row ? toEntry(row) : undefined;
}

/** Every archive file, oldest first. */
export async function listArchives(sql: SqlExecutor): Promise<ArchiveIndexEntry[]> {
  return (await sql.query<IndexRow>(`SELECT ${COLUMNS} FROM delivery_message_archives ORDER BY last_seq`)).rows.map(toEntry);
}
